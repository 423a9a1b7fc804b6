package fr.guichetbio.catalogue.index.match;

/**
 * A criterion of a {@link Need}, as the shortlist explains it. Required criteria filter (a shortlisted site meets them
 * all); preferred ones add their {@link #weight} to a site's score when met ({@code VOLUME_PARTLY} is the partial form
 * of {@code VOLUME}).
 */
public enum Criterion {
    MODALITY(true, 0),
    STAGE(true, 0),
    REGION(true, 0),
    VERIFICATION(true, 0),
    /** One per technology required: its name is {@code TECHNOLOGY:<code>} in the request. */
    TECHNOLOGY(true, 0),
    GMP(true, 0),
    EXPRESSION_SYSTEM(false, 3),
    /** One per service asked for: its name is {@code SERVICE:<code>} in the request. */
    SERVICE(false, 2),
    /** One per technology preferred: its name is {@code TECHNOLOGY_PREFERRED:<code>} in the request. */
    TECHNOLOGY_PREFERRED(false, 2),
    VOLUME(false, 3),
    VOLUME_PARTLY(false, 1),
    START(false, 3);

    private final boolean required;
    private final float weight;

    Criterion(boolean required, float weight) {
        this.required = required;
        this.weight = weight;
    }

    public boolean required() {
        return required;
    }

    /** What meeting it adds to a site's score: the ranking is the sum over the preferred criteria met. */
    public float weight() {
        return weight;
    }
}
