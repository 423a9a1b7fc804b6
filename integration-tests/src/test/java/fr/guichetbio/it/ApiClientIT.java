package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Machine access on the real stack: an organisation admin signs in (OpenID Connect, over HTTP), registers an API
 * client, the client gets a token from the portal and updates its organisation, is refused on another one, and is
 * refused everywhere once revoked, or once the admin who registered it is removed from the organisation.
 */
@ExtendWith(RunningStack.class)
class ApiClientIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void anAdminsClientUpdatesItsOrganisationOnlyAndStopsWhenRevoked(Stack stack) throws Exception {
        PortalSession cdmo = PortalSession.signIn(
                stack.portalUrl(),
                stack.account("cdmo").username(),
                stack.account("cdmo").password());
        PortalSession sponsor = PortalSession.signIn(
                stack.portalUrl(),
                stack.account("sponsor").username(),
                stack.account("sponsor").password());

        Credentials cdmoClient = register(cdmo, "demo-cdmo", "ERP CDMO");
        Credentials sponsorClient = register(sponsor, "demo-biotech", "LIMS Biotech");
        String token = token(stack, cdmoClient);
        String sponsorToken = token(stack, sponsorClient);
        long cdmoOrganisation = organisationOf(token);
        long sponsorOrganisation = organisationOf(sponsorToken);
        assertThat(cdmoOrganisation).isNotEqualTo(sponsorOrganisation);

        // A updates A, with the version it read.
        HttpResponse<String> read = api(stack, "GET", "/api/organisations/" + cdmoOrganisation, token, null, null);
        assertThat(read.statusCode()).isEqualTo(200);
        int version = JSON.readTree(read.body()).path("version").asInt();
        String description = "Mis à jour par l’ERP " + System.nanoTime();
        HttpResponse<String> updated = api(
                stack,
                "PATCH",
                "/api/organisations/" + cdmoOrganisation,
                token,
                "\"" + version + "\"",
                "{\"description\":\"" + description + "\"}");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(JSON.readTree(updated.body()).path("description").asString()).isEqualTo(description);
        assertThat(JSON.readTree(updated.body()).path("version").asInt()).isEqualTo(version + 1);

        // The same token on B: refused, B unchanged.
        String before = api(stack, "GET", "/api/organisations/" + sponsorOrganisation, sponsorToken, null, null)
                .body();
        HttpResponse<String> refused = api(
                stack,
                "PATCH",
                "/api/organisations/" + sponsorOrganisation,
                token,
                null,
                "{\"description\":\"Hijacked\",\"version\":0}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(api(stack, "GET", "/api/organisations/" + sponsorOrganisation, sponsorToken, null, null)
                        .body())
                .isEqualTo(before);

        // Revoked by the admin: the unexpired token is refused at once.
        PortalSession.Page afterRevocation =
                cdmo.postForm("/organisations/demo-cdmo/api/" + cdmoClient.clientId() + "/revoquer", Map.of());
        assertThat(afterRevocation.status()).isEqualTo(200);
        assertThat(afterRevocation.document().getElementById("apiclient-revoked"))
                .isNotNull();
        HttpResponse<String> afterRevoke =
                api(stack, "GET", "/api/organisations/" + cdmoOrganisation, token, null, null);
        assertThat(afterRevoke.statusCode()).isEqualTo(401);
        assertThat(tokenResponse(stack, cdmoClient).statusCode()).isEqualTo(401);
    }

    @Test
    void aSponsorAdminCannotManageTheCdmosClients(Stack stack) throws Exception {
        PortalSession sponsor = PortalSession.signIn(
                stack.portalUrl(),
                stack.account("sponsor").username(),
                stack.account("sponsor").password());

        assertThat(sponsor.get("/organisations/demo-cdmo/api").status()).isEqualTo(403);
        PortalSession.Page replayed = sponsor.postForm(
                "/organisations/demo-cdmo/api",
                List.of(Map.entry("name", "Replayed"), Map.entry("scopes", "catalogue:write")));
        assertThat(replayed.status()).isEqualTo(403);
    }

    /**
     * Acceptance (issue 10): as new users would, in Chromium. The instructor creates an organisation and makes the
     * trainee a second admin; the trainee registers an API client whose token works; the instructor removes the trainee;
     * the client's next call is refused with 401 and it gets no new token; the instructor sees why in the journal.
     */
    @Test
    void aClientStopsWhenTheAdminWhoRegisteredItIsRemoved(Stack stack) throws Exception {
        DemoAccount founder = stack.account("instructor");
        DemoAccount colleague = stack.account("trainee");
        String portal = stack.portalUrl();
        String suffix = String.valueOf(System.nanoTime() % 1_000_000);
        try (Browser admin = new Browser();
                Browser creator = new Browser()) {
            admin.open(portal + "/");
            admin.signIn(founder.username(), founder.password());
            admin.find("user-name");
            admin.open(portal + "/organisations/nouvelle");
            admin.find("name").sendKeys("Façonnier API " + suffix);
            new Select(admin.find("kind")).selectByValue("MANUFACTURER");
            admin.find("website").sendKeys("https://faconnier-api.example");
            admin.find("description").sendKeys("Organisation fictive du test des clients API.");
            admin.find("organisation-save").click();
            admin.find("organisation-name");
            String organisation = admin.driver().getCurrentUrl().replaceAll("[?#].*$", "");

            // A second admin: the trainee, invited with that role.
            admin.open(organisation + "/membres");
            admin.find("email").sendKeys(colleague.email());
            new Select(admin.find("role")).selectByValue("ADMIN");
            admin.find("invite-submit").click();
            String link = admin.find("invitation-link").getText().strip();
            creator.open(portal + "/");
            creator.signIn(colleague.username(), colleague.password());
            creator.find("user-name");
            creator.open(link);
            creator.find("accept-invitation").click();
            creator.find("flash-success");

            // The trainee registers a client; the ERP gets a token and calls the API.
            creator.open(organisation + "/api");
            creator.find("client-name").sendKeys("ERP " + suffix);
            // DSFR hides the native checkbox behind its label: click the label, as people do.
            creator.driver()
                    .findElement(By.cssSelector("label[for='scope-CATALOGUE_READ']"))
                    .click();
            creator.find("apiclient-submit").click();
            Credentials client = new Credentials(
                    creator.find("created-client-id").getText().strip(),
                    creator.find("created-client-secret").getText().strip());
            String token = token(stack, client);
            assertThat(api(stack, "GET", "/api/ping", token, null, null).statusCode())
                    .isEqualTo(200);

            // The instructor removes the trainee from the organisation.
            admin.open(organisation + "/membres");
            WebElement row = new WebDriverWait(admin.driver(), Duration.ofSeconds(15))
                    .until(ExpectedConditions.visibilityOfElementLocated(
                            By.xpath("//table[@id='members']//tr[td[contains(normalize-space(.), '" + colleague.name()
                                    + "')]]")));
            row.findElement(By.className("remove-member")).click();
            assertThat(admin.find("flash-success").getText()).contains("retiré");

            // The ERP's next call is refused, and it gets no new token.
            HttpResponse<String> refused = api(stack, "GET", "/api/ping", token, null, null);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            HttpResponse<String> noToken = tokenResponse(stack, client);
            assertThat(noToken.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(noToken.body()).path("error").asString()).isEqualTo("invalid_client");

            // The remaining admin sees the client revoked, who created it, and why in the journal.
            admin.open(organisation + "/api");
            WebElement listed = admin.find("client-" + client.clientId());
            assertThat(listed.findElement(By.className("client-status")).getText())
                    .isEqualToIgnoringCase("Révoqué");
            assertThat(listed.findElement(By.className("client-creator")).getText())
                    .isEqualTo(colleague.name());
            admin.open(organisation + "/journal");
            WebElement entry = admin.find("journal")
                    .findElement(By.xpath(".//tr[td/code[normalize-space(.)='api_client.revoked']]"));
            entry.findElement(By.tagName("summary")).click();
            assertThat(entry.getText()).contains(founder.name(), client.clientId(), "creator_removed");
        }
    }

    private record Credentials(String clientId, String secret) {}

    private static Credentials register(PortalSession session, String slug, String name) throws Exception {
        assertThat(session.get("/organisations/" + slug + "/api").status()).isEqualTo(200);
        PortalSession.Page created = session.postForm(
                "/organisations/" + slug + "/api",
                List.of(
                        Map.entry("name", name),
                        Map.entry("scopes", "catalogue:read"),
                        Map.entry("scopes", "catalogue:write")));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        Document page = created.document();
        return new Credentials(
                page.getElementById("created-client-id").text(),
                page.getElementById("created-client-secret").text());
    }

    private HttpResponse<String> tokenResponse(Stack stack, Credentials client) throws Exception {
        String basic = Base64.getEncoder()
                .encodeToString((client.clientId() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(URI.create(stack.portalUrl() + "/api/oauth/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String token(Stack stack, Credentials client) throws Exception {
        HttpResponse<String> response = tokenResponse(stack, client);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    private HttpResponse<String> api(Stack stack, String method, String path, String token, String ifMatch, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.portalUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(
                        method,
                        json == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code org} claim of a token (its payload only; the portal checked the signature when it issued it). */
    private static long organisationOf(String token) {
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return claims.path("org").asLong();
    }
}
