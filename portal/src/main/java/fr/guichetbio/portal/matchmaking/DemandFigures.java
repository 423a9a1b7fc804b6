package fr.guichetbio.portal.matchmaking;

import fr.guichetbio.portal.catalogue.vocabulary.ModalityFilters;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demand as aggregates for the agency dashboards and the open data, from the anonymised demand records (one per brief opened) and the
 * requests sent to manufacturers: counts only, never a brief, an organisation or a person. Each figure is one SQL
 * statement; a filter narrows to some modalities, one region (where the sponsor placed the need) and a range of
 * quarters.
 */
@Service
public class DemandFigures {

    /** Briefs with fewer qualified manufacturer sites than this are unmet demand. */
    public static final int QUALIFIED_SITES_NEEDED = 3;

    /**
     * What narrows the figures: modality codes (empty: all), an INSEE region code ({@code null}: all) and the first
     * quarter counted, e.g. {@code 2025-Q1} ({@code null}: all).
     */
    public record Scope(Collection<String> modalities, String regionCode, String fromQuarter) {
        public Scope {
            modalities = List.copyOf(modalities);
        }
    }

    /** Briefs opened in a quarter for a modality at a stage ({@code null} stage: not given). */
    public record BriefCount(String quarter, String modality, String stage, long briefs) {}

    /** Briefs of a modality in a region ({@code null}: no French region) that fewer than 3 sites qualified for. */
    public record UnmetDemand(String modality, String regionCode, long briefs, long unmet) {}

    /**
     * Manufacturers' answers to the requests sent in the scope: how many were answered at all (any message of the
     * manufacturer's side) and the median time from the request to the first answer ({@code null} when none).
     */
    public record Responsiveness(long requests, long answered, Duration medianFirstReply) {}

    private static final String SCOPE = """
            (:all or d.modality in (:modalities))
            and (cast(:region as varchar) is null or d.region_code = :region)
            and (cast(:from as varchar) is null or d.opened_quarter >= :from)
            """;

    private final JdbcClient jdbc;

    DemandFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Briefs by quarter, modality and stage, in that order. */
    @Transactional(readOnly = true)
    public List<BriefCount> briefs(Scope scope) {
        return scoped("""
                        select d.opened_quarter, d.modality, d.stage, count(*) briefs
                          from demand_record d where %s
                         group by d.opened_quarter, d.modality, d.stage
                         order by d.opened_quarter, d.modality, d.stage nulls last
                        """, scope)
                .query((rs, n) -> new BriefCount(
                        rs.getString("opened_quarter"),
                        rs.getString("modality"),
                        rs.getString("stage"),
                        rs.getLong("briefs")))
                .list();
    }

    /** Briefs and unmet briefs by modality and region, most unmet first. */
    @Transactional(readOnly = true)
    public List<UnmetDemand> unmet(Scope scope) {
        return scoped("""
                        select d.modality, d.region_code, count(*) briefs,
                               count(*) filter (where d.qualified_sites < :needed) unmet
                          from demand_record d where %s
                         group by d.modality, d.region_code
                         order by unmet desc, briefs desc, d.modality, d.region_code nulls last
                        """, scope)
                .param("needed", QUALIFIED_SITES_NEEDED)
                .query((rs, n) -> new UnmetDemand(
                        rs.getString("modality"),
                        rs.getString("region_code"),
                        rs.getLong("briefs"),
                        rs.getLong("unmet")))
                .list();
    }

    /** Briefs recorded in the scope and, of them, those fewer than 3 sites qualified for. */
    public record Totals(long briefs, long unmet) {}

    /** The scope's briefs and unmet briefs. */
    @Transactional(readOnly = true)
    public Totals totals(Scope scope) {
        return scoped("""
                        select count(*) briefs, count(*) filter (where d.qualified_sites < :needed) unmet
                          from demand_record d where %s
                        """, scope)
                .param("needed", QUALIFIED_SITES_NEEDED)
                .query((rs, n) -> new Totals(rs.getLong("briefs"), rs.getLong("unmet")))
                .single();
    }

    /** The totals of a scope, for the monthly snapshots: a region ({@code null}: all) × a modality filter ({@code null}: all). */
    public record ScopedTotals(String regionCode, String modalityFilter, long briefs, long unmet) {}

    /** {@link #totals} of every region × modality filter, all periods, in one statement (empty scopes left out). */
    @Transactional(readOnly = true)
    public List<ScopedTotals> totalsByScope(ModalityFilters filters) {
        return jdbc.sql("""
                        with filter as (
                            select * from unnest(cast(:names as varchar[]), cast(:modalities as varchar[]))
                                   f(name, modality)),
                        record_scope as (
                            select d.region_code, f.name, d.qualified_sites
                              from demand_record d join filter f on f.modality = d.modality
                            union all
                            select d.region_code, null, d.qualified_sites from demand_record d)
                        select case when grouping(region_code) = 1 then null else region_code end region_code, name,
                               count(*) briefs, count(*) filter (where qualified_sites < :needed) unmet
                          from record_scope
                         group by grouping sets ((region_code, name), (name))
                        having grouping(region_code) = 1 or region_code is not null
                        """)
                .param("names", filters.namesArray())
                .param("modalities", filters.modalitiesArray())
                .param("needed", QUALIFIED_SITES_NEEDED)
                .query((rs, n) -> new ScopedTotals(
                        rs.getString("region_code"), rs.getString("name"), rs.getLong("briefs"), rs.getLong("unmet")))
                .list();
    }

    /** Response rate and median time to first reply of the requests sent from the briefs in the scope. */
    @Transactional(readOnly = true)
    public Responsiveness responsiveness(Scope scope) {
        return scoped("""
                        with scoped_request as (
                            select r.id, r.created_at,
                                   (select min(m.created_at) from match_message m
                                     where m.request_id = r.id and m.side = 'MANUFACTURER') first_reply
                              from match_request r join demand_record d on d.brief_id = r.brief_id
                             where %s)
                        select count(*) requests, count(first_reply) answered,
                               percentile_cont(0.5) within group (order by extract(epoch from first_reply - created_at))
                                 filter (where first_reply is not null) median_seconds
                          from scoped_request
                        """, scope)
                .query((rs, n) -> {
                    double median = rs.getDouble("median_seconds");
                    boolean none = rs.wasNull();
                    return new Responsiveness(
                            rs.getLong("requests"),
                            rs.getLong("answered"),
                            none ? null : Duration.ofSeconds(Math.round(median)));
                })
                .single();
    }

    /** How many briefs were opened in a quarter for a modality in a region (INSEE code, or null when unknown). */
    public record QuarterRegionCount(String quarter, String regionCode, String modality, long briefs) {}

    /**
     * Every quarter × region × modality with its count of briefs (open data). Small counts are returned as they are:
     * the reader applies the small-cell rule.
     */
    @Transactional(readOnly = true)
    public List<QuarterRegionCount> byQuarterRegionModality() {
        return jdbc.sql("""
                        select opened_quarter, region_code, modality, count(*) as briefs
                        from demand_record
                        group by opened_quarter, region_code, modality
                        order by opened_quarter, region_code nulls last, modality
                        """)
                .query((rs, row) -> new QuarterRegionCount(
                        rs.getString("opened_quarter"),
                        rs.getString("region_code"),
                        rs.getString("modality"),
                        rs.getLong("briefs")))
                .list();
    }

    private JdbcClient.StatementSpec scoped(String sql, Scope scope) {
        boolean all = scope.modalities().isEmpty();
        return jdbc.sql(sql.formatted(SCOPE))
                .param("all", all)
                // An empty IN list is not SQL: the flag above makes the placeholder value irrelevant.
                .param("modalities", all ? List.of("") : scope.modalities())
                .param("region", scope.regionCode())
                .param("from", scope.fromQuarter());
    }
}
