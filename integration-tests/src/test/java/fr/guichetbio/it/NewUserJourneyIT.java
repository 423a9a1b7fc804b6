package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.Stack;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A newcomer's first steps, in Chromium: signs up on the development identity provider, creates a sponsor
 * organisation, invites a second account who accepts, and sees both members and the audit entries.
 */
@ExtendWith(RunningStack.class)
class NewUserJourneyIT {

    @Test
    void signsUpCreatesAnOrganisationInvitesAColleagueAndSeesMembersAndAudit(Stack stack) {
        String portal = stack.portalUrl();
        String username = "newcomer" + (System.nanoTime() % 100_000);
        DemoAccount colleague = stack.accounts().stream()
                .filter(a -> a.username().equals("analyst"))
                .findFirst()
                .orElseThrow();
        try (Browser newcomer = new Browser();
                Browser invited = new Browser()) {
            newcomer.open(portal + "/");
            newcomer.find("login-link").click();
            newcomer.find("sign-up-link").click();
            newcomer.find("username").sendKeys(username);
            newcomer.find("name").sendKeys("Nina Nouvelle");
            newcomer.find("email").sendKeys(username + "@biotech-nouvelle.example");
            newcomer.find("password").sendKeys("a-password-long-enough");
            newcomer.find("sign-up").click();
            assertThat(newcomer.find("registered-message").isDisplayed()).isTrue();
            newcomer.find("username").sendKeys(username);
            newcomer.find("password").sendKeys("a-password-long-enough");
            newcomer.find("sign-in").click();
            assertThat(newcomer.find("user-name").getText()).isEqualTo("Nina Nouvelle");

            newcomer.find("organisations-link").click();
            newcomer.open(portal + "/organisations/nouvelle");
            newcomer.find("name").sendKeys("Biotech Nouvelle " + username);
            new Select(newcomer.find("kind")).selectByValue("SPONSOR");
            newcomer.find("website").sendKeys("https://biotech-nouvelle.example");
            newcomer.find("description").sendKeys("Organisation fictive créée par le test de parcours.");
            newcomer.find("organisation-save").click();
            assertThat(newcomer.find("organisation-name").getText()).contains("Biotech Nouvelle");
            String organisation = newcomer.driver().getCurrentUrl().replaceAll("[?#].*$", "");

            newcomer.open(organisation + "/membres");
            newcomer.find("email").sendKeys(colleague.email());
            new Select(newcomer.find("role")).selectByValue("MEMBER");
            newcomer.find("invite-submit").click();
            String link = newcomer.find("invitation-link").getText().strip();

            invited.open(portal + "/");
            invited.signIn(colleague.username(), colleague.password());
            invited.find("user-name");
            invited.open(link);
            invited.find("accept-invitation").click();
            invited.find("flash-success");

            newcomer.open(organisation + "/membres");
            assertThat(newcomer.find("members").getText()).contains("Nina Nouvelle", colleague.name());

            newcomer.open(organisation + "/journal");
            new WebDriverWait(newcomer.driver(), Duration.ofSeconds(10))
                    .until(ExpectedConditions.visibilityOfElementLocated(org.openqa.selenium.By.id("journal")));
            assertThat(newcomer.find("journal").getText())
                    .contains("organisation.created", "invitation.created", "invitation.accepted");
        }
    }
}
