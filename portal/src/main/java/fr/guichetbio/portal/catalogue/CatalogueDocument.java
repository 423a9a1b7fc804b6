package fr.guichetbio.portal.catalogue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.List;

/**
 * A catalogue/v1 document ({@code catalogue/catalogue-v1.schema.json}), field for field. Codes stay strings: the
 * document is validated against the schema before it is read into these records. Absent values are {@code null} and
 * are left out when written.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"format", "generatedAt", "organisations"})
public record CatalogueDocument(String format, String generatedAt, List<Org> organisations) {

    public static final String FORMAT = "catalogue/v1";

    /** French and/or English text. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Text(String fr, String en) {

        public static Text of(String fr, String en) {
            return fr == null && en == null ? null : new Text(fr, en);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"key", "name", "siren", "kind", "website", "description", "contactEmail", "sites"})
    public record Org(
            String key,
            String name,
            String siren,
            String kind,
            String website,
            Text description,
            String contactEmail,
            List<Site> sites) {

        /** The same organisation with other sites ({@code null}: without its sites). */
        public Org withSites(List<Site> sites) {
            return new Org(key, name, siren, kind, website, description, contactEmail, sites);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({
        "key",
        "name",
        "siret",
        "address",
        "location",
        "identifiers",
        "gmpEvidence",
        "capabilities",
        "availability"
    })
    public record Site(
            String key,
            String name,
            String siret,
            Address address,
            Location location,
            Identifiers identifiers,
            List<Evidence> gmpEvidence,
            List<Capability> capabilities,
            List<Availability> availability) {

        /** The same site with other lists. */
        public Site withLists(
                List<Evidence> gmpEvidence, List<Capability> capabilities, List<Availability> availability) {
            return new Site(key, name, siret, address, location, identifiers, gmpEvidence, capabilities, availability);
        }

        /** The site's own fields (name, address, location, identifiers) without its lists. */
        public Site details() {
            return withLists(null, null, null);
        }

        /** The same site under another key. */
        public Site withKey(String key) {
            return new Site(key, name, siret, address, location, identifiers, gmpEvidence, capabilities, availability);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"street", "postalCode", "city", "regionCode", "country"})
    public record Address(String street, String postalCode, String city, String regionCode, String country) {}

    public record Location(BigDecimal lat, BigDecimal lon) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Identifiers(String omsOrganisationId, String omsLocationId, String fdaFei) {

        public static Identifiers of(String omsOrganisationId, String omsLocationId, String fdaFei) {
            return omsOrganisationId == null && omsLocationId == null && fdaFei == null
                    ? null
                    : new Identifiers(omsOrganisationId, omsLocationId, fdaFei);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({
        "kind",
        "authority",
        "reference",
        "issued",
        "inspected",
        "validUntil",
        "scopeCodes",
        "outcome",
        "verification"
    })
    public record Evidence(
            String kind,
            String authority,
            String reference,
            String issued,
            String inspected,
            String validUntil,
            List<String> scopeCodes,
            String outcome,
            String verification) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({
        "modality",
        "services",
        "stages",
        "expressionSystems",
        "gmp",
        "bioreactors",
        "technologies",
        "cleanroomSuites",
        "batchesPerYear",
        "notes"
    })
    public record Capability(
            String modality,
            List<String> services,
            List<String> stages,
            List<String> expressionSystems,
            Boolean gmp,
            List<Bioreactor> bioreactors,
            List<String> technologies,
            Integer cleanroomSuites,
            Integer batchesPerYear,
            Text notes) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"technology", "workingVolumeLitres", "count"})
    public record Bioreactor(String technology, BigDecimal workingVolumeLitres, Integer count) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"from", "to", "modality", "stage", "workingVolumeLitres", "slots", "note"})
    public record Availability(
            String from,
            String to,
            String modality,
            String stage,
            BigDecimal workingVolumeLitres,
            Integer slots,
            Text note) {}

    /** The site with empty lists and absent lists alike (they mean the same), for comparisons and snapshots. */
    public static Site normalise(Site site) {
        if (site == null) {
            return null;
        }
        return site.withLists(
                empty(site.gmpEvidence()),
                empty(
                        site.capabilities() == null
                                ? null
                                : site.capabilities().stream()
                                        .map(c -> new Capability(
                                                c.modality(),
                                                c.services(),
                                                c.stages(),
                                                empty(c.expressionSystems()),
                                                c.gmp(),
                                                empty(c.bioreactors()),
                                                empty(c.technologies()),
                                                c.cleanroomSuites(),
                                                c.batchesPerYear(),
                                                c.notes()))
                                        .toList()),
                empty(site.availability()));
    }

    private static <T> List<T> empty(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }
}
