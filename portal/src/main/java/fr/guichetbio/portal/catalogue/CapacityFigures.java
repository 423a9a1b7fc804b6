package fr.guichetbio.portal.catalogue;

import fr.guichetbio.portal.catalogue.vocabulary.ModalityFilters;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalogue's capacity as aggregates for the agency dashboards: each figure counted by PostgreSQL in one
 * statement over the public sites ({@link PublicSites}) of France, never row by row in Java. A filter narrows to
 * some modalities (a site counts when one of its capabilities makes one of them) and to one region.
 */
@Service
public class CapacityFigures {

    /** What narrows the figures: modality codes (empty: all) and an INSEE region code ({@code null}: all). */
    public record Scope(Collection<String> modalities, String regionCode) {
        public Scope {
            modalities = List.copyOf(modalities);
        }

        boolean allModalities() {
            return modalities.isEmpty();
        }
    }

    /** Sites making a modality in a region, and their bioreactors' total working volume (litres × units). */
    public record RegionalCapacity(String modality, String regionCode, long sites, double workingVolumeLitres) {}

    /** Sites whose best GMP evidence is at a verification level ({@code NONE}: no evidence at all). */
    public record EvidenceCoverage(String verification, long sites) {}

    /** Capacity declared open in a quarter (e.g. {@code 2027-Q1}) for a modality: litres and slots. */
    public record OpenCapacity(String quarter, String modality, double litres, long slots, long sites) {}

    /** French public sites restricted by the scope (:all, :modalities, :region). */
    private static final String SCOPED_SITES = """
            select s.id, s.region_code from site s join organisation o on o.id = s.organisation_id
             where %s and s.country = 'FR'
               and (cast(:region as varchar) is null or s.region_code = :region)
               and (:all or exists (select 1 from capability m where m.site_id = s.id and m.modality in (:modalities)))
            """.formatted(PublicSites.CONDITION);

    private final JdbcClient jdbc;

    CapacityFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Sites and total working volume by modality and region, largest volume first. */
    @Transactional(readOnly = true)
    public List<RegionalCapacity> byModalityAndRegion(Scope scope) {
        return scoped("""
                        with scoped as (%s)
                        select c.modality, s.region_code, count(distinct s.id) sites,
                               coalesce(sum(b.working_volume_litres * coalesce(b.unit_count, 1)), 0) litres
                          from scoped s
                          join capability c on c.site_id = s.id
                          left join bioreactor b on b.capability_id = c.id
                         where (:all or c.modality in (:modalities))
                         group by c.modality, s.region_code
                         order by litres desc, sites desc, c.modality, s.region_code
                        """, scope)
                .query((rs, n) -> new RegionalCapacity(
                        rs.getString("modality"),
                        rs.getString("region_code"),
                        rs.getLong("sites"),
                        rs.getDouble("litres")))
                .list();
    }

    /** Sites of a region making one of the scope's modalities, and the total working volume of those modalities. */
    public record RegionCapacity(String regionCode, long sites, double workingVolumeLitres) {}

    /**
     * Sites and total working volume by region (the map of the capacity dashboard), largest volume first: a site
     * making several modalities counts once, each bioreactor of a modality in the scope once.
     */
    @Transactional(readOnly = true)
    public List<RegionCapacity> byRegion(Scope scope) {
        return scoped("""
                        with scoped as (%s)
                        select s.region_code, count(distinct s.id) sites,
                               coalesce(sum(b.working_volume_litres * coalesce(b.unit_count, 1)), 0) litres
                          from scoped s
                          left join capability c on c.site_id = s.id and (:all or c.modality in (:modalities))
                          left join bioreactor b on b.capability_id = c.id
                         group by s.region_code
                         order by litres desc, sites desc, s.region_code
                        """, scope)
                .query((rs, n) ->
                        new RegionCapacity(rs.getString("region_code"), rs.getLong("sites"), rs.getDouble("litres")))
                .list();
    }

    /** French public sites in the scope and their bioreactors' total working volume (litres × units). */
    public record Totals(long sites, double workingVolumeLitres) {}

    /** The scope's sites and total working volume, each site and bioreactor counted once. */
    @Transactional(readOnly = true)
    public Totals totals(Scope scope) {
        return scoped("""
                        with scoped as (%s)
                        select (select count(*) from scoped) sites,
                               coalesce(sum(b.working_volume_litres * coalesce(b.unit_count, 1)), 0) litres
                          from scoped s
                          join capability c on c.site_id = s.id
                          join bioreactor b on b.capability_id = c.id
                         where (:all or c.modality in (:modalities))
                        """, scope)
                .query((rs, n) -> new Totals(rs.getLong("sites"), rs.getDouble("litres")))
                .single();
    }

    /**
     * The totals of a scope, for the monthly snapshots: a region ({@code null}: all regions) × a modality filter
     * ({@code null}: all modalities); a site counts once per scope, its volume over the capabilities of the filter's
     * modalities, as {@link #totals} counts them one scope at a time.
     */
    public record ScopedTotals(String regionCode, String modalityFilter, long sites, double workingVolumeLitres) {}

    /** {@link #totals} of every region × modality filter in one statement (scopes without a site are left out). */
    @Transactional(readOnly = true)
    public List<ScopedTotals> totalsByScope(ModalityFilters filters) {
        return jdbc.sql("""
                        with public_site as (
                            select s.id, s.region_code from site s join organisation o on o.id = s.organisation_id
                             where %s and s.country = 'FR'),
                        modality_volume as (
                            select c.site_id, c.modality,
                                   coalesce(sum(b.working_volume_litres * coalesce(b.unit_count, 1)), 0) litres
                              from capability c left join bioreactor b on b.capability_id = c.id
                             group by c.site_id, c.modality),
                        filter as (
                            select * from unnest(cast(:names as varchar[]), cast(:modalities as varchar[]))
                                   f(name, modality)),
                        site_scope as (
                            select s.id, s.region_code, f.name, sum(v.litres) litres
                              from public_site s join modality_volume v on v.site_id = s.id
                              join filter f on f.modality = v.modality
                             group by s.id, s.region_code, f.name
                            union all
                            select s.id, s.region_code, null, sum(v.litres)
                              from public_site s join modality_volume v on v.site_id = s.id
                             group by s.id, s.region_code)
                        select case when grouping(region_code) = 1 then null else region_code end region_code, name,
                               count(*) sites, coalesce(sum(litres), 0) litres
                          from site_scope
                         group by grouping sets ((region_code, name), (name))
                        having grouping(region_code) = 1 or region_code is not null
                        """.formatted(PublicSites.CONDITION))
                .param("names", filters.namesArray())
                .param("modalities", filters.modalitiesArray())
                .query((rs, n) -> new ScopedTotals(
                        rs.getString("region_code"), rs.getString("name"), rs.getLong("sites"), rs.getDouble("litres")))
                .list();
    }

    /** Sites by the best verification level of their GMP evidence, best level first, {@code NONE} last. */
    @Transactional(readOnly = true)
    public List<EvidenceCoverage> evidenceCoverage(Scope scope) {
        return scoped("""
                        with scoped as (%s),
                        best as (
                            select s.id, max(case when e.id is null then 0
                                   when e.verification = 'REGISTRY_MATCHED' then 3
                                   when e.verification = 'DOCUMENT_CHECKED' then 2 else 1 end) level
                              from scoped s left join gmp_evidence e on e.site_id = s.id
                             group by s.id)
                        select case level when 3 then 'REGISTRY_MATCHED' when 2 then 'DOCUMENT_CHECKED'
                                    when 1 then 'SELF_DECLARED' else 'NONE' end verification, count(*) sites
                          from best group by level order by level desc
                        """, scope)
                .query((rs, n) -> new EvidenceCoverage(rs.getString("verification"), rs.getLong("sites")))
                .list();
    }

    /**
     * Open capacity in each of the {@code quarters} quarters from the one holding {@code today}, by modality: the
     * working volume and slots of the open slots overlapping the quarter (a slot without a count is one).
     */
    @Transactional(readOnly = true)
    public List<OpenCapacity> openCapacity(Scope scope, LocalDate today, int quarters) {
        LocalDate start = today.withDayOfMonth(1).withMonth(((today.getMonthValue() - 1) / 3) * 3 + 1);
        return scoped("""
                        with scoped as (%s),
                        quarter as (
                            select q start_date, (q + interval '3 months' - interval '1 day')::date end_date,
                                   extract(year from q)::int || '-Q' || extract(quarter from q)::int label
                              from generate_series(cast(:start as date),
                                   cast(:start as date) + (:quarters - 1) * interval '3 months', interval '3 months') q)
                        select q.label quarter, a.modality,
                               coalesce(sum(a.working_volume_litres), 0) litres,
                               sum(coalesce(a.slots, 1)) slots, count(distinct a.site_id) sites
                          from quarter q
                          join availability_slot a on a.available_from <= q.end_date and a.available_to >= q.start_date
                          join scoped s on s.id = a.site_id
                         where (:all or a.modality in (:modalities))
                         group by q.label, a.modality
                         order by q.label, a.modality
                        """, scope)
                .param("start", start)
                .param("quarters", quarters)
                .query((rs, n) -> new OpenCapacity(
                        rs.getString("quarter"),
                        rs.getString("modality"),
                        rs.getDouble("litres"),
                        rs.getLong("slots"),
                        rs.getLong("sites")))
                .list();
    }

    private JdbcClient.StatementSpec scoped(String sql, Scope scope) {
        return jdbc.sql(sql.formatted(SCOPED_SITES))
                .param("region", scope.regionCode())
                .param("all", scope.allModalities())
                // An empty IN list is not SQL: the flag above makes the placeholder value irrelevant.
                .param("modalities", scope.allModalities() ? List.of("") : scope.modalities());
    }
}
