package fr.guichetbio.portal.matchmaking.brief;

import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary.ExpressionSystem;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary.Modality;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary.Service;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary.Stage;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary.Technology;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary.VerificationLevel;
import java.util.List;
import java.util.Objects;

/**
 * What a brief says, as its authors edit it (the form, the API and the audit trail share it). Checked by {@link
 * BriefRules} before it is saved.
 *
 * @param annualQuantityKg what the sponsor needs a year, when it is a mass (proteins, antibodies)
 * @param litresPerBatch the working volume a batch needs: what the shortlist compares with the bioreactors
 * @param sizing the capacity sizing it came from (its query string), or {@code null}
 * @param technologies production technologies a site must declare (each of them)
 * @param preferredTechnologies production technologies that rank a site higher (each one it declares)
 * @param startFrom first quarter the sponsor could start, e.g. {@code 2027-Q2}
 * @param place the centre of a {@link Region#NEAR} constraint, else {@code null}
 * @param anonymous manufacturers see the brief without the sponsor's name until the sponsor reveals it
 */
public record BriefContent(
        String title,
        Modality modality,
        ExpressionSystem expressionSystem,
        Stage stage,
        Double annualQuantityKg,
        Double litresPerBatch,
        String sizing,
        List<Service> services,
        List<Technology> technologies,
        List<Technology> preferredTechnologies,
        Quarter startFrom,
        Quarter startTo,
        Region region,
        Place place,
        Integer radiusKm,
        VerificationLevel minimumVerification,
        boolean gmpRequired,
        boolean anonymous) {

    public BriefContent {
        services = services == null ? List.of() : List.copyOf(services);
        technologies = technologies == null ? List.of() : List.copyOf(technologies);
        preferredTechnologies = preferredTechnologies == null ? List.of() : List.copyOf(preferredTechnologies);
        region = Objects.requireNonNullElse(region, Region.ANYWHERE);
        minimumVerification = Objects.requireNonNullElse(minimumVerification, VerificationLevel.SELF_DECLARED);
    }

    /**
     * The content as the audit trail and a request's snapshot keep it: codes and figures, no personal data (the place
     * of a "near" constraint is a commune).
     */
    public java.util.Map<String, Object> summary() {
        java.util.Map<String, Object> view = new java.util.LinkedHashMap<>();
        view.put("title", title);
        view.put("modality", modality == null ? null : modality.name());
        view.put("expressionSystem", expressionSystem == null ? null : expressionSystem.name());
        view.put("stage", stage == null ? null : stage.name());
        view.put("annualQuantityKg", annualQuantityKg);
        view.put("litresPerBatch", litresPerBatch);
        view.put("services", services.stream().map(Enum::name).toList());
        view.put("technologies", technologies.stream().map(Enum::name).toList());
        view.put(
                "preferredTechnologies",
                preferredTechnologies.stream().map(Enum::name).toList());
        view.put("startFrom", startFrom == null ? null : startFrom.toString());
        view.put("startTo", startTo == null ? null : startTo.toString());
        view.put("region", region.name());
        view.put("place", place == null ? null : place.name());
        view.put("radiusKm", radiusKm);
        view.put("minimumVerification", minimumVerification.name());
        view.put("gmpRequired", gmpRequired);
        view.put("anonymous", anonymous);
        return view;
    }

    /** Where the manufacturing site may be. */
    public enum Region {
        ANYWHERE,
        FRANCE,
        EU,
        NEAR
    }

    /** A resolved place: a commune's name and its coordinates (from the gazetteer when the brief was saved). */
    public record Place(String name, double lat, double lon) {}

    /** A calendar quarter, {@code 2027-Q2}. */
    public record Quarter(int year, int quarter) implements Comparable<Quarter> {

        public Quarter {
            if (quarter < 1 || quarter > 4) {
                throw new IllegalArgumentException("quarter must be 1..4: " + quarter);
            }
        }

        /** {@code 2027-Q2} (also {@code 2027-T2}, the French spelling), or {@code null} when blank. */
        public static Quarter parse(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            String t = text.strip().toUpperCase(java.util.Locale.ROOT);
            if (!t.matches("\\d{4}-[QT][1-4]")) {
                throw new IllegalArgumentException("not a quarter: " + text);
            }
            return new Quarter(Integer.parseInt(t.substring(0, 4)), t.charAt(6) - '0');
        }

        /** The quarters from this one to {@code last}, both included (at most 40: ten years). */
        public List<Quarter> through(Quarter last) {
            List<Quarter> quarters = new java.util.ArrayList<>();
            Quarter q = this;
            while (q.compareTo(last) <= 0 && quarters.size() < 40) {
                quarters.add(q);
                q = q.quarter == 4 ? new Quarter(q.year + 1, 1) : new Quarter(q.year, q.quarter + 1);
            }
            return quarters;
        }

        @Override
        public int compareTo(Quarter other) {
            return Integer.compare(year * 4 + quarter, other.year * 4 + other.quarter);
        }

        @Override
        public String toString() {
            return year + "-Q" + quarter;
        }
    }
}
