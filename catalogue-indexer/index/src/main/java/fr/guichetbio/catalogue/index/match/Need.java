package fr.guichetbio.catalogue.index.match;

import java.util.List;
import java.util.Objects;

/**
 * What a sponsor needs made, as the shortlist reads it: the required criteria exclude a site, the preferred ones rank
 * it. Codes are the catalogue contract's (modalities, stages, services, technologies, expression systems,
 * verification levels).
 *
 * @param modality required: the site makes this modality
 * @param stage required when not {@code null}: the site serves this development stage
 * @param region required: where the site may be
 * @param minimumVerification required: the site's best GMP evidence is at least this level ({@link Verification})
 * @param gmp required when {@code true}: the site runs at least one capability under GMP
 * @param expressionSystem preferred when not {@code null}
 * @param services preferred, each one counted
 * @param technologies required: the site declares each of these production technologies
 * @param preferredTechnologies preferred, each one counted
 * @param litresPerBatch preferred when not {@code null}: a bioreactor of at least this working volume (half of it
 *     partly meets the need: two batches instead of one)
 * @param startQuarters preferred: an open capacity slot in one of these quarters ({@code 2027-Q2})
 */
public record Need(
        String modality,
        String stage,
        Region region,
        Verification minimumVerification,
        boolean gmp,
        String expressionSystem,
        List<String> services,
        List<String> technologies,
        List<String> preferredTechnologies,
        Double litresPerBatch,
        List<String> startQuarters) {

    public Need {
        Objects.requireNonNull(modality, "modality");
        region = region == null ? new Region.Anywhere() : region;
        minimumVerification = minimumVerification == null ? Verification.SELF_DECLARED : minimumVerification;
        services = services == null ? List.of() : List.copyOf(services);
        technologies = technologies == null ? List.of() : List.copyOf(technologies);
        preferredTechnologies = preferredTechnologies == null ? List.of() : List.copyOf(preferredTechnologies);
        startQuarters = startQuarters == null ? List.of() : List.copyOf(startQuarters);
        if (litresPerBatch != null && !(litresPerBatch > 0)) {
            throw new IllegalArgumentException("litresPerBatch must be positive: " + litresPerBatch);
        }
    }

    /** Where the manufacturing site may be. */
    public sealed interface Region {
        record Anywhere() implements Region {}

        record France() implements Region {}

        /** A member state of the European Union ({@link Shortlister#EU_COUNTRIES}). */
        record EuropeanUnion() implements Region {}

        /** Within {@code radiusKm} of a point. */
        record Near(double lat, double lon, int radiusKm) implements Region {
            public Near {
                if (radiusKm <= 0) {
                    throw new IllegalArgumentException("radiusKm must be positive: " + radiusKm);
                }
            }
        }
    }

    /** The verification levels of GMP evidence, weakest first (catalogue contract, {@code verification}). */
    public enum Verification {
        SELF_DECLARED,
        DOCUMENT_CHECKED,
        REGISTRY_MATCHED;

        /** This level and the stronger ones. */
        List<Verification> andAbove() {
            return List.of(values()).subList(ordinal(), values().length);
        }
    }
}
