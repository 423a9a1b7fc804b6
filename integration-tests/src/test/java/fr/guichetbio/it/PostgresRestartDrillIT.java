package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichetbio.infra.launcher.PostgresReplication;
import fr.guichetbio.infra.launcher.Stack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Drill: PostgreSQL's primary stops for some seconds while people browse, then starts again. During the cut the portal
 * answers the clean 503 page (never a 500, never a wait beyond its connection timeout) — except the open data, read
 * from the replica; afterwards every page answers again, without restarting the portal, and what was saved before the
 * cut is still there.
 */
class PostgresRestartDrillIT {

    /** Pages that read the database: the public catalogue, an organisation, open data, a member's saved searches. */
    private static final List<String> PUBLIC_PAGES =
            List.of("/organisations/demo-cdmo", "/catalogue/parcourir", "/donnees");

    private static final String MEMBER_PAGE = "/compte/recherches";

    /** Well above the pool's 3 s connection timeout: a page never waits for the database longer than that. */
    private static final long SLOWEST_ACCEPTABLE_MILLIS = 15_000;

    @Test
    void pagesAnswerTheClean503DuringTheCutAndRecoverWithoutRestartingThePortal() throws Exception {
        Instant drillStart = Instant.now();
        try (Stack stack = DatabaseDrills.startStack()) {
            PostgresReplication postgres = stack.postgres();
            PortalClient anonymous = new PortalClient(stack.portalUrl());
            PortalSession sponsor = PortalSession.signInAs(stack, "sponsor");
            String savedBeforeCut = "Veille avant coupure " + System.nanoTime();
            assertThat(sponsor.postForm(MEMBER_PAGE, Map.of("nom", savedBeforeCut, "recherche", "q=perfusion"))
                            .status())
                    .isEqualTo(200);
            PortalSession member = PortalSession.signInAs(stack, "sponsor");

            Instant cut;
            Instant back;
            PortalClient.Page unavailable;
            PortalClient.Page unavailableInEnglish;
            PortalClient.Page openDataDuringCut;
            try (DatabaseDrills.Visitors visitors = new DatabaseDrills.Visitors()
                    .visitor("anonymous-1", path -> anonymous.get(path).status(), PUBLIC_PAGES)
                    .visitor("anonymous-2", path -> anonymous.get(path).status(), PUBLIC_PAGES.reversed())
                    .visitor("member", path -> member.get(path).status(), List.of(MEMBER_PAGE, "/"))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> visitors.count(200) >= 10);

                cut = Instant.now();
                postgres.stopPrimary();
                assertThat(postgres.primaryUp()).isFalse();
                unavailable = await().atMost(Duration.ofSeconds(30))
                        .until(() -> anonymous.get(PUBLIC_PAGES.getFirst()), page -> page.status() == 503);
                unavailableInEnglish = anonymous.get(PUBLIC_PAGES.getFirst() + "?lang=en");
                openDataDuringCut = anonymous.get("/donnees");
                PortalClient.Health health = anonymous.health();
                // The cut lasts until the visitors have met the 503 a few times each.
                await().atMost(Duration.ofSeconds(60)).until(() -> visitors.count(503) >= 8);

                postgres.startPrimary();
                back = Instant.now();
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> PUBLIC_PAGES.stream().allMatch(path -> status(anonymous, path) == 200)
                                && member.get(MEMBER_PAGE).status() == 200);
                Instant recovered = Instant.now();
                // A few more rounds after recovery, all of them answered.
                long answeredBefore = visitors.count(200);
                await().atMost(Duration.ofSeconds(30)).until(() -> visitors.count(200) >= answeredBefore + 10);
                visitors.close();

                System.out.printf(
                        "PostgresRestartDrillIT: primary stopped %.1f s; pages all answer again %.1f s after its"
                                + " start; %s; drill %d s in all%n",
                        Duration.between(cut, back).toMillis() / 1000.0,
                        Duration.between(back, recovered).toMillis() / 1000.0,
                        visitors.report(cut),
                        Duration.between(drillStart, Instant.now()).toSeconds());

                assertThat(health.httpStatus()).isEqualTo(503);
                assertThat(health.status()).isEqualTo("DOWN");
                assertThat(visitors.statuses().keySet())
                        .as("only pages or the clean 503")
                        .containsOnly(200, 503);
                assertThat(visitors.count(503)).isGreaterThanOrEqualTo(8);
                assertThat(visitors.answers())
                        .allSatisfy(answer -> assertThat(answer.millis()).isLessThan(SLOWEST_ACCEPTABLE_MILLIS));
                List<DatabaseDrills.Answer> afterRecovery = visitors.answers().stream()
                        .filter(answer -> answer.at().isAfter(recovered))
                        .toList();
                assertThat(afterRecovery)
                        .isNotEmpty()
                        .allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
            }

            assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("10");
            assertThat(unavailable.document().select("h1").text()).isEqualTo("Service momentanément indisponible");
            assertThat(unavailableInEnglish.status()).isEqualTo(503);
            assertThat(unavailableInEnglish.document().select("h1").text())
                    .isEqualTo("Service momentarily unavailable");
            // The open data is read from the replica (guichet.datasource.replica.url): it stays up, and says so.
            assertThat(openDataDuringCut.status()).isEqualTo(200);
            assertThat(openDataDuringCut.document().getElementById("opendata-replica-lag"))
                    .isNotNull();
            assertThat(anonymous.health().status()).isEqualTo("UP");
            assertThat(sponsor.get(MEMBER_PAGE)
                            .document()
                            .select("#saved-searches .saved-search-link")
                            .eachText())
                    .contains(savedBeforeCut);
        }
    }

    private static int status(PortalClient client, String path) {
        try {
            return client.get(path).status();
        } catch (Exception e) {
            return -1;
        }
    }
}
