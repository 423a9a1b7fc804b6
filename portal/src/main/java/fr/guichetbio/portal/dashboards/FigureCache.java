package fr.guichetbio.portal.dashboards;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Each figure as computed for a filter and a language, kept for {@code guichet.dashboards.figures-max-age} (2 minutes
 * by default; {@code 0s}: computed at every request). The sector's figures move by the day, while one unfiltered page
 * aggregates every site, brief and certificate: a dashboard read many times a minute costs one aggregate per figure
 * and replica instead of one per request, and the page says when its figures were computed. Requests for a figure
 * being computed wait for that computation rather than start their own. A page's table and its CSV and JSON
 * downloads, asked within the same window, hold the same cells even if the data moved in between.
 */
@Component
class FigureCache {

    /** Distinct figure × filter × language entries kept at most (every combination of the filters is about 30,000). */
    static final long MAX_ENTRIES = 5_000;

    /** A figure as computed, and when. */
    record Computed(FigureTable table, Instant at) {}

    private record Key(String figure, DashboardFilters filters, Locale locale) {}

    private final Cache<Key, Computed> figures;
    private final boolean enabled;
    private final Clock clock;

    @Autowired
    FigureCache(@Value("${guichet.dashboards.figures-max-age:PT2M}") Duration maxAge) {
        this(maxAge, Ticker.systemTicker(), Clock.systemUTC());
    }

    FigureCache(Duration maxAge, Ticker ticker, Clock clock) {
        this.enabled = maxAge.isPositive();
        this.clock = clock;
        this.figures = Caffeine.newBuilder()
                .expireAfterWrite(enabled ? maxAge : Duration.ofNanos(1))
                .maximumSize(MAX_ENTRIES)
                .ticker(ticker)
                .build();
    }

    /** The figure kept for these filters and language, or {@code compute}'s now (then kept). */
    Computed get(String figure, DashboardFilters filters, Locale locale, Supplier<FigureTable> compute) {
        if (!enabled) {
            return new Computed(compute.get(), clock.instant());
        }
        return figures.get(new Key(figure, filters, locale), key -> new Computed(compute.get(), clock.instant()));
    }
}
