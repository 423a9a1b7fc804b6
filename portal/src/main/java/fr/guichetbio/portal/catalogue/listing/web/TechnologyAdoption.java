package fr.guichetbio.portal.catalogue.listing.web;

import fr.guichetbio.portal.catalogue.PublicSites;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import java.sql.ResultSet;
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

    /**
     * Every figure in one statement (the declarations read once): rows of breakdown ({@code published}: the public
     * sites; {@code total}, {@code abroad}, {@code region}, {@code modality}), technology, code, sites, organisations.
     */
    private static final String FIGURES = """
            with public_site as (
                select s.id, s.organisation_id, s.country, s.region_code
                from site s join organisation o on o.id = s.organisation_id
                where %s),
            declared as (
                select distinct s.id site_id, s.organisation_id, s.country, s.region_code, t.code technology
                from public_site s
                join capability c on c.site_id = s.id
                cross join lateral unnest(c.technologies) as t(code))
            select 'published' breakdown, null technology, null code, count(*) sites, 0 organisations
              from public_site
            union all
            select 'total', technology, null, count(distinct site_id), count(distinct organisation_id)
              from declared group by technology
            union all
            select 'abroad', technology, null, count(distinct site_id), count(distinct organisation_id)
              from declared where country <> 'FR' group by technology
            union all
            select 'region', technology, region_code, count(distinct site_id), count(distinct organisation_id)
              from declared where country = 'FR' group by technology, region_code
            union all
            select 'modality', d.technology, m.modality, count(distinct d.site_id), count(distinct d.organisation_id)
              from declared d join (select distinct site_id, modality from capability) m on m.site_id = d.site_id
             group by d.technology, m.modality
            order by breakdown, technology, sites desc, code
            """.formatted(PublicSites.CONDITION);

    private final JdbcClient jdbc;

    TechnologyAdoption(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    Picture picture() {
        long[] publicSites = {0};
        Map<Vocabulary.Technology, Count> totals = new EnumMap<>(Vocabulary.Technology.class);
        Map<Vocabulary.Technology, Count> outside = new EnumMap<>(Vocabulary.Technology.class);
        Map<Vocabulary.Technology, List<Count>> byRegion = new EnumMap<>(Vocabulary.Technology.class);
        Map<Vocabulary.Technology, List<Count>> byModality = new EnumMap<>(Vocabulary.Technology.class);
        jdbc.sql(FIGURES).query((ResultSet rs) -> {
            String breakdown = rs.getString(1);
            if (breakdown.equals("published")) {
                publicSites[0] = rs.getLong(4);
                return;
            }
            Vocabulary.Technology technology = Vocabulary.Technology.valueOf(rs.getString(2));
            Count count = new Count(rs.getString(3), rs.getLong(4), rs.getLong(5));
            switch (breakdown) {
                case "total" -> totals.put(technology, count);
                case "abroad" -> outside.put(technology, count);
                case "region" ->
                    byRegion.computeIfAbsent(technology, t -> new ArrayList<>()).add(count);
                default ->
                    byModality
                            .computeIfAbsent(technology, t -> new ArrayList<>())
                            .add(count);
            }
        });
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
        return new Picture(publicSites[0], technologies);
    }
}
