package fr.guichetbio.training.course;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * What is read or computed from a course version that can no longer change — published or since unpublished, never
 * a draft (the database refuses any change to it, triggers of training-0002 and training-0005) — kept in memory so
 * that a learner's every page does not read and parse it again. Bounded: the least recently used versions leave
 * first. Correct on any number of replicas, since what it keeps never goes stale; nothing absent is remembered.
 *
 * @param <V> what is kept per version
 */
public final class FrozenVersions<V> {

    private final Map<Long, V> values;

    /** @param capacity how many versions to keep at most */
    public FrozenVersions(int capacity) {
        this.values = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The value kept for this version, or else the one {@code load} gives (kept when present).
     *
     * @param load reads the value; it must only ever be called for versions that are no longer drafts
     */
    public Optional<V> get(long versionId, LongFunction<Optional<V>> load) {
        synchronized (values) {
            V kept = values.get(versionId);
            if (kept != null) {
                return Optional.of(kept);
            }
        }
        // Loaded outside the lock: two requests may both load a version the first time, and keep equal values.
        Optional<V> loaded = load.apply(versionId);
        loaded.ifPresent(value -> {
            synchronized (values) {
                values.put(versionId, value);
            }
        });
        return loaded;
    }
}
