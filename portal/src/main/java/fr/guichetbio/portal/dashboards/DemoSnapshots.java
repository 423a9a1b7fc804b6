package fr.guichetbio.portal.dashboards;

import java.time.YearMonth;
import java.time.ZoneId;
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
 * some noise, drawn from a fixed seed; flagged {@code demo}; months already recorded are left alone.
 */
@Component
@ConditionalOnProperty(name = "guichet.demo.accounts")
@Profile("local")
class DemoSnapshots {

    private static final Logger log = LoggerFactory.getLogger(DemoSnapshots.class);

    static final int MONTHS = 24;

    private final Snapshots snapshots;

    DemoSnapshots(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(6)
    void seed() {
        try {
            YearMonth now = YearMonth.now(ZoneId.of("Europe/Paris"));
            Snapshots.Snapshot today = snapshots.snapshotNow(now);
            snapshots.record(today, false);
            Random noise = new Random(18);
            // Plausible floors when the demo has no demand or certificates yet.
            long briefs = Math.max(today.briefs(), 120);
            long unmet = Math.max(today.unmetBriefs(), 35);
            long people = Math.max(today.certifiedPeople(), 400);
            for (int back = 1; back <= MONTHS; back++) {
                double share = 1 - 0.4 * back / MONTHS;
                double jitter = 1 + (noise.nextDouble() - 0.5) * 0.06;
                snapshots.record(
                        new Snapshots.Snapshot(
                                now.minusMonths(back).atDay(1),
                                Math.round(today.sites() * share * jitter),
                                Math.round(today.workingVolumeLitres() * share * jitter),
                                Math.round(briefs * share * share * jitter),
                                Math.round(unmet * share * jitter),
                                Math.round(people * share * share * jitter)),
                        true);
            }
        } catch (RuntimeException e) {
            // Demo data must not keep the portal from starting.
            log.error("Demo dashboard history not seeded", e);
        }
    }
}
