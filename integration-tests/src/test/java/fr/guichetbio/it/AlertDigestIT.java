package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.Stack;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The daily digest end to end, over HTTP as people do it: the demo sponsor saves a search from the search page and
 * opens a brief; a first run (the administrator's "run now") records their baselines and tells nothing; the demo
 * CDMO lists a new site that both match; once it is indexed, a second run sends the sponsor exactly one digest — a
 * notice and an e-mail, read in the stack's mail catcher, naming the search, the brief and the site — and the page of
 * saved searches links the site; a third run the same day sends nothing more.
 */
@ExtendWith(RunningStack.class)
class AlertDigestIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DIGEST_SUBJECT = "Nouveaux sites correspondant";

    @Test
    void aNewMatchingSiteReachesTheSponsorOnceInADigest(Stack stack) throws Exception {
        String portal = stack.portalUrl();
        // A word no site holds yet (letters only, far from any catalogue word): the search matches nothing at first.
        String word = "qzx" + letters(System.nanoTime());
        String searchName = "Alerte " + word;
        String briefTitle = "Vecteurs AAV " + word;
        String siteName = "Site " + word;
        DemoAccount sponsorAccount = stack.account("sponsor");
        PortalSession sponsor = PortalSession.signIn(portal, sponsorAccount.username(), sponsorAccount.password());
        PortalSession cdmo =
                PortalSession.signIn(portal, "cdmo", stack.account("cdmo").password());
        DemoAccount adminAccount = stack.account("admin");
        PortalSession admin = PortalSession.signIn(portal, adminAccount.username(), adminAccount.password());
        int digestsBefore = digestMails(stack, sponsorAccount.email()).size();

        // The search page's own save form carries the search's parameters.
        PortalSession.Page results = sponsor.get("/recherche?q=" + word);
        Element parameters = results.document().getElementById("save-search-parameters");
        assertThat(parameters).as("the save form's parameters").isNotNull();
        assertThat(parameters.attr("value")).isEqualTo("q=" + word);
        PortalSession.Page refused =
                sponsor.postForm("/compte/recherches", Map.of("nom", " ", "recherche", parameters.attr("value")));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.document().getElementById("save-search-name-error")).isNotNull();
        PortalSession.Page saved = sponsor.postForm(
                "/compte/recherches", Map.of("nom", searchName, "recherche", parameters.attr("value")));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.document().select("#saved-searches .saved-search-link").eachText())
                .contains(searchName);

        // An open AAV brief around Tours.
        PortalSession.Page brief = sponsor.postForm(
                "/organisations/demo-biotech/cahiers-des-charges/nouveau",
                Map.of(
                        "title", briefTitle,
                        "modality", "AAV",
                        "region", "NEAR",
                        "place", "Tours",
                        "radiusKm", "15",
                        "minimumVerification", "SELF_DECLARED",
                        "version", "0"));
        String briefPath = brief.uri().getPath();
        assertThat(briefPath).matches("/organisations/demo-biotech/cahiers-des-charges/\\d+");
        sponsor.postForm(briefPath + "/ouvrir", Map.of());

        // First run: baselines only.
        runDigest(admin);
        long personId = personId(stack, sponsorAccount.email());
        assertThat(digestNotices(stack, personId)).isZero();

        // The demo CDMO lists a new AAV site in Tours whose name holds the word.
        PortalSession.Page site = cdmo.postForm(
                "/organisations/demo-cdmo/sites/nouveau",
                Map.of(
                        "name", siteName,
                        "postalCode", "37000",
                        "city", "Tours",
                        "regionCode", "24",
                        "country", "FR",
                        "latitude", "47.3941",
                        "longitude", "0.6848"));
        String siteKey = site.uri().getPath().replaceAll("^/organisations/demo-cdmo/sites/([^/]+).*$", "$1");
        assertThat(siteKey).as("the new site's key in " + site.uri()).doesNotContain("/");
        PortalSession.Page capabilityForm =
                cdmo.get("/organisations/demo-cdmo/sites/" + siteKey + "/capacites/nouvelle");
        List<Map.Entry<String, String>> capability = new ArrayList<>(hidden(capabilityForm));
        capability.add(Map.entry("modality", "AAV"));
        capability.add(Map.entry("services", "UPSTREAM"));
        capability.add(Map.entry("stages", "CLINICAL_EARLY"));
        PortalSession.Page added =
                cdmo.postForm("/organisations/demo-cdmo/sites/" + siteKey + "/capacites/nouvelle", capability);
        assertThat(added.status()).as(added.uri().toString()).isEqualTo(200);
        PortalClient anonymous = new PortalClient(portal);
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(anonymous
                                .get("/api/search?facettes=non&q=" + word, "application/json")
                                .body())
                        .contains("\"key\":\"" + siteKey + "\""));

        // Second run: one digest for the sponsor, naming the search, the brief and the site.
        runDigest(admin);
        assertThat(digestNotices(stack, personId)).isEqualTo(1);
        JsonNode mail = Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> digestMails(stack, sponsorAccount.email()), mails -> mails.size() > digestsBefore)
                .getLast();
        String body = NotificationIT.body(mail.get("mimeMessage").asString());
        assertThat(mail.get("subject").asString()).contains(searchName, briefTitle, siteName + " (Tours)");
        assertThat(body)
                .contains(searchName + " — " + siteName + " (Tours)")
                .contains(briefTitle + " — " + siteName)
                .contains(portal + "/compte/recherches#nouveautes");
        PortalSession.Page page = sponsor.get("/compte/recherches");
        assertThat(page.document().select("#digest-items a.digest-site").eachAttr("href"))
                .contains("/sites/" + siteKey);

        // Third run the same day: nothing new, nothing sent.
        runDigest(admin);
        assertThat(digestNotices(stack, personId)).isEqualTo(1);
        Awaitility.await()
                .during(Duration.ofSeconds(8))
                .atMost(Duration.ofSeconds(15))
                .until(() -> digestMails(stack, sponsorAccount.email()).size() == digestsBefore + 1);

        // Another person cannot delete the sponsor's search; the sponsor can.
        long searchId = Long.parseLong(
                saved.document().selectFirst("#saved-searches .saved-search").attr("data-id"));
        assertThat(cdmo.postForm("/compte/recherches/" + searchId + "/suppression", Map.of())
                        .status())
                .isEqualTo(404);
        PortalSession.Page deleted = sponsor.postForm("/compte/recherches/" + searchId + "/suppression", Map.of());
        assertThat(deleted.document()
                        .select("#saved-searches .saved-search-link")
                        .eachText())
                .doesNotContain(searchName);
    }

    private static void runDigest(PortalSession admin) throws Exception {
        PortalSession.Page run = admin.postForm("/admin/alertes/envoi", Map.of());
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.document().getElementById("flash-success"))
                .as("the run's summary")
                .isNotNull();
        assertThat(run.document().getElementById("flash-success").text()).doesNotContain("ne répond pas");
    }

    /** The digest e-mails in the person's inbox, oldest first. */
    private static List<JsonNode> digestMails(Stack stack, String address) throws Exception {
        return StreamSupport.stream(JSON.readTree(stack.mail().inbox(address)).spliterator(), false)
                .filter(message -> message.get("subject").asString().contains(DIGEST_SUBJECT))
                .toList();
    }

    private static long digestNotices(Stack stack, long personId) throws Exception {
        try (Connection db = new StackCatalogue(stack).connection();
                PreparedStatement query = db.prepareStatement(
                        "select count(*) from notification where person_id = ? and category = 'matchmaking.digest'"
                                + " and created_at > now() - interval '1 hour'")) {
            query.setLong(1, personId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static long personId(Stack stack, String email) throws Exception {
        try (Connection db = new StackCatalogue(stack).connection();
                PreparedStatement query = db.prepareStatement("select id from person where lower(email) = lower(?)")) {
            query.setString(1, email);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("person " + email).isTrue();
                return row.getLong(1);
            }
        }
    }

    /** The hidden fields of the page's first POST form (its version), as the browser would send them. */
    private static List<Map.Entry<String, String>> hidden(PortalSession.Page page) {
        Map<String, String> fields = new LinkedHashMap<>();
        Element form = page.document().selectFirst("form[method=post]:has(input[name=version])");
        assertThat(form).as("the form of " + page.uri()).isNotNull();
        for (Element input : form.select("input[type=hidden]")) {
            if (!input.attr("name").equals("_csrf")) {
                fields.put(input.attr("name"), input.attr("value"));
            }
        }
        return new ArrayList<>(fields.entrySet());
    }

    private static String letters(long n) {
        StringBuilder word = new StringBuilder();
        for (char c : Long.toString(n % 100_000_000L).toCharArray()) {
            word.append((char) ('a' + (c - '0')));
        }
        return word.toString();
    }
}
