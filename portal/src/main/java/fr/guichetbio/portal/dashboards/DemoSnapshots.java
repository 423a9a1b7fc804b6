package fr.guichetbio.portal.dashboards;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Local runs and tests only ({@code guichet.demo.accounts}, set by the launcher): 24 months of fictional history
 * behind this month's real snapshot, so that a new user sees curves. Growth from about 60 % of today's figures with
 * some noise, drawn from a fixed seed, in every scope of the filters; flagged {@code demo}; months already recorded
 * are left alone.
 */
@Component
@ConditionalOnProperty(name = "guichet.demo.accounts")
@Profile("local")
class DemoSnapshots {

    private static final Logger log = LoggerFactory.getLogger(DemoSnapshots.class);

    static final int MONTHS = 24;

    /** The fictional sector's briefs and unmet briefs a month when the demo has no real demand. */
    private static final long MIN_BRIEFS = 120;

    private static final long MIN_UNMET = 35;

    private final Snapshots snapshots;

    DemoSnapshots(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(6)
    void seed() {
        try {
            YearMonth now = YearMonth.now(ZoneId.of("Europe/Paris"));
            List<Snapshots.Snapshot> today = snapshots.snapshotNow(now);
            snapshots.record(today, false);
            Snapshots.Snapshot sector = today.getFirst();
            // Plausible floors when the demo has no demand or certificates yet: the demand then spread over the
            // scopes as the capacity is, so that a filtered curve adds up like the sector's.
            boolean fictionalDemand = sector.briefs() < MIN_BRIEFS;
            long people = Math.max(sector.certifiedPeople(), 400);
            Random noise = new Random(18);
            for (int back = 1; back <= MONTHS; back++) {
                double share = 1 - 0.4 * back / MONTHS;
                double jitter = 1 + (noise.nextDouble() - 0.5) * 0.06;
                List<Snapshots.Snapshot> month = new ArrayList<>();
                for (Snapshots.Snapshot scope : today) {
                    double weight = sector.sites() == 0 ? 0 : (double) scope.sites() / sector.sites();
                    double briefs = fictionalDemand ? MIN_BRIEFS * weight : scope.briefs();
                    double unmet = fictionalDemand ? MIN_UNMET * weight : scope.unmetBriefs();
                    if (scope.wholeSector() && fictionalDemand) {
                        briefs = MIN_BRIEFS;
                        unmet = MIN_UNMET;
                    }
                    month.add(new Snapshots.Snapshot(
                            now.minusMonths(back).atDay(1),
                            scope.regionCode(),
                            scope.modality(),
                            Math.round(scope.sites() * share * jitter),
                            Math.round(scope.workingVolumeLitres() * share * jitter),
                            Math.round(briefs * share * share * jitter),
                            Math.round(unmet * share * jitter),
                            scope.wholeSector() ? Math.round(people * share * share * jitter) : null));
                }
                snapshots.record(month, true);
            }
        } catch (RuntimeException e) {
            // Demo data must not keep the portal from starting.
            log.error("Demo dashboard history not seeded", e);
        }
    }
}
