package fr.guichetbio.portal.matchmaking.sizing;

import java.util.List;

/** The result of a calculation: its inputs, its headline figures (per modality) and every step that led to them. */
public sealed interface Sizing permits ProteinSizing, ViralVectorSizing, CellTherapySizing {

    SizingRequest request();

    /** Batches to start a year, failed ones included: every modality plans with it. */
    int batchesPerYear();

    List<Step> steps();
}
