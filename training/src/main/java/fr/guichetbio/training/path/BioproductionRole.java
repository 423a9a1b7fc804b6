package fr.guichetbio.training.path;

/**
 * The bioproduction roles (job families) learning paths prepare for, as named in the sector's vocabulary. Their
 * labels are the portal's ({@code training.role.<NAME>} in its message bundles).
 */
public enum BioproductionRole {
    /** Upstream (cell culture) production operator. */
    USP_OPERATOR,
    /** Downstream (purification) production operator. */
    DSP_OPERATOR,
    /** Quality control analyst (microbiology, physico-chemistry, bioassays). */
    QC_ANALYST,
    /** Quality assurance specialist, assistant to the qualified person. */
    QA_ASSISTANT,
    /** Process engineer, manufacturing science and technology (MSAT). */
    PROCESS_ENGINEER,
    /** Aseptic fill and finish operator. */
    ASEPTIC_FILLING_OPERATOR,
    /** Cell and gene therapy (ATMP) manufacturing technician. */
    ATMP_OPERATOR
}
