package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Joining and leaving an organisation in Chromium: the sponsor (admin of the demo biotech) invites the trainee, who
 * accepts the link and can edit the organisation; once removed, the trainee's next save is refused with the 403 page
 * and changes nothing. The accepted link cannot be used twice.
 */
@ExtendWith(RunningStack.class)
class OrganisationMembershipIT {

    private static final String ORGANISATION = "/organisations/demo-biotech";

    @Test
    void anInvitedTraineeEditsUntilRemoved(Stack stack) throws Exception {
        DemoAccount sponsor = stack.account("sponsor");
        DemoAccount trainee = stack.account("trainee");
        String portal = stack.portalUrl();
        try (Browser admin = new Browser();
                Browser invited = new Browser()) {
            // The sponsor invites the trainee and reads the link shown once.
            admin.open(portal + "/");
            admin.signIn(sponsor.username(), sponsor.password());
            admin.find("user-name");
            admin.open(portal + ORGANISATION + "/membres");
            admin.find("email").sendKeys(trainee.email());
            new Select(admin.find("role")).selectByValue("MEMBER");
            admin.find("invite-submit").click();
            String link = admin.find("invitation-link").getText().strip();
            assertThat(link).startsWith(portal + "/invitations/");

            // The trainee signs in, opens the link and accepts.
            invited.open(portal + "/");
            invited.signIn(trainee.username(), trainee.password());
            invited.find("user-name");
            invited.open(link);
            assertThat(invited.find("invitation-text").getText()).contains("Démo Biotech (fictive)");
            invited.find("accept-invitation").click();
            assertThat(invited.find("flash-success").getText()).contains("membre");

            // As a member, the trainee edits the description; the public page shows it.
            String edited = "Description modifiée par le stagiaire " + System.nanoTime();
            invited.open(portal + ORGANISATION + "/modifier");
            WebElement description = invited.find("description");
            description.clear();
            description.sendKeys(edited);
            invited.find("organisation-save").click();
            assertThat(invited.find("organisation-description").getText()).isEqualTo(edited);
            assertThat(publicDescription(portal)).isEqualTo(edited);

            // Tampering: the accepted link cannot be used again.
            invited.open(link);
            assertThat(invited.find("invitation-unavailable").getText()).contains("déjà été utilisée");

            // The trainee opens the form again, then the sponsor removes them.
            invited.open(portal + ORGANISATION + "/modifier");
            WebElement staleForm = invited.find("description");
            admin.open(portal + ORGANISATION + "/membres");
            WebElement row = new WebDriverWait(admin.driver(), Duration.ofSeconds(15))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                            "//table[@id='members']//tr[td[contains(normalize-space(.), '" + trainee.name() + "')]]")));
            row.findElement(By.className("remove-member")).click();
            assertThat(admin.find("flash-success").getText()).contains("retiré");
            assertThat(admin.find("members").getText()).doesNotContain(trainee.name());

            // The trainee's next save is refused with the 403 page and changes nothing.
            staleForm.clear();
            staleForm.sendKeys("Ne doit pas être enregistré");
            invited.find("organisation-save").click();
            new WebDriverWait(invited.driver(), Duration.ofSeconds(15))
                    .until(ExpectedConditions.textToBe(By.tagName("h1"), "Accès refusé"));
            assertThat(publicDescription(portal)).isEqualTo(edited);
            invited.open(portal + ORGANISATION + "/modifier");
            assertThat(invited.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Accès refusé");
        }
    }

    private static String publicDescription(String portal) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(portal + ORGANISATION))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            Document page = Jsoup.parse(response.body());
            return page.getElementById("organisation-description").text();
        }
    }
}
