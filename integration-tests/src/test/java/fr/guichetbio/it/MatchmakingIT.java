package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.Stack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Matchmaking in Chromium, as the demo sponsor does it: a 50 kg/year antibody need sized from the home page, a brief
 * created from that result (prefilled), saved, and its shortlist from the real index — each site with the criteria
 * it meets, the volume read against the 2,000 L batch — then why a site is missing. The demo CDMO's people cannot
 * open the sponsor's brief. The anonymous sponsor's NDA reaches the CDMO under a neutral name and without the
 * metadata that named the sponsor.
 */
@ExtendWith(RunningStack.class)
class MatchmakingIT {

    @Test
    void aSponsorSizesANeedWritesABriefAndReadsItsExplainedShortlist(Stack stack) {
        String briefUrl;
        try (Browser sponsor = new Browser()) {
            signIn(sponsor, stack, "sponsor");
            sponsor.driver()
                    .findElement(By.cssSelector(".fr-card__title a[href='/mise-en-relation']"))
                    .click();
            sponsor.find("matchmaking-sizing-link").click();
            sponsor.find("sizing-quantite").sendKeys("50");
            sponsor.submit("sizing-submit");
            assertThat(sponsor.find("sizing-batches").getText()).isEqualTo("14 lots/an");

            sponsor.submit("sizing-brief");
            // The sponsor belongs to one organisation: its new-brief form, prefilled from the sizing.
            assertThat(sponsor.driver().getCurrentUrl())
                    .contains("/organisations/demo-biotech/cahiers-des-charges/nouveau");
            assertThat(new Select(sponsor.find("modality"))
                            .getFirstSelectedOption()
                            .getAttribute("value"))
                    .isEqualTo("MAB");
            assertThat(sponsor.find("annualQuantityKg").getAttribute("value")).isEqualTo("50");
            assertThat(sponsor.find("litresPerBatch").getAttribute("value")).isEqualTo("2000");
            sponsor.find("brief-from-sizing");

            // Saved without a title: refused next to the field, nothing else lost.
            sponsor.submit("brief-save");
            assertThat(sponsor.find("title-error").getText()).contains("3 à 120");
            assertThat(sponsor.find("litresPerBatch").getAttribute("value")).isEqualTo("2000");

            sponsor.find("title").sendKeys("Anticorps 50 kg/an");
            sponsor.driver()
                    .findElement(By.cssSelector("label[for='services1']"))
                    .click();
            sponsor.driver()
                    .findElement(By.xpath("//input[@name='region' and @value='FRANCE']/following-sibling::label"))
                    .click();
            sponsor.submit("brief-save");

            assertThat(sponsor.find("flash-success").getText()).contains("enregistré");
            briefUrl = sponsor.driver().getCurrentUrl();
            assertThat(sponsor.find("brief-status").getText()).isEqualToIgnoringCase("Brouillon");
            String total = sponsor.find("shortlist-total").getText();
            assertThat(total).matches("\\d+ site\\(s\\) répondent aux critères exigés.*");
            assertThat(Integer.parseInt(total.substring(0, total.indexOf(' ')))).isPositive();

            List<WebElement> sites = sponsor.driver().findElements(By.cssSelector("#shortlist-sites > li"));
            assertThat(sites).isNotEmpty();
            for (WebElement site : sites) {
                List<String> criteria = site.findElements(By.cssSelector("li[data-criterion]")).stream()
                        .map(c -> c.getAttribute("data-criterion"))
                        .toList();
                assertThat(criteria).contains("MODALITY", "REGION", "SERVICE", "VOLUME", "START");
                assertThat(site.findElement(By.cssSelector("li[data-criterion='MODALITY']"))
                                .getText())
                        .containsIgnoringCase("Satisfait")
                        .contains("Anticorps monoclonaux");
                assertThat(site.findElement(By.cssSelector("li[data-criterion='VOLUME']"))
                                .getText())
                        .contains("2 000 L");
            }

            // Why is a site missing? One of the list, then one that does not exist.
            String listed = sites.getFirst().getAttribute("data-site");
            sponsor.find("site").sendKeys(listed);
            sponsor.driver()
                    .findElement(By.cssSelector("#shortlist-missing button"))
                    .click();
            answered(sponsor, "figure dans la liste");
            sponsor.find("site").clear();
            sponsor.find("site").sendKeys("aucun-site-de-ce-nom");
            sponsor.driver()
                    .findElement(By.cssSelector("#shortlist-missing button"))
                    .click();
            answered(sponsor, "Aucun site publié");

            sponsor.submit("brief-open");
            assertThat(sponsor.find("brief-status").getText()).isEqualToIgnoringCase("Ouvert");
        }
        // A manufacturer's member does not learn that the brief exists.
        try (Browser cdmo = new Browser()) {
            signIn(cdmo, stack, "cdmo");
            cdmo.open(briefUrl.replaceAll("\\?.*$", ""));
            assertThat(cdmo.driver().getPageSource()).doesNotContain("Anticorps 50 kg/an");
            assertThat(cdmo.driver().findElements(By.id("shortlist"))).isEmpty();
        }
    }

    /**
     * Acceptance 1's exchange: the sponsor's brief (an anonymous one) around a site of the demo CDMO, sent to two
     * shortlisted sites; the CDMO reads it without learning who the sponsor is, answers interested with a slot; the
     * sponsor reads the answer and closes the request as won.
     */
    @Test
    void aSponsorSendsTwoRequestsAndTheManufacturerAnswersInterested(Stack stack) throws Exception {
        JsonNode export = RelevanceEvaluation.export(new PortalClient(stack.portalUrl()));
        JsonNode cdmoSite = null;
        for (JsonNode organisation : export.path("organisations")) {
            if (organisation.path("key").asString().equals("demo-cdmo")) {
                for (JsonNode site : organisation.path("sites")) {
                    if (site.path("address").path("country").asString().equals("FR")) {
                        cdmoSite = site;
                        break;
                    }
                }
            }
        }
        assertThat(cdmoSite).as("a French site of the demo CDMO in the export").isNotNull();
        String siteKey = cdmoSite.path("key").asString();
        String modality = cdmoSite.path("capabilities").get(0).path("modality").asString();
        String postalCode = cdmoSite.path("address").path("postalCode").asString();

        String requestUrl;
        try (Browser sponsor = new Browser()) {
            signIn(sponsor, stack, "sponsor");
            sponsor.open(stack.portalUrl() + "/organisations/demo-biotech/cahiers-des-charges/nouveau");
            sponsor.find("title").sendKeys("Besoin confidentiel " + modality);
            new Select(sponsor.find("modality")).selectByValue(modality);
            sponsor.driver()
                    .findElement(By.xpath("//input[@name='region' and @value='NEAR']/following-sibling::label"))
                    .click();
            sponsor.find("place").sendKeys(postalCode);
            sponsor.find("radiusKm").sendKeys("150");
            sponsor.submit("brief-save");
            sponsor.submit("brief-open");
            assertThat(sponsor.find("brief-status").getText()).isEqualToIgnoringCase("Ouvert");
            long briefId = Long.parseLong(
                    sponsor.driver().getCurrentUrl().replaceAll("[?#].*$", "").replaceAll("^.*/", ""));

            List<String> listed = sponsor.driver().findElements(By.cssSelector("#shortlist-sites > li")).stream()
                    .map(li -> li.getAttribute("data-site"))
                    .toList();
            assertThat(listed).as("the demo CDMO's site is shortlisted").contains(siteKey);
            String other = listed.stream()
                    .filter(key -> !key.equals(siteKey))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("a second site within 150 km"));
            sponsor.driver()
                    .findElement(By.cssSelector("label[for='send-" + siteKey + "']"))
                    .click();
            sponsor.driver()
                    .findElement(By.cssSelector("label[for='send-" + other + "']"))
                    .click();
            sponsor.find("message").sendKeys("Bonjour, nous cherchons un partenaire pour ce besoin.");
            sponsor.submit("send-requests-submit");
            assertThat(sponsor.find("flash-success").getText()).contains("2 demande(s) envoyée(s)");
            // Opening the brief recorded the demand, without the sponsor: what, where, how many sites qualify.
            StackCatalogue catalogue = new StackCatalogue(stack);
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                try (Connection db = catalogue.connection();
                        PreparedStatement query = db.prepareStatement(
                                "select modality, region, qualified_sites from demand_record where brief_id = ?")) {
                    query.setLong(1, briefId);
                    try (ResultSet row = query.executeQuery()) {
                        assertThat(row.next())
                                .as("demand record of brief " + briefId)
                                .isTrue();
                        assertThat(row.getString("modality")).isEqualTo(modality);
                        assertThat(row.getString("region")).isEqualTo("NEAR");
                        assertThat(row.getInt("qualified_sites")).isGreaterThanOrEqualTo(listed.size());
                    }
                }
            });
            requestUrl = sponsor.driver()
                    .findElement(By.cssSelector("#demandes tr[data-site='" + siteKey + "'] a"))
                    .getAttribute("href");
        }

        // The CDMO's admin is told by e-mail (read in the stack's mail catcher), without the sponsor's name.
        String title = "Besoin confidentiel " + modality;
        JsonNode toCdmo = mailAbout(stack, stack.account("cdmo").email(), "Nouvelle demande", title);
        assertThat(toCdmo.get("subject").asString()).doesNotContain("Biotech", "biotech");
        assertThat(NotificationIT.body(toCdmo.get("mimeMessage").asString()))
                .contains("/demandes/")
                .doesNotContain("Biotech", "biotech");

        try (Browser cdmo = new Browser()) {
            signIn(cdmo, stack, "cdmo");
            cdmo.open(stack.portalUrl() + "/organisations/demo-cdmo/demandes-recues");
            assertThat(cdmo.find("requests").getText())
                    .contains("Besoin confidentiel")
                    .doesNotContain("Démo Biotech");
            cdmo.open(requestUrl);
            assertThat(cdmo.find("request-status").getText()).isEqualToIgnoringCase("Lue");
            assertThat(cdmo.find("request-sponsor").getText()).isEqualTo("Sponsor anonyme");
            assertThat(cdmo.driver().getPageSource()).doesNotContain("Démo Biotech", "demo-biotech");
            cdmo.driver()
                    .findElement(By.cssSelector("label[for='kind-INTERESTED']"))
                    .click();
            cdmo.find("body").sendKeys("Nous pouvons vous recevoir.");
            cdmo.find("slotQuarter").sendKeys("2027-T2");
            cdmo.find("timeline").sendKeys("Transfert en 3 mois");
            cdmo.submit("request-reply-send");
            assertThat(cdmo.find("request-status").getText()).isEqualToIgnoringCase("Répondue");
        }

        // The sponsor's admin is told of the answer.
        mailAbout(stack, stack.account("sponsor").email(), "intéressé", title);

        try (Browser sponsor = new Browser()) {
            signIn(sponsor, stack, "sponsor");
            sponsor.open(requestUrl);
            assertThat(sponsor.find("request-thread").getText())
                    .contains("Nous pouvons vous recevoir.", "2027-Q2", "Transfert en 3 mois");

            // Still anonymous, the sponsor sends its NDA: a PDF whose metadata names the sponsor.
            Path nda = Files.createTempFile("NDA Démo Biotech ", ".pdf");
            Files.write(nda, pdfBy("Démo Biotech"));
            sponsor.find("body").sendKeys("Voici notre accord de confidentialité.");
            sponsor.find("attachment").sendKeys(nda.toAbsolutePath().toString());
            sponsor.submit("request-reply-send");
            Files.delete(nda);
            assertThat(sponsor.find("request-thread").getText()).contains("piece-jointe-1.pdf");
            sponsor.driver()
                    .findElement(By.cssSelector("label[for='outcome-WON']"))
                    .click();
            sponsor.submit("request-close-submit");
            assertThat(sponsor.find("request-status").getText()).isEqualToIgnoringCase("Close : retenue");
        }

        // The CDMO downloads the NDA: a neutral name, and nothing in the file's metadata names the sponsor.
        try (Browser cdmo = new Browser()) {
            signIn(cdmo, stack, "cdmo");
            cdmo.open(requestUrl);
            WebElement link = cdmo.driver().findElement(By.cssSelector("#request-thread a[download]"));
            assertThat(link.getText()).contains("piece-jointe-1.pdf");
            assertThat(cdmo.driver().getPageSource()).doesNotContain("Démo Biotech", "demo-biotech");
            HttpResponse<byte[]> file = cdmo.download(link.getAttribute("href"));
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Disposition").orElseThrow())
                    .contains("piece-jointe-1.pdf")
                    .doesNotContain("Biotech");
            try (PDDocument pdf = Loader.loadPDF(file.body())) {
                assertThat(pdf.getDocumentInformation().getAuthor()).isNull();
                assertThat(pdf.getDocumentInformation().getTitle()).isNull();
                assertThat(pdf.getDocumentCatalog().getMetadata()).isNull();
            }
        }
    }

    /** A one-page PDF whose author, title and creator name {@code who}. */
    private static byte[] pdfBy(String who) throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            document.getDocumentInformation().setAuthor(who);
            document.getDocumentInformation().setTitle("NDA " + who);
            document.getDocumentInformation().setCreator(who);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /** The first message to {@code address} whose subject holds both texts, waited for (sent every few seconds). */
    private static JsonNode mailAbout(Stack stack, String address, String what, String title) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(
                        () -> {
                            for (JsonNode message : JsonMapper.builder()
                                    .build()
                                    .readTree(stack.mail().inbox(address))) {
                                String subject = message.get("subject").asString();
                                if (subject.contains(what) && subject.contains(title)) {
                                    return message;
                                }
                            }
                            return null;
                        },
                        java.util.Objects::nonNull);
    }

    private static void signIn(Browser browser, Stack stack, String username) {
        DemoAccount account = stack.accounts().stream()
                .filter(a -> a.username().equals(username))
                .findFirst()
                .orElseThrow();
        browser.open(stack.portalUrl() + "/");
        browser.signIn(account.username(), account.password());
        browser.find("user-name");
    }

    /**
     * Waits for the "why is this site missing?" answer to say this: the answer is swapped in after the click, and the
     * previous answer's element may still be read (or be gone, stale) meanwhile.
     */
    private static void answered(Browser sponsor, String text) {
        Awaitility.await("the answer saying " + text)
                .atMost(Duration.ofSeconds(15))
                .ignoreExceptions()
                .until(() -> sponsor.find("shortlist-missing-answer").getText().contains(text));
    }
}
