package fr.guichetbio.portal.catalogue.listing.web;

import fr.guichetbio.portal.catalogue.PublicSites;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * How far the production technologies have spread in the public catalogue: for each technology, the sites and
 * organisations declaring it, in all and by French region and by modality. Counted per site, as the search counts
 * (a site declaring the technology on one capability and making the modality on another counts for both), so that
 * each figure is the number of results of the search its row links to.
 */
@Repository
class TechnologyAdoption {

    /** Sites and organisations behind one figure. */
    record Count(String code, long sites, long organisations) {}

    /** One technology: its totals and its breakdowns (only the rows with at least one site). */
    record Adoption(
            Vocabulary.Technology technology,
            long sites,
            long organisations,
            List<Count> byRegion,
            long sitesOutsideFrance,
            List<Count> byModality) {}

    /** Every technology, declared or not, in vocabulary order, and the number of public sites. */
    record Picture(long publicSites, List<Adoption> technologies) {}

    private static final String DECLARED = """
            with declared as (
                select distinct s.id site_id, s.organisation_id, s.country, s.region_code, t.code technology
                from site s
                join organisation o on o.id = s.organisation_id
                join capability c on c.site_id = s.id
                cross join lateral unnest(c.technologies) as t(code)
                where %s)
            """.formatted(PublicSites.CONDITION);

    private final JdbcClient jdbc;

    TechnologyAdoption(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    Picture picture() {
        long publicSites = jdbc.sql("select count(*) from site s join organisation o on o.id = s.organisation_id where "
                        + PublicSites.CONDITION)
                .query(Long.class)
                .single();
        Map<Vocabulary.Technology, Count> totals = byTechnology(DECLARED + """
                select technology, null, count(distinct site_id), count(distinct organisation_id)
                from declared group by technology
                """);
        Map<Vocabulary.Technology, List<Count>> byRegion = grouped(DECLARED + """
                select technology, region_code, count(distinct site_id), count(distinct organisation_id)
                from declared where country = 'FR' group by technology, region_code
                order by technology, count(distinct site_id) desc, region_code
                """);
        Map<Vocabulary.Technology, Count> outside = byTechnology(DECLARED + """
                select technology, null, count(distinct site_id), count(distinct organisation_id)
                from declared where country <> 'FR' group by technology
                """);
        Map<Vocabulary.Technology, List<Count>> byModality = grouped(DECLARED + """
                select d.technology, m.modality, count(distinct d.site_id), count(distinct d.organisation_id)
                from declared d join (select distinct site_id, modality from capability) m on m.site_id = d.site_id
                group by d.technology, m.modality
                order by d.technology, count(distinct d.site_id) desc, m.modality
                """);
        List<Adoption> technologies = new ArrayList<>();
        for (Vocabulary.Technology technology : Vocabulary.Technology.values()) {
            Count total = totals.getOrDefault(technology, new Count(null, 0, 0));
            Count abroad = outside.get(technology);
            technologies.add(new Adoption(
                    technology,
                    total.sites(),
                    total.organisations(),
                    byRegion.getOrDefault(technology, List.of()),
                    abroad == null ? 0 : abroad.sites(),
                    byModality.getOrDefault(technology, List.of())));
        }
        return new Picture(publicSites, technologies);
    }

    private record Row(Vocabulary.Technology technology, Count count) {}

    private List<Row> counts(String sql) {
        return jdbc.sql(sql)
                .query((rs, n) -> new Row(
                        Vocabulary.Technology.valueOf(rs.getString(1)),
                        new Count(rs.getString(2), rs.getLong(3), rs.getLong(4))))
                .list();
    }

    private Map<Vocabulary.Technology, Count> byTechnology(String sql) {
        Map<Vocabulary.Technology, Count> counts = new EnumMap<>(Vocabulary.Technology.class);
        counts(sql).forEach(row -> counts.put(row.technology(), row.count()));
        return counts;
    }

    private Map<Vocabulary.Technology, List<Count>> grouped(String sql) {
        Map<Vocabulary.Technology, List<Count>> grouped = new EnumMap<>(Vocabulary.Technology.class);
        for (Row row : counts(sql)) {
            grouped.computeIfAbsent(row.technology(), t -> new ArrayList<>()).add(row.count());
        }
        return grouped;
    }
}
