package fr.guichetbio.portal.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FigureCacheTest {

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger computations = new AtomicInteger();
    private final DashboardFilters all = DashboardFilters.of(null, null, null);

    /** A figure whose single cell is the number of computations so far: a recomputed figure shows a new number. */
    private FigureTable compute() {
        long n = computations.incrementAndGet();
        return new FigureTable(
                "capacite-regions",
                "Sites",
                List.of(new FigureTable.Column("sites", "Sites", true)),
                List.of(List.of(n)),
                List.of(),
                0);
    }

    private FigureCache cache(Duration maxAge) {
        Clock clock = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
        return new FigureCache(maxAge, nanos::get, clock);
    }

    @Test
    void aFigureIsComputedOnceWithinItsMaximumAgeThenAgain() {
        FigureCache cache = cache(Duration.ofMinutes(2));
        FigureCache.Computed first = cache.get("capacite-regions", all, Locale.FRENCH, this::compute);
        nanos.addAndGet(Duration.ofSeconds(119).toNanos());
        FigureCache.Computed again = cache.get("capacite-regions", all, Locale.FRENCH, this::compute);
        assertThat(again).isSameAs(first);
        assertThat(computations).hasValue(1);

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        FigureCache.Computed later = cache.get("capacite-regions", all, Locale.FRENCH, this::compute);
        assertThat(later.table().rows()).containsExactly(List.of(2L));
        assertThat(computations).hasValue(2);
    }

    @Test
    void eachFilterAndLanguageHasItsOwnFigure() {
        FigureCache cache = cache(Duration.ofMinutes(2));
        cache.get("capacite-regions", all, Locale.FRENCH, this::compute);
        cache.get("capacite-regions", all, Locale.ENGLISH, this::compute);
        cache.get("capacite-regions", DashboardFilters.of("11", null, null), Locale.FRENCH, this::compute);
        cache.get("capacite-bpf", all, Locale.FRENCH, this::compute);
        assertThat(computations).hasValue(4);
        cache.get("capacite-regions", DashboardFilters.of("11", null, null), Locale.FRENCH, this::compute);
        assertThat(computations).hasValue(4);
    }

    @Test
    void aZeroMaximumAgeComputesAtEveryRequest() {
        FigureCache cache = cache(Duration.ZERO);
        cache.get("capacite-regions", all, Locale.FRENCH, this::compute);
        FigureCache.Computed second = cache.get("capacite-regions", all, Locale.FRENCH, this::compute);
        assertThat(second.table().rows()).containsExactly(List.of(2L));
        assertThat(second.at()).isEqualTo(Instant.parse("2026-12-06T12:00:00Z"));
    }
}
