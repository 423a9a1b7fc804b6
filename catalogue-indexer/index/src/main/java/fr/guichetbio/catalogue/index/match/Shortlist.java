package fr.guichetbio.catalogue.index.match;

import java.time.LocalDate;
import java.util.List;

/**
 * The manufacturer sites that meet a {@link Need}'s required criteria, best first, each with how it meets every
 * criterion asked for.
 *
 * @param total how many sites meet the required criteria (all of them, not only those listed)
 */
public record Shortlist(long total, List<Candidate> candidates) {

    public Shortlist {
        candidates = List.copyOf(candidates);
    }

    /**
     * A shortlisted site.
     *
     * @param score the sum of the weights of the preferred criteria it meets
     * @param distanceKm from the point of a {@link Need.Region.Near} need, else {@code null}
     * @param checks one per criterion the need asks about, required ones first
     */
    public record Candidate(
            String key,
            String name,
            String organisationName,
            String organisationSlug,
            String city,
            String regionCode,
            String country,
            double largestVolumeLitres,
            String verification,
            LocalDate nextSlotFrom,
            List<String> availabilityQuarters,
            Double distanceKm,
            double score,
            List<Check> checks) {

        public Candidate {
            availabilityQuarters = List.copyOf(availabilityQuarters);
            checks = List.copyOf(checks);
        }
    }

    /**
     * How a site meets one criterion.
     *
     * @param code the service or technology code for a criterion asked once per code ({@link Criterion#SERVICE},
     *     {@link Criterion#TECHNOLOGY}, {@link Criterion#TECHNOLOGY_PREFERRED}), else {@code null}
     */
    public record Check(Criterion criterion, String code, Status status) {}

    public enum Status {
        MET,
        PARTLY_MET,
        NOT_MET
    }

    /**
     * Why a site is not on a shortlist.
     *
     * @param failed the required criteria it does not meet; empty when it meets them all (it ranks below those listed)
     */
    public record Exclusion(String siteKey, List<Check> failed) {

        public Exclusion {
            failed = List.copyOf(failed);
        }
    }
}
