package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.Stack;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 15's first acceptance line, as a newcomer tries it: the demo CDMO's member adds "Amont continu ou intensifié
 * (perfusion)" to a capability in the editor (Chromium); a search for "perfusion", in French and in English, finds the
 * site as soon as it is indexed and the technology facet counts it; the page "Technologies de production" counts one
 * more site in the site's region.
 */
@ExtendWith(RunningStack.class)
class TechnologiesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TECHNOLOGY = "CONTINUOUS_UPSTREAM";

    @Test
    void aMemberDeclaresPerfusionAndTheSearchAndTheAdoptionPageCountIt(Stack stack) throws Exception {
        PortalClient portal = new PortalClient(stack.portalUrl());
        // The demo catalogue is seeded once the portal is up: wait for it, then for the index to hold every site.
        JsonNode export = Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions()
                .until(() -> RelevanceEvaluation.export(portal), e -> RelevanceEvaluation.sites(e) > 50);
        int published = RelevanceEvaluation.sites(export);
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> RelevanceEvaluation.indexed(portal) >= published);
        JsonNode demoCdmo = organisation(export, "demo-cdmo");
        JsonNode site = demoCdmo.path("sites").get(0);
        String key = site.path("key").asString();
        String region = site.path("address").path("regionCode").asString();
        assertThat(site.path("capabilities").get(0).has("technologies"))
                .as("the demo CDMO declares no technology yet")
                .isFalse();
        Document before = portal.get("/technologies-de-production").document();
        long sitesBefore = sites(before, "#technologies-summary tr[data-technology=" + TECHNOLOGY + "]");
        long regionBefore = sites(before, "#technology-" + TECHNOLOGY + "-regions tr[data-code=" + region + "]");
        assertThat(search(portal, "perfusion", "fr").path("results").findValuesAsString("key"))
                .doesNotContain(key);

        try (Browser member = new Browser()) {
            DemoAccount cdmo = stack.accounts().stream()
                    .filter(a -> a.username().equals("cdmo"))
                    .findFirst()
                    .orElseThrow();
            member.open(stack.portalUrl() + "/");
            member.signIn(cdmo.username(), cdmo.password());
            member.find("user-name");
            member.open(stack.portalUrl() + "/organisations/demo-cdmo/sites/" + key + "/capacites/0");
            String box = "technologies-" + TECHNOLOGY;
            assertThat(member.driver()
                            .findElement(By.cssSelector("label[for='" + box + "']"))
                            .getText())
                    .isEqualTo("Amont continu ou intensifié (perfusion)");
            member.driver()
                    .findElement(By.cssSelector("label[for='" + box + "']"))
                    .click();
            assertThat(member.driver().findElement(By.id(box)).isSelected()).isTrue();
            member.submit("capability-save");
            assertThat(member.find("flash-success").getText()).contains("capacité a été modifiée");

            // The search finds it once the change is indexed (the outbox is read every second or so).
            JsonNode french = Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> search(portal, "perfusion", "fr"),
                            answer -> answer.path("results")
                                    .findValuesAsString("key")
                                    .contains(key));
            assertThat(french.path("terms").get(0).path("parameter").asString()).isEqualTo("technologie");
            assertThat(facetCount(french, TECHNOLOGY))
                    .isEqualTo(french.path("total").asLong());
            assertThat(french.path("total").asLong()).isEqualTo(sitesBefore + 1);
            JsonNode english = search(portal, "perfusion", "en");
            assertThat(english.path("results").findValuesAsString("key")).contains(key);
            assertThat(search(portal, "intensified upstream", "en")
                            .path("results")
                            .findValuesAsString("key"))
                    .contains(key);

            // The search page says the same to a person, facet count included.
            member.open(stack.portalUrl() + "/recherche?q=perfusion");
            assertThat(member.find("search-results").getText())
                    .contains(site.path("name").asString());
            assertThat(member.driver()
                            .findElement(By.cssSelector("label[for$='" + TECHNOLOGY + "']"))
                            .getText())
                    .contains("(" + (sitesBefore + 1) + ")");
        }

        Document after = portal.get("/technologies-de-production").document();
        assertThat(sites(after, "#technologies-summary tr[data-technology=" + TECHNOLOGY + "]"))
                .isEqualTo(sitesBefore + 1);
        Element regionRow = after.selectFirst("#technology-" + TECHNOLOGY + "-regions tr[data-code=" + region + "]");
        assertThat(regionRow).as("the site's region in the table").isNotNull();
        assertThat(Long.parseLong(regionRow.selectFirst("td[data-column=sites]").text()))
                .isEqualTo(regionBefore + 1);
        assertThat(regionRow.selectFirst("a").attr("href"))
                .isEqualTo("/recherche?technologie=" + TECHNOLOGY + "&region=" + region);
        String csv = portal.get("/technologies-de-production.csv", "text/csv").body();
        assertThat(csv.lines().findFirst().orElseThrow())
                .isEqualTo("technology,technology_label,breakdown,code,label,sites,organisations");
        assertThat(csv).contains(TECHNOLOGY + ",Amont continu ou intensifié (perfusion),region," + region + ",");
    }

    private static JsonNode organisation(JsonNode export, String key) {
        for (JsonNode organisation : export.path("organisations")) {
            if (organisation.path("key").asString().equals(key)) {
                return organisation;
            }
        }
        throw new AssertionError("no organisation " + key + " in the export");
    }

    private static JsonNode search(PortalClient portal, String text, String language) throws Exception {
        return JSON.readTree(portal.get(
                        "/api/search?taille=100&lang=" + language + "&q="
                                + URLEncoder.encode(text, StandardCharsets.UTF_8),
                        "application/json")
                .body());
    }

    private static long facetCount(JsonNode answer, String code) {
        for (JsonNode bucket : answer.path("facets").path("technologie")) {
            if (bucket.path("value").asString().equals(code)) {
                return bucket.path("count").asLong();
            }
        }
        return 0;
    }

    /** The sites figure of a table row, 0 when there is no such row (no site yet). */
    private static long sites(Document page, String row) {
        Element found = page.selectFirst(row);
        return found == null
                ? 0
                : Long.parseLong(found.selectFirst("td[data-column=sites]").text());
    }
}
