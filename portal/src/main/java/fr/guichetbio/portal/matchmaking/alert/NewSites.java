package fr.guichetbio.portal.matchmaking.alert;

import fr.guichetbio.catalogue.index.search.MatchingSites;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a check finds new: the sites matched now that the previous check did not match. Spring-free. */
final class NewSites {

    private NewSites() {}

    /**
     * The state a check leaves: the keys it matched and whether they were all of them.
     *
     * @param keys ascending, as {@link MatchingSites} lists them
     */
    record Known(List<String> keys, boolean complete) {

        Known {
            keys = List.copyOf(keys);
        }

        static Known of(MatchingSites matched) {
            return new Known(matched.keys(), matched.complete());
        }
    }

    /**
     * The sites of {@code now} that {@code before} did not know, in key order; none on a first check ({@code before}
     * null: the baseline). When the previous match was cut at the limit, a key after its last one may have matched
     * already, unseen: only keys before it count as new.
     */
    static List<MatchingSites.Site> between(Known before, MatchingSites now) {
        if (before == null) {
            return List.of();
        }
        Set<String> known = new HashSet<>(before.keys());
        String last = before.keys().isEmpty() ? null : before.keys().getLast();
        return now.sites().stream()
                .filter(site -> !known.contains(site.key()))
                .filter(site -> before.complete() || (last != null && site.key().compareTo(last) < 0))
                .toList();
    }
}
