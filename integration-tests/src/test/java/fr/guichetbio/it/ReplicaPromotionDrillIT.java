package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichetbio.infra.launcher.PostgresReplication;
import fr.guichetbio.infra.launcher.Stack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Drill: the primary dies and the streaming replica is promoted. What was written through the portal reached the
 * replica before the crash; the same portal, not restarted, then reads it from the promoted replica (its URL lists both
 * servers with {@code targetServerType=primary}) and saves new changes there.
 */
class ReplicaPromotionDrillIT {

    private static final String MEMBER_PAGE = "/compte/recherches";
    private static final String PUBLIC_PAGE = "/organisations/demo-cdmo";

    @Test
    void theSamePortalReadsAndWritesThePromotedReplica() throws Exception {
        Instant drillStart = Instant.now();
        try (Stack stack = DatabaseDrills.startStack()) {
            PostgresReplication postgres = stack.postgres();
            PortalClient anonymous = new PortalClient(stack.portalUrl());
            PortalSession sponsor = PortalSession.signInAs(stack, "sponsor");
            // The visitors' thread has its own session: a session's cookies are for one thread at a time.
            PortalSession member = PortalSession.signInAs(stack, "sponsor");
            String word = Long.toString(System.nanoTime());
            List<String> savedBeforeCrash = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                String name = "Veille " + i + " avant bascule " + word;
                assertThat(sponsor.postForm(MEMBER_PAGE, Map.of("nom", name, "recherche", "q=aav"))
                                .status())
                        .isEqualTo(200);
                savedBeforeCrash.add(name);
            }
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(savedSearches(postgres.replicaUrl(), word))
                            .containsAll(savedBeforeCrash));

            Instant crash;
            Instant promoted;
            Instant recovered;
            try (DatabaseDrills.Visitors visitors = new DatabaseDrills.Visitors()
                    .visitor("anonymous", path -> anonymous.get(path).status(), List.of(PUBLIC_PAGE, "/donnees"))
                    .visitor("member", path -> member.get(path).status(), List.of(MEMBER_PAGE))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> visitors.count(200) >= 5);

                crash = Instant.now();
                postgres.killPrimary();
                // No primary at all: the portal says so cleanly.
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> anonymous.get(PUBLIC_PAGE).status() == 503);

                postgres.promoteReplica();
                promoted = Instant.now();
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> sponsor.get(MEMBER_PAGE).status() == 200
                                && anonymous.get(PUBLIC_PAGE).status() == 200);
                recovered = Instant.now();
                visitors.close();
                System.out.printf(
                        "ReplicaPromotionDrillIT: no primary for %.1f s (crash to promotion), pages answer again"
                                + " %.1f s after the promotion; %s; drill %d s in all%n",
                        Duration.between(crash, promoted).toMillis() / 1000.0,
                        Duration.between(promoted, recovered).toMillis() / 1000.0,
                        visitors.report(crash),
                        Duration.between(drillStart, Instant.now()).toSeconds());
                assertThat(visitors.statuses().keySet())
                        .as("only pages or the clean 503")
                        .containsOnly(200, 503);
            }

            assertThat(postgres.primaryUp()).isFalse();
            assertThat(sponsor.get(MEMBER_PAGE)
                            .document()
                            .select("#saved-searches .saved-search-link")
                            .eachText())
                    .containsAll(savedBeforeCrash);
            String savedAfter = "Veille après bascule " + word;
            PortalSession.Page saved = sponsor.postForm(MEMBER_PAGE, Map.of("nom", savedAfter, "recherche", "q=aav"));
            assertThat(saved.status()).isEqualTo(200);
            assertThat(saved.document()
                            .select("#saved-searches .saved-search-link")
                            .eachText())
                    .contains(savedAfter);
            assertThat(savedSearches(postgres.replicaUrl(), word)).contains(savedAfter);
        }
    }

    /** Read on the replica itself, not through the portal. */
    private static List<String> savedSearches(String url, String word) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                PreparedStatement query =
                        connection.prepareStatement("SELECT name FROM saved_search WHERE name LIKE ? ORDER BY id")) {
            query.setString(1, "%" + word);
            List<String> names = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        }
    }
}
