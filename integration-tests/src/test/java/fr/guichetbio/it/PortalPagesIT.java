package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The running portal jar: security headers, exposed endpoints, error pages, language. */
@ExtendWith(RunningStack.class)
class PortalPagesIT {

    @Test
    void pagesCarryAStrictContentSecurityPolicy(Stack stack) throws Exception {
        PortalClient.Page home = new PortalClient(stack.portalUrl()).get("/");

        assertThat(home.status()).isEqualTo(200);
        String csp = home.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'");
        assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(home.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(home.document().select("script:not([src])"))
                .as("no inline script")
                .isEmpty();
        assertThat(home.document().select("[style]")).as("no inline style").isEmpty();
    }

    @Test
    void onlyHealthAndInfoAreExposed(Stack stack) throws Exception {
        PortalClient portal = new PortalClient(stack.portalUrl());

        assertThat(portal.get("/actuator/info", "application/json").status()).isEqualTo(200);
        for (String hidden : new String[] {"/actuator/env", "/actuator/beans", "/actuator/configprops"}) {
            PortalClient.Page page = portal.get(hidden, "application/json");
            assertThat(page.status()).as(hidden).isIn(401, 403, 404);
            assertThat(page.body()).as(hidden).doesNotContain("spring.datasource");
        }
    }

    @Test
    void unknownPagesGetA404PageInTheVisitorsLanguageWithoutInternals(Stack stack) throws Exception {
        PortalClient portal = new PortalClient(stack.portalUrl());

        PortalClient.Page french = portal.get("/nulle-part");
        PortalClient.Page english = portal.get("/nulle-part?lang=en");

        assertThat(french.status()).isEqualTo(404);
        assertThat(english.status()).isEqualTo(404);
        assertThat(french.document().select("html").attr("lang")).isEqualTo("fr");
        assertThat(english.document().select("html").attr("lang")).isEqualTo("en");
        assertThat(french.document().select("h1").text())
                .isNotBlank()
                .isNotEqualTo(english.document().select("h1").text());
        for (PortalClient.Page page : new PortalClient.Page[] {french, english}) {
            assertThat(page.body()).doesNotContain("Exception", "at org.", "at fr.guichetbio");
            assertThat(page.document().select("header").text()).contains("Guichet Bioproduction");
        }
    }

    @Test
    void aFormPostWithoutCsrfTokenIsRefused(Stack stack) throws Exception {
        PortalClient.Page refused = new PortalClient(stack.portalUrl()).post("/logout");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("Exception", "at org.");
    }
}
