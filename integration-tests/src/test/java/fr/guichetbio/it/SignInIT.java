package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.Stack;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Signing in through the real OpenID Connect flow, in Chromium, against the development identity provider. */
@ExtendWith(RunningStack.class)
class SignInIT {

    @Test
    void signsInThroughOidcAndSeesTheHomePageInFrenchThenEnglish(Stack stack) {
        DemoAccount sponsor = stack.account("sponsor");
        try (Browser browser = new Browser()) {
            browser.open(stack.portalUrl() + "/");
            assertThat(browser.htmlLang()).isEqualTo("fr");

            browser.signIn(sponsor.username(), sponsor.password());

            assertThat(browser.find("user-name").getText()).contains(sponsor.name());
            assertThat(browser.driver().getCurrentUrl()).startsWith(stack.portalUrl());
            assertThat(browser.htmlLang()).isEqualTo("fr");
            String frenchTitle = browser.driver().findElement(By.tagName("h1")).getText();

            browser.find("lang-en").click();

            new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                    .until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
            String englishTitle = browser.driver().findElement(By.tagName("h1")).getText();
            assertThat(englishTitle).isNotBlank().isNotEqualTo(frenchTitle);
            assertThat(browser.find("user-name").getText()).contains(sponsor.name());

            browser.find("logout-button").click();

            assertThat(browser.find("login-link").isDisplayed()).isTrue();
            assertThat(browser.driver().findElements(By.id("user-name"))).isEmpty();
        }
    }

    @Test
    void everyDemoAccountCanSignIn(Stack stack) {
        assertThat(stack.accounts()).hasSize(6);
        for (DemoAccount account : stack.accounts()) {
            try (Browser browser = new Browser()) {
                browser.open(stack.portalUrl() + "/");
                browser.signIn(account.username(), account.password());
                assertThat(browser.find("user-name").getText())
                        .as("signed in as %s", account.username())
                        .contains(account.name());
            }
        }
    }

    @Test
    void aWrongPasswordDoesNotSignIn(Stack stack) {
        DemoAccount trainee = stack.account("trainee");
        try (Browser browser = new Browser()) {
            browser.open(stack.portalUrl() + "/");
            browser.signIn(trainee.username(), trainee.password() + "-wrong");
            assertThat(browser.driver().getCurrentUrl()).startsWith(stack.identityProviderUrl());
            assertThat(browser.driver().findElements(By.id("user-name"))).isEmpty();
        }
    }
}
