package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.Stack;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo CDMO member renaming their sites through the portal's editor form over plain HTTP, on whichever portal
 * address they are given (a replica, the load balancer), signed in once through the stack's main address; and what
 * the cluster drills check afterwards: the portal search naming a site, the outbox row of a save and its worker.
 */
final class SiteEditor {

    static final String ORGANISATION = "demo-cdmo";

    /** A save: the site, the unique word now in its name, its new version and the outbox row written with it. */
    record Save(String site, String word, long version, long outboxRow) {}

    private final StackCatalogue catalogue;
    private final PortalSession browser;

    SiteEditor(Stack stack) throws Exception {
        this.catalogue = new StackCatalogue(stack);
        this.browser = PortalSession.signInAs(stack, "cdmo");
    }

    /** The demo CDMO's public sites, by key. */
    List<String> sites() throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection connection = catalogue.connection();
                PreparedStatement statement = connection.prepareStatement("select s.site_key from site s join"
                        + " organisation o on o.id = s.organisation_id where o.slug = ? and "
                        + StackCatalogue.PUBLIC_SITE + " order by s.id")) {
            statement.setString(1, ORGANISATION);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        assertThat(keys).as("public sites of " + ORGANISATION).isNotEmpty();
        return keys;
    }

    /** Renames the site to a new unique word through the editor at {@code portal}; fails unless the save succeeded. */
    Save rename(String portal, String site) throws Exception {
        PortalSession onPortal = browser.at(portal);
        String path = "/organisations/" + ORGANISATION + "/sites/" + site + "/modifier";
        PortalSession.Page editor = onPortal.get(path);
        assertThat(editor.uri().toString())
                .as("the editor through %s, with the session opened through %s", portal, "the stack's address")
                .isEqualTo(portal + path);
        String word = uniqueWord();
        PortalSession.Page saved = onPortal.submit(editor, "#site-form", Map.of("name", "Site " + word));
        assertThat(saved.status()).as("save through %s", portal).isEqualTo(200);
        assertThat(saved.document().getElementById("conflict")).isNull();
        assertThat(saved.document().select(".fr-alert--error")).isEmpty();
        long version = catalogue.queryLong("select version from site where site_key = '" + site + "'");
        long row = catalogue.queryLong("select o.id from outbox o join site s on s.id = o.aggregate_id"
                + " where o.aggregate_type = 'site' and o.version = s.version and s.site_key = '" + site + "'");
        return new Save(site, word, version, row);
    }

    /** Letters only: one token for the analysers, found by no other site. */
    private static String uniqueWord() {
        return "grappe" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "");
    }

    /** How many results of the portal's search for {@code word} name it (one per site when indexed once). */
    static int searchResultsNaming(String portal, String word) throws Exception {
        PortalClient.Page page =
                new PortalClient(portal).get("/recherche?q=" + URLEncoder.encode(word, StandardCharsets.UTF_8));
        assertThat(page.status()).as("search on %s", portal).isEqualTo(200);
        return (int) page.document().select(".search-result").stream()
                .filter(result -> result.text().contains(word))
                .count();
    }
}
