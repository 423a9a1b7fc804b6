package fr.guichetbio.portal.matchmaking.alert;

import fr.guichetbio.catalogue.index.search.MatchingSites;
import fr.guichetbio.portal.notification.Notice;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One person's digest: what their checks found new since the last digest, per saved search or brief, as one notice.
 * The text names the searches, briefs and sites (their name and town) and no person; the link leads to the person's
 * saved searches page, which lists the same sites with links to their pages. Spring-free.
 */
final class Digest {

    static final String MESSAGE_KEY = "notification.matchmaking.digest";
    static final String LINK = "/compte/recherches#nouveautes";

    private Digest() {}

    /** What one check found new for the person. */
    record Item(long id, String title, List<MatchingSites.Site> sites) {

        Item {
            sites = List.copyOf(sites);
        }
    }

    /** The notice telling the person of every item: {0} how many new sites, {1} the list. */
    static Notice notice(long personId, List<Item> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("A digest tells of at least one item");
        }
        int count = items.stream().mapToInt(item -> item.sites().size()).sum();
        return new Notice(
                personId, AlertConfiguration.DIGEST, MESSAGE_KEY, List.of(Integer.toString(count), text(items)), LINK);
    }

    /** "Title — Site (Town), Site (Town); Other title — Site (Town)": one part per item, in the order found. */
    static String text(List<Item> items) {
        return items.stream()
                .map(item -> item.title() + " — "
                        + item.sites().stream().map(Digest::site).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    private static String site(MatchingSites.Site site) {
        return site.city() == null || site.city().isBlank() ? site.name() : site.name() + " (" + site.city() + ")";
    }
}
