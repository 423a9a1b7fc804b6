package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichetbio.infra.launcher.Stack;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Elasticsearch is a projection: when it stops, the portal says so in its health and keeps serving pages. */
@ExtendWith(RunningStack.class)
class ElasticsearchOutageIT {

    @Test
    void healthReportsElasticsearchDownWhilePagesStillRenderAndRecoversWhenItReturns(Stack stack) throws Exception {
        PortalClient portal = new PortalClient(stack.portalUrl());
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(portal.health().componentStatus("elasticsearch"))
                        .isEqualTo("UP"));
        assertThat(portal.health().componentStatus("db")).isEqualTo("UP");

        stack.elasticsearch().stop();
        try {
            PortalClient.Health down = portal.health();
            assertThat(down.httpStatus()).isEqualTo(503);
            assertThat(down.status()).isEqualTo("DOWN");
            assertThat(down.componentStatus("elasticsearch")).isEqualTo("DOWN");
            assertThat(down.componentStatus("db")).isEqualTo("UP");

            PortalClient.Page home = portal.get("/");
            assertThat(home.status()).isEqualTo(200);
            assertThat(home.document().select("header").text()).contains("Guichet Bioproduction");
        } finally {
            stack.elasticsearch().start(fr.guichetbio.infra.launcher.Progress.silent());
        }

        // The portal was not restarted: its client reconnects by itself.
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(portal.health().componentStatus("elasticsearch"))
                        .isEqualTo("UP"));
        assertThat(portal.health().httpStatus()).isEqualTo(200);
    }
}
