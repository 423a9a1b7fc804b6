package fr.guichetbio.portal.dashboards;

import fr.guichetbio.portal.catalogue.CapacityFigures;
import fr.guichetbio.portal.matchmaking.DemandFigures;
import fr.guichetbio.training.SkillFigures;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
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
 * headline figures as they stand, once per month. The job runs daily and at start-up, so that curves exist from the
 * first month; the month's primary key makes every replica but the first do nothing.
 */
@Component
public class Snapshots {

    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);

    /** One month's figures. */
    public record Snapshot(
            LocalDate month,
            long sites,
            double workingVolumeLitres,
            long briefs,
            long unmetBriefs,
            long certifiedPeople) {}

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
     * the insert still ignores a replica that wrote the month meanwhile. No transaction needed: one statement writes.
     */
    @Scheduled(cron = "${guichet.dashboards.snapshot-cron:0 20 3 * * *}", zone = "Europe/Paris")
    public boolean takeDue() {
        YearMonth month = YearMonth.now(clock);
        boolean taken = jdbc.sql("select exists (select 1 from dashboard_snapshot where month = :month)")
                .param("month", Date.valueOf(month.atDay(1)))
                .query(Boolean.class)
                .single();
        return !taken && record(snapshotNow(month), false);
    }

    /** The figures as they stand now, dated with {@code month}. */
    Snapshot snapshotNow(YearMonth month) {
        CapacityFigures.Totals c = capacity.totals(new CapacityFigures.Scope(List.of(), null));
        DemandFigures.Totals d = demand.totals(new DemandFigures.Scope(List.of(), null, null));
        return new Snapshot(
                month.atDay(1),
                c.sites(),
                c.workingVolumeLitres(),
                d.briefs(),
                d.unmet(),
                skills.certifiedPeople(clock.instant()));
    }

    /** Writes a month's snapshot once: {@code false} when the month already has one. */
    @Transactional
    boolean record(Snapshot s, boolean demo) {
        return jdbc.sql("""
                                insert into dashboard_snapshot (month, sites, working_volume_litres, briefs,
                                    unmet_briefs, certified_people, demo)
                                values (:month, :sites, :litres, :briefs, :unmet, :people, :demo)
                                on conflict (month) do nothing
                                """)
                        .param("month", Date.valueOf(s.month()))
                        .param("sites", s.sites())
                        .param("litres", s.workingVolumeLitres())
                        .param("briefs", s.briefs())
                        .param("unmet", s.unmetBriefs())
                        .param("people", s.certifiedPeople())
                        .param("demo", demo)
                        .update()
                == 1;
    }

    /** The last {@code months} months' snapshots, oldest first. */
    @Transactional(readOnly = true)
    public List<Snapshot> history(int months) {
        return jdbc.sql("""
                        select * from (select * from dashboard_snapshot order by month desc limit :months) s
                         order by month
                        """)
                .param("months", months)
                .query((rs, n) -> new Snapshot(
                        rs.getDate("month").toLocalDate(),
                        rs.getLong("sites"),
                        rs.getDouble("working_volume_litres"),
                        rs.getLong("briefs"),
                        rs.getLong("unmet_briefs"),
                        rs.getLong("certified_people")))
                .list();
    }
}
