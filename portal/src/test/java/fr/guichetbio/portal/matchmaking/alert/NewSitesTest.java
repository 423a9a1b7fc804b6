package fr.guichetbio.portal.matchmaking.alert;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.catalogue.index.search.MatchingSites;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a check reports new, from the keys of the previous check and the sites matched now. */
class NewSitesTest {

    private static MatchingSites matched(long total, String... keys) {
        return new MatchingSites(
                total,
                Arrays.stream(keys)
                        .map(key -> new MatchingSites.Site(key, "Site " + key, "Lyon"))
                        .toList());
    }

    private static List<String> keys(List<MatchingSites.Site> sites) {
        return sites.stream().map(MatchingSites.Site::key).toList();
    }

    @Test
    void theFirstCheckRecordsTheBaselineAndReportsNothing() {
        assertThat(NewSites.between(null, matched(2, "a", "b"))).isEmpty();
        assertThat(NewSites.Known.of(matched(2, "a", "b"))).isEqualTo(new NewSites.Known(List.of("a", "b"), true));
    }

    @Test
    void onlyKeysNotKnownBeforeAreNewAndSitesThatLeftAreNotReported() {
        NewSites.Known before = new NewSites.Known(List.of("a", "b", "c"), true);

        assertThat(keys(NewSites.between(before, matched(3, "a", "b", "c")))).isEmpty();
        assertThat(keys(NewSites.between(before, matched(4, "a", "aa", "c", "d"))))
                .containsExactly("aa", "d");
        assertThat(NewSites.between(before, matched(0))).isEmpty();
    }

    @Test
    void aMatchCutAtTheLimitReportsOnlyKeysBeforeItsLastKnownOne() {
        // The previous check listed a..c of more sites: "d" may have matched already, unseen; "bb" did not.
        NewSites.Known cut = new NewSites.Known(List.of("a", "b", "c"), false);
        assertThat(keys(NewSites.between(cut, matched(10, "a", "b", "bb", "d"))))
                .containsExactly("bb");
        assertThat(NewSites.Known.of(matched(10, "a", "b", "bb")).complete()).isFalse();

        // Nothing was listed before (an empty cut list cannot happen, but must not report everything).
        assertThat(NewSites.between(new NewSites.Known(List.of(), false), matched(1, "a")))
                .isEmpty();
        // An empty complete match before: everything now is new.
        assertThat(keys(NewSites.between(new NewSites.Known(List.of(), true), matched(1, "a"))))
                .containsExactly("a");
    }
}
