package fr.guichetbio.portal.catalogue.listing.web;

import fr.guichetbio.portal.catalogue.PublicSites;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public catalogue as read by its pages, straight from PostgreSQL (the pages work with Elasticsearch down). Only
 * sites of ACTIVE organisations are public. An organisation's page shows its sites through {@link OrganisationSites}.
 */
@Component
@Transactional(readOnly = true)
public class PublicCatalogue {

    static final int PAGE_SIZE = 20;

    private final JdbcClient jdbc;

    PublicCatalogue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A quarter of the open-capacity calendar and the slots that overlap it. */
    public record Quarter(int year, int quarter, List<SlotLine> slots) {}

    /** An option of a filter with its count of sites. */
    public record Option(String code, String messageKey, int count) {}

    /** A line of a list of sites. */
    public record SiteSummary(
            String key,
            String name,
            String organisationName,
            String organisationSlug,
            String city,
            String regionCode,
            List<String> modalities,
            BigDecimal largestVolume) {}

    public record SiteDetail(
            long id,
            String key,
            String name,
            String street,
            String postalCode,
            String city,
            String regionCode,
            String country,
            String organisationName,
            String organisationSlug,
            List<CapabilityLine> capabilities,
            List<ReactorLine> bioreactors,
            List<EvidenceLine> evidence,
            List<SlotLine> slots) {

        public List<String> modalities() {
            return capabilities.stream()
                    .map(CapabilityLine::modality)
                    .distinct()
                    .toList();
        }

        public List<String> stages() {
            return capabilities.stream()
                    .flatMap(c -> c.stages().stream())
                    .distinct()
                    .toList();
        }

        public List<String> expressionSystems() {
            return capabilities.stream()
                    .flatMap(c -> c.expressionSystems().stream())
                    .distinct()
                    .toList();
        }

        public List<String> technologies() {
            return capabilities.stream()
                    .flatMap(c -> c.technologies().stream())
                    .distinct()
                    .toList();
        }
    }

    public record CapabilityLine(
            long id,
            String modality,
            List<String> services,
            List<String> stages,
            List<String> expressionSystems,
            List<String> technologies) {}

    public record ReactorLine(String modality, String technology, BigDecimal workingVolumeLitres, Integer count) {}

    public record EvidenceLine(
            String kind,
            String authority,
            String reference,
            LocalDate issued,
            LocalDate validUntil,
            String outcome,
            String verification,
            LocalDate checkedOn) {}

    public record SlotLine(
            LocalDate from,
            LocalDate to,
            String modality,
            String stage,
            BigDecimal workingVolumeLitres,
            Integer slots) {}

    /** A public site with its capabilities, GMP evidence and the slots that end today or later. */
    Optional<SiteDetail> site(String key, LocalDate today) {
        record Head(
                long id,
                String key,
                String name,
                String street,
                String postalCode,
                String city,
                String region,
                String country,
                String organisationName,
                String organisationSlug) {}
        Optional<Head> head = jdbc.sql("""
                        select s.id, s.site_key, s.name, s.street, s.postal_code, s.city, s.region_code, s.country,
                               o.name, o.slug
                        from site s join organisation o on o.id = s.organisation_id
                        where s.site_key = :key and\s""" + PublicSites.CONDITION)
                .param("key", key)
                .query((rs, n) -> new Head(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getString(10)))
                .optional();
        return head.map(h -> {
            List<CapabilityLine> capabilities = jdbc.sql("""
                            select id, modality, services, stages, expression_systems, technologies from capability
                            where site_id = :site order by position
                            """)
                    .param("site", h.id())
                    .query((rs, n) -> new CapabilityLine(
                            rs.getLong(1),
                            rs.getString(2),
                            strings(rs.getArray(3)),
                            strings(rs.getArray(4)),
                            strings(rs.getArray(5)),
                            strings(rs.getArray(6))))
                    .list();
            List<ReactorLine> reactors = jdbc.sql("""
                            select c.modality, b.technology, b.working_volume_litres, b.unit_count
                            from bioreactor b join capability c on c.id = b.capability_id
                            where c.site_id = :site order by c.position, b.position
                            """)
                    .param("site", h.id())
                    .query((rs, n) ->
                            new ReactorLine(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), integer(rs, 4)))
                    .list();
            List<EvidenceLine> evidence = jdbc.sql("""
                            select kind, authority, reference, issued, valid_until, outcome, verification,
                                   (checked_at at time zone 'Europe/Paris')::date
                            from gmp_evidence where site_id = :site order by position
                            """)
                    .param("site", h.id())
                    .query((rs, n) -> new EvidenceLine(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            date(rs.getDate(4)),
                            date(rs.getDate(5)),
                            rs.getString(6),
                            rs.getString(7) == null ? "SELF_DECLARED" : rs.getString(7),
                            date(rs.getDate(8))))
                    .list();
            List<SlotLine> slots = jdbc.sql("""
                            select available_from, available_to, modality, stage, working_volume_litres, slots
                            from availability_slot where site_id = :site and available_to >= :today
                            order by available_from, position
                            """)
                    .param("site", h.id())
                    .param("today", Date.valueOf(today))
                    .query((rs, n) -> new SlotLine(
                            date(rs.getDate(1)),
                            date(rs.getDate(2)),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getBigDecimal(5),
                            integer(rs, 6)))
                    .list();
            return new SiteDetail(
                    h.id(),
                    h.key(),
                    h.name(),
                    h.street(),
                    h.postalCode(),
                    h.city(),
                    h.region(),
                    h.country(),
                    h.organisationName(),
                    h.organisationSlug(),
                    capabilities,
                    reactors,
                    evidence,
                    slots);
        });
    }

    /** The public sites of an organisation, by name (empty for unknown or non-active organisations). */
    public List<SiteSummary> sitesOf(String organisationSlug) {
        return summaries("o.slug = :slug", Map.of("slug", organisationSlug), 0, Integer.MAX_VALUE);
    }

    /** A page of public sites, filtered by modality and/or region (null for any). */
    List<SiteSummary> browse(String modality, String region, int page) {
        Filter filter = filter(modality, region);
        return summaries(filter.where(), filter.params(), (long) page * PAGE_SIZE, PAGE_SIZE + 1);
    }

    /** Count of public sites per modality, with the region filter applied. */
    Map<String, Integer> modalityCounts(String region) {
        Filter filter = filter(null, region);
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.sql("select m.modality, count(distinct s.id) from site s join organisation o on o.id = s.organisation_id"
                        + " join capability m on m.site_id = s.id where o.status = 'ACTIVE' and " + filter.where()
                        + " group by m.modality")
                .params(filter.params())
                .query((ResultSet rs) -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
    }

    /** Count of public sites per region, with the modality filter applied. */
    Map<String, Integer> regionCounts(String modality) {
        Filter filter = filter(modality, null);
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.sql("select s.region_code, count(*) from site s join organisation o on o.id = s.organisation_id"
                        + " where " + PublicSites.CONDITION + " and s.region_code is not null and " + filter.where()
                        + " group by s.region_code")
                .params(filter.params())
                .query((ResultSet rs) -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
    }

    /** Slugs of active organisations, for the sitemap. */
    List<String> activeOrganisationSlugs() {
        return jdbc.sql("select slug from organisation where status = 'ACTIVE' order by slug")
                .query(String.class)
                .list();
    }

    /** Keys of public sites, for the sitemap. */
    List<String> publicSiteKeys() {
        return jdbc.sql("select s.site_key from site s join organisation o on o.id = s.organisation_id" + " where "
                        + PublicSites.CONDITION + " order by s.site_key")
                .query(String.class)
                .list();
    }

    private record Filter(String where, Map<String, Object> params) {}

    private static Filter filter(String modality, String region) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        where.add("true");
        if (modality != null) {
            where.add("exists (select 1 from capability fc where fc.site_id = s.id and fc.modality = :modality)");
            params.put("modality", modality);
        }
        if (region != null) {
            where.add("s.region_code = :region");
            params.put("region", region);
        }
        return new Filter(String.join(" and ", where), params);
    }

    private List<SiteSummary> summaries(String where, Map<String, Object> params, long offset, int limit) {
        return jdbc.sql("select s.site_key, s.name, o.name, o.slug, s.city, s.region_code,"
                        + " array(select distinct c.modality from capability c where c.site_id = s.id"
                        + " order by c.modality) as modalities,"
                        + " (select max(b.working_volume_litres) from bioreactor b"
                        + " join capability c on c.id = b.capability_id where c.site_id = s.id) as largest"
                        + " from site s join organisation o on o.id = s.organisation_id"
                        + " where " + PublicSites.CONDITION + " and " + where
                        + " order by s.name, s.site_key offset :offset limit :limit")
                .params(params)
                .param("offset", offset)
                .param("limit", limit)
                .query((rs, n) -> new SiteSummary(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        strings(rs.getArray(7)),
                        rs.getBigDecimal(8)))
                .list();
    }

    private static LocalDate date(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.asList((String[]) array.getArray());
    }
}
