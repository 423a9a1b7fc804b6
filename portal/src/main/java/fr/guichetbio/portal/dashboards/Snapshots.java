package fr.guichetbio.portal.dashboards;

import fr.guichetbio.portal.catalogue.CapacityFigures;
import fr.guichetbio.portal.catalogue.vocabulary.ModalityFilters;
import fr.guichetbio.portal.matchmaking.DemandFigures;
import fr.guichetbio.training.SkillFigures;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The monthly snapshots behind the trends (table {@code dashboard_snapshot}, written only here): the sector's
 * headline figures as they stand, once per month, for every scope the filters offer (each region × each modality
 * filter, and all). The job runs daily and at start-up, so that curves exist from the first month; the month's
 * primary key makes every replica but the first do nothing.
 */
@Component
public class Snapshots {

    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);

    /** The scope of the whole sector: all regions, all modalities. */
    static final String ALL = "";

    /**
     * One month's figures in a scope ({@code regionCode} and {@code modality}: a filter's value, {@link #ALL} for
     * all); certified people are counted for the whole sector only ({@code null} elsewhere).
     */
    public record Snapshot(
            LocalDate month,
            String regionCode,
            String modality,
            long sites,
            double workingVolumeLitres,
            long briefs,
            long unmetBriefs,
            Long certifiedPeople) {

        boolean wholeSector() {
            return regionCode.equals(ALL) && modality.equals(ALL);
        }
    }

    private final CapacityFigures capacity;
    private final DemandFigures demand;
    private final SkillFigures skills;
    private final JdbcClient jdbc;
    private final Clock clock;

    Snapshots(CapacityFigures capacity, DemandFigures demand, SkillFigures skills, JdbcClient jdbc) {
        this.capacity = capacity;
        this.demand = demand;
        this.skills = skills;
        this.jdbc = jdbc;
        this.clock = Clock.system(ZoneId.of("Europe/Paris"));
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        try {
            takeDue();
        } catch (RuntimeException e) {
            // Trends must not keep the portal from starting: the daily run tries again.
            log.error("Monthly dashboard snapshot not taken", e);
        }
    }

    /**
     * Takes this month's snapshot unless a replica (or an earlier run) already has. The month is looked up first, so
     * that every start and daily run after the first of the month costs one indexed read, not the full aggregates;
     * the insert still ignores a replica that wrote the month meanwhile.
     */
    // Runs on every replica: the month's primary key (insert … on conflict do nothing) keeps one snapshot a month.
    @Scheduled(cron = "${guichet.dashboards.snapshot-cron:0 20 3 * * *}", zone = "Europe/Paris")
    public boolean takeDue() {
        YearMonth month = YearMonth.now(clock);
        boolean taken = jdbc.sql("select exists (select 1 from dashboard_snapshot where month = :month)")
                .param("month", Date.valueOf(month.atDay(1)))
                .query(Boolean.class)
                .single();
        return !taken && record(snapshotNow(month), false);
    }

    /**
     * The figures as they stand now in every scope, dated with {@code month}: two statements count every scope
     * (capacity, demand); the whole sector comes first and is there even when empty. A scope without a site or a
     * brief is left out (its trend reads zero).
     */
    List<Snapshot> snapshotNow(YearMonth month) {
        ModalityFilters filters = ModalityFilters.offered();
        Map<List<String>, CapacityFigures.ScopedTotals> sites = new HashMap<>();
        capacity.totalsByScope(filters).forEach(t -> sites.put(scope(t.regionCode(), t.modalityFilter()), t));
        Map<List<String>, DemandFigures.ScopedTotals> briefs = new HashMap<>();
        demand.totalsByScope(filters).forEach(t -> briefs.put(scope(t.regionCode(), t.modalityFilter()), t));
        Set<List<String>> scopes = new LinkedHashSet<>();
        scopes.add(List.of(ALL, ALL));
        scopes.addAll(sites.keySet());
        scopes.addAll(briefs.keySet());
        long people = skills.certifiedPeople(clock.instant());
        return scopes.stream()
                .map(scope -> {
                    CapacityFigures.ScopedTotals c = sites.get(scope);
                    DemandFigures.ScopedTotals d = briefs.get(scope);
                    boolean whole = scope.equals(List.of(ALL, ALL));
                    return new Snapshot(
                            month.atDay(1),
                            scope.get(0),
                            scope.get(1),
                            c == null ? 0 : c.sites(),
                            c == null ? 0 : c.workingVolumeLitres(),
                            d == null ? 0 : d.briefs(),
                            d == null ? 0 : d.unmet(),
                            whole ? people : null);
                })
                .toList();
    }

    private static List<String> scope(String regionCode, String modality) {
        return List.of(regionCode == null ? ALL : regionCode, modality == null ? ALL : modality);
    }

    /**
     * Writes a month's snapshots, every scope of the month in one statement (all or none): {@code false} when the
     * month already has them.
     */
    boolean record(List<Snapshot> month, boolean demo) {
        return jdbc.sql("""
                                insert into dashboard_snapshot (month, region_code, modality, sites,
                                    working_volume_litres, briefs, unmet_briefs, certified_people, demo, scoped)
                                select :month, r, m, s, l, b, u, p, :demo, true
                                  from unnest(cast(:regions as varchar[]), cast(:modalities as varchar[]),
                                       cast(:sites as bigint[]), cast(:litres as numeric[]), cast(:briefs as bigint[]),
                                       cast(:unmet as bigint[]), cast(:people as bigint[])) x(r, m, s, l, b, u, p)
                                on conflict (month, region_code, modality) do nothing
                                """)
                        .param("month", Date.valueOf(month.getFirst().month()))
                        .param("regions", array(month, Snapshot::regionCode))
                        .param("modalities", array(month, Snapshot::modality))
                        .param("sites", array(month, Snapshot::sites))
                        .param("litres", array(month, Snapshot::workingVolumeLitres))
                        .param("briefs", array(month, Snapshot::briefs))
                        .param("unmet", array(month, Snapshot::unmetBriefs))
                        .param("people", array(month, Snapshot::certifiedPeople))
                        .param("demo", demo)
                        .update()
                > 0;
    }

    /** A column as a PostgreSQL array literal: codes (letters, digits, underscores, or empty) and numbers. */
    private static String array(List<Snapshot> month, Function<Snapshot, Object> column) {
        return month.stream()
                .map(column)
                .map(v -> v == null ? "NULL" : v instanceof String text ? '"' + text + '"' : String.valueOf(v))
                .collect(Collectors.joining(",", "{", "}"));
    }

    /**
     * The last {@code months} months' snapshots of a scope, oldest first: the whole sector's months, or, for a region
     * or a modality, the months whose scopes were taken (a scope without a row then read zero).
     */
    @Transactional(readOnly = true)
    public List<Snapshot> history(int months, String regionCode, String modality) {
        String region = regionCode == null ? ALL : regionCode;
        String filter = modality == null ? ALL : modality;
        return jdbc.sql("""
                        select * from (
                            select a.month, coalesce(s.sites, 0) sites,
                                   coalesce(s.working_volume_litres, 0) working_volume_litres,
                                   coalesce(s.briefs, 0) briefs, coalesce(s.unmet_briefs, 0) unmet_briefs,
                                   cast(s.certified_people as bigint) certified_people
                              from dashboard_snapshot a
                              left join dashboard_snapshot s
                                on s.month = a.month and s.region_code = :region and s.modality = :modality
                             where a.region_code = '' and a.modality = ''
                               and (a.scoped or (:region = '' and :modality = ''))
                             order by a.month desc limit :months) h
                         order by month
                        """)
                .param("region", region)
                .param("modality", filter)
                .param("months", months)
                .query((rs, n) -> new Snapshot(
                        rs.getDate("month").toLocalDate(),
                        region,
                        filter,
                        rs.getLong("sites"),
                        rs.getDouble("working_volume_litres"),
                        rs.getLong("briefs"),
                        rs.getLong("unmet_briefs"),
                        rs.getObject("certified_people", Long.class)))
                .list();
    }
}
