package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.Stack;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The listing editor in Chromium, as the demo CDMO's admin uses it: adds a capability and an open slot that the public
 * site page and the organisation's journal then show; two people saving the same capability, the second one told what
 * changed with their input kept; a certificate upload, a real PDF accepted and a renamed image refused. Each test works
 * on its own site (the two demo sites of {@code demo-cdmo}, found through the sites table, or one it creates) so that
 * none depends on another's changes.
 */
@ExtendWith(RunningStack.class)
class CatalogueEditingIT {

    private static final String ORGANISATION = "/organisations/demo-cdmo";
    /** The editor links of the demo catalogue's sites (not of sites created by tests). */
    private static final Pattern DEMO_SITE_LINK =
            Pattern.compile(".*/organisations/demo-cdmo/sites/(demo-cdmo-s\\d+)/modifier$");

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void aMemberAddsACapabilityAndAnOpenSlotThatThePublicPageAndTheJournalShow(Stack stack) {
        String portal = stack.portalUrl();
        DemoAccount cdmo = stack.account("cdmo");
        LocalDate nextQuarter = LocalDate.now(ZoneId.of("Europe/Paris"))
                .with(IsoFields.DAY_OF_QUARTER, 1)
                .plusMonths(3);
        LocalDate nextQuarterEnd = nextQuarter.plusMonths(3).minusDays(1);
        String quarterLabel = "T" + nextQuarter.get(IsoFields.QUARTER_OF_YEAR) + " " + nextQuarter.getYear();
        try (Browser member = new Browser();
                Browser visitor = new Browser()) {
            signIn(member, portal, cdmo);

            // From the organisation page to the first demo site's editor, as a newcomer finds it.
            member.open(portal + ORGANISATION);
            member.find("tab-sites").click();
            String key = demoSiteKeys(member).getFirst();
            member.driver()
                    .findElement(By.cssSelector("#sites a[href$='/sites/" + key + "/modifier']"))
                    .click();
            member.find("capacites");
            int capabilitiesBefore = rows(member, "capabilities").size();

            // What the public already sees, so that the checks below cannot pass on demo data alone.
            visitor.open(portal + "/sites/" + key);
            visitor.find("site-name");
            long aavReactorsBefore = aavSingleUse500(visitor);
            assertThat(visitor.driver().findElements(By.id("site-edit")))
                    .as("no edit link for visitors")
                    .isEmpty();

            // A capability: AAV, upstream + downstream, early and late clinical, GMP, 2 × 500 L single-use.
            member.find("capability-new").click();
            new Select(member.find("modality")).selectByValue("AAV");
            tick(member, "services-UPSTREAM");
            tick(member, "services-DOWNSTREAM");
            tick(member, "stages-CLINICAL_EARLY");
            tick(member, "stages-CLINICAL_LATE");
            tick(member, "gmp-true");
            new Select(member.find("bioreactors-0-technology")).selectByValue("SINGLE_USE");
            type(member, "bioreactors-0-workingVolumeLitres", "500");
            type(member, "bioreactors-0-count", "2");
            member.find("capability-save").click();
            assertThat(member.find("flash-success").getText()).contains("capacité a été ajoutée");
            List<WebElement> capabilities = rows(member, "capabilities");
            assertThat(capabilities).hasSize(capabilitiesBefore + 1);
            assertThat(capabilities.getLast().getText())
                    .contains("Vecteurs AAV", "2 × 500 L (Usage unique)", "Essais cliniques précoces");

            // An open slot over the whole next quarter, AAV at the early clinical stage.
            member.find("slot-new").click();
            setDate(member, "from", nextQuarter);
            setDate(member, "to", nextQuarterEnd);
            new Select(member.find("modality")).selectByValue("AAV");
            new Select(member.find("stage")).selectByValue("CLINICAL_EARLY");
            member.find("slot-save").click();
            assertThat(member.find("flash-success").getText()).contains("créneau a été ajouté");
            assertThat(member.find("slots").getText()).contains("Vecteurs AAV");

            // The public page, without signing in: the bioreactors and next quarter's tile.
            visitor.open(portal + "/sites/" + key);
            visitor.find("capabilities-table");
            assertThat(aavSingleUse500(visitor)).isEqualTo(aavReactorsBefore + 1);
            assertThat(visitor.find("capabilities-table").getText())
                    .contains("Vecteurs AAV", "Production amont (USP)", "Purification aval (DSP)");
            WebElement tile = quarterTile(visitor, quarterLabel);
            assertThat(tile.findElements(By.className("capacity-slot")))
                    .extracting(WebElement::getText)
                    .anySatisfy(slot -> assertThat(slot)
                            .contains(
                                    "Vecteurs AAV",
                                    "Essais cliniques précoces",
                                    nextQuarter.toString(),
                                    nextQuarterEnd.toString()));

            // Members get from the public page back to the editor.
            member.open(portal + "/sites/" + key);
            assertThat(member.find("site-edit").getAttribute("href"))
                    .endsWith(ORGANISATION + "/sites/" + key + "/modifier");

            // The journal: the two changes, newest first, on the same site, by the CDMO's admin.
            member.open(portal + ORGANISATION + "/journal");
            List<WebElement> journal = rows(member, "journal");
            assertThat(journal.size()).isGreaterThanOrEqualTo(2);
            List<String> slotEntry = cells(journal.get(0));
            List<String> capabilityEntry = cells(journal.get(1));
            assertThat(slotEntry.get(2)).isEqualTo("availability.added");
            assertThat(capabilityEntry.get(2)).isEqualTo("capability.added");
            assertThat(slotEntry.get(1)).isEqualTo(cdmo.name());
            assertThat(capabilityEntry.get(1)).isEqualTo(cdmo.name());
            assertThat(slotEntry.get(3)).startsWith("site ").isEqualTo(capabilityEntry.get(3));
        }
    }

    @Test
    void theSecondOfTwoConcurrentSavesIsRefusedWithWhatChangedAndKeepsItsInput(Stack stack) {
        String portal = stack.portalUrl();
        try (Browser first = new Browser();
                Browser second = new Browser();
                Browser visitor = new Browser()) {
            signIn(first, portal, stack.account("cdmo"));
            signIn(second, portal, stack.account("admin"));

            // A site of its own, with one capability of 1 × 500 L.
            first.open(portal + ORGANISATION + "/sites");
            first.find("site-new").click();
            type(first, "name", "Site de test concurrence " + System.nanoTime() % 100_000);
            type(first, "postalCode", "69007");
            type(first, "city", "Lyon");
            new Select(first.find("regionCode")).selectByValue("84");
            first.find("site-save").click();
            first.find("flash-success");
            String editor = first.driver().getCurrentUrl().replaceAll("[?#].*$", "");
            assertThat(editor).matches(".*" + ORGANISATION + "/sites/[a-z0-9-]+/modifier$");
            String key = editor.replaceAll("^.*/sites/([a-z0-9-]+)/modifier$", "$1");
            first.find("capability-new").click();
            new Select(first.find("modality")).selectByValue("RECOMBINANT_PROTEIN");
            tick(first, "services-UPSTREAM");
            tick(first, "stages-PRECLINICAL");
            tick(first, "gmp-false");
            new Select(first.find("bioreactors-0-technology")).selectByValue("STAINLESS_STEEL");
            type(first, "bioreactors-0-workingVolumeLitres", "500");
            type(first, "bioreactors-0-count", "1");
            first.find("capability-save").click();
            first.find("flash-success");

            // Both open the same capability's form.
            String capability = editor.replaceAll("/modifier$", "/capacites/0");
            first.open(capability);
            second.open(capability);
            assertThat(first.find("bioreactors-0-workingVolumeLitres").getAttribute("value"))
                    .matches("500(\\.0+)?");
            assertThat(second.find("bioreactors-0-workingVolumeLitres").getAttribute("value"))
                    .matches("500(\\.0+)?");

            // The first saves 1000 L.
            type(first, "bioreactors-0-workingVolumeLitres", "1000");
            first.find("capability-save").click();
            assertThat(first.find("flash-success").getText()).contains("capacité a été modifiée");

            // The second, who read 500 L, saves another change: refused, told what changed, input kept.
            type(second, "bioreactors-0-count", "3");
            type(second, "notesFr", "Note saisie par la seconde personne");
            second.find("capability-save").click();
            assertThat(second.find("conflict").getText()).contains("refusé");
            List<List<String>> changes = rows(second, "conflict-changes").stream()
                    .map(CatalogueEditingIT::cells)
                    .toList();
            assertThat(changes).anySatisfy(change -> {
                assertThat(change.get(0)).contains("Volume utile");
                assertThat(change.get(1)).matches("500(\\.0+)?");
                assertThat(change.get(2)).matches("1000(\\.0+)?");
            });
            assertThat(second.find("bioreactors-0-count").getAttribute("value")).isEqualTo("3");
            assertThat(second.find("notesFr").getAttribute("value")).isEqualTo("Note saisie par la seconde personne");

            // The first save is intact on the public page; the refused one changed nothing.
            visitor.open(portal + "/sites/" + key);
            List<List<String>> reactors = rows(visitor, "bioreactors-table").stream()
                    .map(CatalogueEditingIT::cells)
                    .toList();
            assertThat(reactors).hasSize(1);
            assertThat(reactors.getFirst().get(2)).isEqualTo("1000");
            assertThat(reactors.getFirst().get(3)).isEqualTo("1");
        }
    }

    @Test
    void aRealPdfCertificateIsAcceptedAndARenamedImageIsRefused(Stack stack, @TempDir Path files) throws Exception {
        String portal = stack.portalUrl();
        Path pdf = files.resolve("certificat-bpf.pdf");
        Files.write(pdf, minimalPdf());
        Path fake = files.resolve("faux-certificat.pdf");
        Files.write(fake, png());
        try (Browser member = new Browser()) {
            signIn(member, portal, stack.account("cdmo"));

            // The second demo site (the first is the acceptance test's), one of its pieces of evidence.
            member.open(portal + ORGANISATION + "/sites");
            List<String> keys = demoSiteKeys(member);
            assertThat(keys).as("demo sites of demo-cdmo").hasSizeGreaterThanOrEqualTo(2);
            String key = keys.get(1);
            member.driver()
                    .findElement(By.cssSelector("#sites a[href$='/sites/" + key + "/modifier']"))
                    .click();
            member.find("preuves");
            List<WebElement> edits = member.driver().findElements(By.cssSelector("#evidence a[id^='evidence-edit-']"));
            assertThat(edits).as("GMP evidence of " + key).isNotEmpty();
            edits.getFirst().click();
            member.find("certificate-form");

            // A real PDF: accepted, downloadable, and the evidence back to self-declared until a moderator looks.
            member.find("certificate-file").sendKeys(pdf.toAbsolutePath().toString());
            member.submit("certificate-upload");
            assertThat(member.find("flash-success").getText()).contains("certificat a été déposé");
            // (getText() is the rendered text: DSFR badges are upper-cased.)
            assertThat(member.find("evidence-level").getText())
                    .containsIgnoringCase("Déclaré par l'organisation")
                    .contains("En attente de modération");
            assertThat(member.find("certificate-download").getText()).contains("certificat-bpf.pdf");

            // The member downloads the same bytes, as an attachment; a visitor gets nothing.
            String download = member.find("certificate-download").getAttribute("href");
            HttpResponse<byte[]> served = member.download(download);
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(served.headers().firstValue("Content-Disposition"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("attachment"));
            assertThat(served.body()).isEqualTo(Files.readAllBytes(pdf));
            HttpResponse<byte[]> anonymous = get(download);
            assertThat(anonymous.statusCode()).isNotEqualTo(200);
            assertThat(anonymous.body()).isNotEqualTo(Files.readAllBytes(pdf));

            // An image renamed .pdf: refused with the field's error; the page and the first certificate stay.
            member.find("certificate-file").sendKeys(fake.toAbsolutePath().toString());
            member.submit("certificate-upload");
            WebElement error = member.find("certificate-error");
            assertThat(error.getText()).contains("n’est pas un PDF");
            assertThat(member.find("certificate-file").getAttribute("aria-describedby"))
                    .isEqualTo("certificate-error");
            assertThat(member.find("certificate-download").getText())
                    .contains("certificat-bpf.pdf")
                    .doesNotContain("faux-certificat");
            assertThat(member.find("evidence-save").isEnabled()).isTrue();
            assertThat(member.driver().findElement(By.tagName("h1")).getText()).isNotBlank();

            // PDFs over the 10 MB limit, just over and far over (past what the container once accepted): refused
            // with their own message on the page, the first certificate kept.
            for (int megabytes : new int[] {11, 25}) {
                Path large = files.resolve("certificat-trop-lourd-" + megabytes + ".pdf");
                byte[] content = new byte[megabytes * 1024 * 1024];
                byte[] pdfStart = minimalPdf();
                System.arraycopy(pdfStart, 0, content, 0, pdfStart.length);
                Files.write(large, content);
                member.find("certificate-file").sendKeys(large.toAbsolutePath().toString());
                member.submit("certificate-upload");
                assertThat(member.find("certificate-error").getText()).contains("dépasse 10 Mo");
                assertThat(member.find("certificate-download").getText()).contains("certificat-bpf.pdf");
            }
        }
    }

    // ---- helpers ----

    /** {@code url} fetched without any session. */
    private static HttpResponse<byte[]> get(String url) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    private static void signIn(Browser browser, String portal, DemoAccount account) {
        browser.open(portal + "/");
        browser.signIn(account.username(), account.password());
        assertThat(browser.find("user-name").getText()).contains(account.name());
    }

    /** The keys of the demo catalogue's sites, in the order of the sites table. */
    private static List<String> demoSiteKeys(Browser browser) {
        browser.find("sites");
        List<String> keys = new ArrayList<>();
        for (WebElement link : browser.driver().findElements(By.cssSelector("#sites a"))) {
            Matcher matcher = DEMO_SITE_LINK.matcher(link.getAttribute("href"));
            if (matcher.matches()) {
                keys.add(matcher.group(1));
            }
        }
        assertThat(keys).as("demo sites in the sites table").isNotEmpty();
        return keys;
    }

    /** DSFR hides the native checkbox or radio behind its label: click the label, as people do. */
    private static void tick(Browser browser, String id) {
        browser.driver().findElement(By.cssSelector("label[for='" + id + "']")).click();
        assertThat(browser.driver().findElement(By.id(id)).isSelected())
                .as(id + " selected")
                .isTrue();
    }

    private static void type(Browser browser, String id, String text) {
        WebElement field = browser.find(id);
        field.clear();
        field.sendKeys(text);
    }

    /** Date inputs take keys in the browser's locale format: set the ISO value the form submits instead. */
    private static void setDate(Browser browser, String id, LocalDate date) {
        WebElement field = browser.find(id);
        ((JavascriptExecutor) browser.driver())
                .executeScript("arguments[0].value = arguments[1];", field, date.toString());
        assertThat(field.getAttribute("value")).isEqualTo(date.toString());
    }

    private static List<WebElement> rows(Browser browser, String tableId) {
        if (browser.driver().findElements(By.id(tableId)).isEmpty()) {
            return List.of();
        }
        return browser.find(tableId).findElements(By.cssSelector("tbody tr"));
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.cssSelector("th, td")).stream()
                .map(cell -> cell.getText().strip())
                .toList();
    }

    /** Rows of the public bioreactors table for AAV, single-use, 500 L, two units. */
    private static long aavSingleUse500(Browser visitor) {
        return rows(visitor, "bioreactors-table").stream()
                .map(CatalogueEditingIT::cells)
                .filter(row -> row.equals(List.of("Vecteurs AAV", "Usage unique", "500", "2")))
                .count();
    }

    private static WebElement quarterTile(Browser visitor, String label) {
        return new WebDriverWait(visitor.driver(), WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(
                        By.xpath("//div[contains(@class, 'capacity-quarter')]"
                                + "[.//*[contains(@class, 'quarter-label') and normalize-space(.) = '" + label
                                + "']]")));
    }

    /** A one-page PDF with a correct cross-reference table, as small as a valid file gets. */
    private static byte[] minimalPdf() {
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ")
                .append(objects.size() + 1)
                .append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] png() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
