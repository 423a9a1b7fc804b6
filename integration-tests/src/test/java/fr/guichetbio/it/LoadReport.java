package fr.guichetbio.it;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a load drill's virtual users did, per action: each request's latency, the errors (an answer other than 2xx or
 * 3xx, an unexpected page, an exception) with the first few samples; and the table printed at the end.
 */
final class LoadReport {

    /** Error samples kept per action: one action's time-outs must not hide another's wrong pages. */
    private static final int ERROR_SAMPLES_PER_ACTION = 3;

    private final Map<String, List<Long>> latencies = new ConcurrentSkipListMap<>();
    private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
    private final Map<String, List<String>> errorSamples = new ConcurrentSkipListMap<>();
    /** Per portal: answers and errors, to tell one slow replica from a slow cluster. */
    private final Map<String, AtomicInteger> answersByPortal = new ConcurrentSkipListMap<>();

    private final Map<String, AtomicInteger> errorsByPortal = new ConcurrentHashMap<>();

    void record(String action, String portal, long nanos) {
        answersByPortal.computeIfAbsent(portal, key -> new AtomicInteger()).incrementAndGet();
        latencies
                .computeIfAbsent(action, key -> Collections.synchronizedList(new ArrayList<>()))
                .add(nanos);
    }

    void error(String action, String portal, String what) {
        answersByPortal.computeIfAbsent(portal, key -> new AtomicInteger());
        errorsByPortal.computeIfAbsent(portal, key -> new AtomicInteger()).incrementAndGet();
        latencies.computeIfAbsent(action, key -> Collections.synchronizedList(new ArrayList<>()));
        errors.computeIfAbsent(action, key -> new AtomicInteger()).incrementAndGet();
        List<String> samples =
                errorSamples.computeIfAbsent(action, key -> Collections.synchronizedList(new ArrayList<>()));
        synchronized (samples) {
            if (samples.size() < ERROR_SAMPLES_PER_ACTION) {
                samples.add(action + ": " + what);
            }
        }
    }

    int errorCount() {
        return errors.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The first errors of each action. */
    List<String> errorSamples() {
        List<String> all = new ArrayList<>();
        errorSamples.values().forEach(samples -> {
            synchronized (samples) {
                all.addAll(samples);
            }
        });
        return all;
    }

    /** Answers received, per action (errors included). */
    long count(String action) {
        return latencies.getOrDefault(action, List.of()).size();
    }

    /**
     * The table: one line per action (every answer counted, errors included), then the totals; latencies in
     * milliseconds, throughput in requests/s over {@code seconds}, the time the users ran.
     */
    String table(String title, double seconds) {
        StringBuilder table = new StringBuilder(title).append(System.lineSeparator());
        String format = "%-22s %8s %7s %8s %8s %8s %8s %8s %8s%n";
        table.append(String.format(
                Locale.ROOT, format, "action", "count", "errors", "p50", "p90", "p95", "p99", "max", "req/s"));
        long total = 0;
        for (Map.Entry<String, List<Long>> action : latencies.entrySet()) {
            long[] sorted;
            synchronized (action.getValue()) {
                sorted = action.getValue().stream()
                        .mapToLong(Long::longValue)
                        .sorted()
                        .toArray();
            }
            total += sorted.length;
            table.append(String.format(
                    Locale.ROOT,
                    format,
                    action.getKey(),
                    sorted.length,
                    errors.getOrDefault(action.getKey(), new AtomicInteger()).get(),
                    millis(sorted, 0.50),
                    millis(sorted, 0.90),
                    millis(sorted, 0.95),
                    millis(sorted, 0.99),
                    millis(sorted, 1.0),
                    String.format(Locale.ROOT, "%.1f", sorted.length / seconds)));
        }
        table.append(String.format(
                Locale.ROOT,
                "total: %d answers, %d errors, %.1f requests/s over %.0f s%n",
                total,
                errorCount(),
                total / seconds,
                seconds));
        answersByPortal.forEach((portal, answers) -> table.append(String.format(
                Locale.ROOT,
                "%s: %d answers, %d errors%n",
                portal,
                answers.get(),
                errorsByPortal.getOrDefault(portal, new AtomicInteger()).get())));
        for (String sample : errorSamples()) {
            table.append("error: ").append(sample).append(System.lineSeparator());
        }
        return table.toString();
    }

    /** The nearest-rank percentile, in milliseconds ("-" without a sample). */
    private static String millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return "-";
        }
        int rank = (int) Math.ceil(quantile * sorted.length);
        return String.format(Locale.ROOT, "%.0f", sorted[Math.max(0, rank - 1)] / 1e6);
    }
}
