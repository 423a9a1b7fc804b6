package fr.guichetbio.portal.matchmaking.sizing;

/**
 * Every numeric input of the calculator: its URL parameter, its unit, the range it must fall in and why (the pages
 * show {@code sizing.input.<parameter>.reason}; the API the English {@link #reason}). Declared once, used by the page,
 * the API and the tests. Ranges refuse zero, negative and absurd values, not unusual ones: their bounds are wide.
 */
public enum Input {
    ANNUAL_QUANTITY(
            "quantite",
            Unit.KG_PER_YEAR,
            0.001,
            100_000,
            false,
            "from 1 g a year (a clinical supply) up to 100 t, above the world's largest antibody franchise"),
    TITRE(
            "titre",
            Unit.G_PER_L,
            0.01,
            20,
            false,
            "below 0.01 g/L no process is run at scale; above 20 g/L is beyond published intensified fed-batch titres"),
    DOWNSTREAM_YIELD("rendement", Unit.PERCENT, 1, 100, false, "a share of the product, above 0 and at most 100 %"),
    BATCH_SUCCESS(
            "reussite",
            Unit.PERCENT,
            10,
            100,
            false,
            "a share of batches released; below 10 % a process is not run in GMP"),
    WORKING_VOLUME(
            "volume",
            Unit.LITRES,
            1,
            25_000,
            false,
            "from a 1 L culture up to 25,000 L, the largest stainless-steel bioreactors in service"),
    CADENCE(
            "cadence",
            Unit.BATCHES_PER_TRAIN_PER_MONTH,
            0.1,
            10,
            false,
            "a production train starts at most about one batch every three days"),
    OPERATING_MONTHS("mois", Unit.MONTHS_PER_YEAR, 1, 12, true, "a whole number of months in a year"),
    DOSE_PER_KG(
            "dose",
            Unit.VG_PER_KG,
            1e8,
            1e16,
            false,
            "vector genomes per kg: systemic AAV doses reach a few 1e14 vg/kg; 1e16 leaves a wide margin"),
    DOSE_PER_PATIENT(
            "dose",
            Unit.VG_PER_PATIENT,
            1e8,
            1e18,
            false,
            "vector genomes per patient: 1e18 is above any dose given to a patient"),
    PATIENT_WEIGHT("poids", Unit.KG, 0.5, 250, false, "from a premature newborn to a heavy adult"),
    PATIENTS("patients", Unit.PATIENTS_PER_YEAR, 1, 100_000, true, "a whole number of patients, at least one"),
    PRODUCTIVITY(
            "productivite",
            Unit.VG_PER_L,
            1e9,
            1e17,
            false,
            "vector genomes per litre of culture harvested: 1e13 to 1e15 are usual"),
    DOSES_PER_BATCH("doses", Unit.DOSES_PER_BATCH, 1, 100_000, true, "a whole number of doses, at least one"),
    BATCH_DURATION("duree", Unit.DAYS, 1, 90, false, "the days a batch occupies a suite, from seeding to harvest"),
    PARALLEL_BATCHES(
            "parallele",
            Unit.BATCHES_IN_PARALLEL,
            1,
            20,
            true,
            "a whole number of batches run side by side in one suite (closed automated systems allow several)"),
    OPERATING_DAYS(
            "jours",
            Unit.DAYS_PER_YEAR,
            1,
            365,
            true,
            "a whole number of days in a year the suites produce, after shutdowns and requalification");

    private final String parameter;
    private final Unit unit;
    private final double min;
    private final double max;
    private final boolean whole;
    private final String reason;

    Input(String parameter, Unit unit, double min, double max, boolean whole, String reason) {
        this.parameter = parameter;
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.whole = whole;
        this.reason = reason;
    }

    public String parameter() {
        return parameter;
    }

    public Unit unit() {
        return unit;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** Whether only whole numbers make sense (patients, days…). */
    public boolean whole() {
        return whole;
    }

    /** Why the range is what it is, in English (for API callers; the pages have it in both languages). */
    public String reason() {
        return reason;
    }

    /** The message key of the reason, {@code sizing.input.<parameter>.reason} (per unit for the two doses). */
    public String messageKey() {
        return "sizing.input." + name() + ".reason";
    }

    public Quantity quantity(double value) {
        return new Quantity(value, unit);
    }
}
