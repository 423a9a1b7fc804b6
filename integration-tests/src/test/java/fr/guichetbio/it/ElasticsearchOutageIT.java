package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.Stack;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/**
 * Elasticsearch is a projection: when it stops, the portal says so in its health and keeps serving pages. The
 * component list is for platform admins: anonymous callers get the status only.
 */
@ExtendWith(RunningStack.class)
class ElasticsearchOutageIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void healthReportsElasticsearchDownWhilePagesStillRenderAndRecoversWhenItReturns(Stack stack) throws Exception {
        PortalClient anonymous = new PortalClient(stack.portalUrl());
        DemoAccount platformAdmin = stack.accounts().stream()
                .filter(a -> a.username().equals("admin"))
                .findFirst()
                .orElseThrow();
        PortalSession session =
                PortalSession.signIn(stack.portalUrl(), platformAdmin.username(), platformAdmin.password());
        AdminHealth portal = () -> health(session);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(portal.health().componentStatus("elasticsearch"))
                        .isEqualTo("UP"));
        assertThat(portal.health().componentStatus("db")).isEqualTo("UP");
        assertThat(anonymous.health().json().has("components")).isFalse();
        assertThat(anonymous.health().status()).isEqualTo("UP");

        stack.elasticsearch().stop();
        try {
            PortalClient.Health down = portal.health();
            assertThat(down.httpStatus()).isEqualTo(503);
            assertThat(down.status()).isEqualTo("DOWN");
            assertThat(down.componentStatus("elasticsearch")).isEqualTo("DOWN");
            assertThat(down.componentStatus("db")).isEqualTo("UP");

            assertThat(anonymous.health().status()).isEqualTo("DOWN");
            assertThat(anonymous.health().json().has("components")).isFalse();

            PortalClient.Page home = anonymous.get("/");
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

    /** The health as a signed-in platform admin reads it: with its components. */
    @FunctionalInterface
    private interface AdminHealth {
        PortalClient.Health health() throws Exception;
    }

    private static PortalClient.Health health(PortalSession admin) throws Exception {
        PortalSession.Page page = admin.get("/actuator/health", "application/json");
        return new PortalClient.Health(page.status(), JSON.readTree(page.body()));
    }
}
