package fr.guichetbio.portal.matchmaking.sizing;

/** The units of inputs and figures; the pages label them with {@code sizing.unit.<NAME>} (the number as {0}). */
public enum Unit {
    KG_PER_YEAR,
    KG,
    G_PER_L,
    PERCENT,
    LITRES,
    LITRES_PER_YEAR,
    BATCHES_PER_YEAR,
    BATCHES_PER_TRAIN_PER_MONTH,
    BATCHES_PER_TRAIN_PER_YEAR,
    MONTHS_PER_YEAR,
    TRAINS,
    VG_PER_KG,
    VG_PER_PATIENT,
    VG_PER_YEAR,
    VG_PER_L,
    PATIENTS_PER_YEAR,
    DOSES_PER_BATCH,
    DAYS,
    DAYS_PER_YEAR,
    SUITE_DAYS_PER_YEAR,
    BATCHES_IN_PARALLEL,
    SUITES,
    /** A plain number (a ratio already applied, such as a share written as a fraction). */
    NONE
}
