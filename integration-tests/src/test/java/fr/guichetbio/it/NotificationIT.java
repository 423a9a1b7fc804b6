package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.Stack;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications end to end, through a real code path: the demo CDMO's admin creates a site (a new listing waits for
 * moderation), a platform admin rejects it with a reason in Chromium, and after the commit the CDMO's admin finds the
 * e-mail in the stack's real mail catcher (GreenMail, through SMTP) and, in Chromium, the header's counter ("1 non
 * lue" in its accessible name), the notice in the list with its link, and the counter gone once all are marked read.
 */
@ExtendWith(RunningStack.class)
class NotificationIT {

    private static final String ORGANISATION = "/organisations/demo-cdmo";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aRejectedListingReachesTheOrganisationAdminByMailAndInTheHeader(Stack stack) throws Exception {
        String portal = stack.portalUrl();
        DemoAccount cdmo = stack.account("cdmo");
        String n = Long.toString(System.nanoTime() % 1_000_000);
        String site = "Site notifié " + n;
        String reason = "Adresse incomplète : précisez le bâtiment (test " + n + ").";
        try (Browser member = new Browser();
                Browser moderator = new Browser()) {
            signIn(member, portal, cdmo);
            member.open(portal + "/notifications");
            member.find("notifications-summary");
            if (!member.driver().findElements(By.id("mark-read")).isEmpty()) {
                member.find("mark-read").click();
                member.find("flash-success");
            }
            assertThat(member.driver().findElements(By.id("notifications-count")))
                    .isEmpty();

            // A new site of the demo CDMO: a new listing waits for a moderator.
            member.open(portal + ORGANISATION + "/sites");
            member.find("site-new").click();
            type(member, "name", site);
            type(member, "postalCode", "69007");
            type(member, "city", "Lyon");
            new Select(member.find("regionCode")).selectByValue("84");
            member.find("site-save").click();
            member.find("flash-success");

            // The platform admin sends it back with a reason, from the moderation queue.
            signIn(moderator, portal, stack.account("admin"));
            WebElement row = listingRow(moderator, portal, site);
            String id = row.getAttribute("id").substring("listing-".length());
            moderator.find("listing-reason-" + id).sendKeys(reason);
            row.findElement(By.cssSelector("form[action$='/sites/" + id + "/rejeter'] button[type=submit]"))
                    .click();
            assertThat(moderator.find("flash-success").getText()).isNotBlank();

            // The e-mail, through SMTP, in the mail catcher: French then English (the account chose no language),
            // the reason, an absolute link to the organisation's listings and where to turn such e-mails off.
            JsonNode mail = await().atMost(WAIT)
                    .until(() -> received(stack, cdmo.email(), site), Optional::isPresent)
                    .orElseThrow();
            assertThat(mail.get("subject").asString())
                    .isEqualTo("Guichet Bioproduction : La modération a renvoyé le site « " + site + " » : " + reason
                            + " / Moderation sent back the site “" + site + "”: " + reason);
            String body = body(mail.get("mimeMessage").asString());
            assertThat(body)
                    .startsWith("Bonjour,")
                    .contains(reason)
                    .contains("Pour voir le détail : " + portal + ORGANISATION + "/sites")
                    .contains(portal + "/compte/notifications")
                    .contains("Hello,", "See the details: " + portal + ORGANISATION + "/sites")
                    .doesNotContain(cdmo.name());

            // In the portal: the header's counter, the notice in the list, then nothing unread.
            member.open(portal + "/");
            WebElement link = member.find("notifications-link");
            assertThat(link.getAccessibleName()).isEqualTo("Notifications (1 non lue)");
            assertThat(member.find("notifications-count").getText()).isEqualTo("1");
            link.click();
            WebElement notice = member.driver().findElement(By.cssSelector("#notifications > li.notification--unread"));
            assertThat(notice.getText()).contains(site, reason);
            assertThat(notice.findElement(By.tagName("a")).getAttribute("href"))
                    .isEqualTo(portal + ORGANISATION + "/sites");
            member.find("mark-read").click();
            member.find("flash-success");
            assertThat(member.driver().findElements(By.id("notifications-count")))
                    .isEmpty();
            assertThat(member.find("notifications-link").getAccessibleName()).isEqualTo("Notifications");
        }
    }

    /** The listing's row in the moderation queue, looked for page by page (0-based, oldest first). */
    private static WebElement listingRow(Browser moderator, String portal, String site) {
        for (int page = 0; page < 20; page++) {
            moderator.open(portal + "/admin/moderation?pageSites=" + page);
            moderator.find("moderation-listings");
            List<WebElement> rows = moderator.driver().findElements(By.cssSelector("tr.moderation-listing"));
            if (rows.isEmpty()) {
                break;
            }
            Optional<WebElement> row =
                    rows.stream().filter(r -> r.getText().contains(site)).findFirst();
            if (row.isPresent()) {
                return row.get();
            }
        }
        throw new AssertionError("The new site " + site + " is not in the moderation queue");
    }

    /** The message the address received about the site, if any (GreenMail's JSON through its HTTP API). */
    private static Optional<JsonNode> received(Stack stack, String address, String site) throws Exception {
        JsonNode inbox = JSON.readTree(stack.mail().inbox(address));
        return StreamSupport.stream(inbox.spliterator(), false)
                .filter(message -> message.get("subject").asString().contains(site))
                .findFirst();
    }

    /** The text body of a single-part message, decoded from quoted-printable or base64. */
    static String body(String mime) {
        int split = mime.indexOf("\r\n\r\n");
        String headers = mime.substring(0, split).toLowerCase();
        String encoded = mime.substring(split + 4);
        if (headers.contains("content-transfer-encoding: base64")) {
            return new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
        if (!headers.contains("content-transfer-encoding: quoted-printable")) {
            return encoded.replace("\r\n", "\n");
        }
        String joined = encoded.replace("=\r\n", "");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (c == '=' && i + 2 < joined.length()) {
                bytes.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private static void signIn(Browser browser, String portal, DemoAccount account) {
        browser.open(portal + "/");
        browser.signIn(account.username(), account.password());
        browser.find("user-name");
    }

    private static void type(Browser browser, String id, String text) {
        WebElement field = browser.find(id);
        field.clear();
        field.sendKeys(text);
    }
}
