package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The sizing calculator in Chromium, as a sponsor finds it from the home page: a 50 kg/year antibody need with the
 * form's default process figures (3 g/L, 70 %, 90 %, 2,000 L, 3 batches/train/month, 11 months) gives 14 batches and
 * 28,000 L a year on one train (the hand-computed example of SizingWorkedExamplesTest), with a link that reproduces it.
 */
@ExtendWith(RunningStack.class)
class SizingIT {

    @Test
    void aSponsorSizesA50KgAntibodyNeedFromTheHomePage(Stack stack) {
        try (Browser browser = new Browser()) {
            browser.open(stack.portalUrl() + "/");
            browser.driver()
                    .findElement(By.cssSelector(".fr-card__title a[href='/mise-en-relation']"))
                    .click();
            browser.find("matchmaking-sizing-link").click();
            assertThat(browser.find("sizing-tab-proteines").getAttribute("aria-current"))
                    .isEqualTo("page");

            WebElement quantity = browser.find("sizing-quantite");
            quantity.sendKeys("50");
            browser.find("sizing-submit").click();

            assertThat(browser.find("sizing-batches").getText()).isEqualTo("14 lots/an");
            assertThat(browser.find("sizing-litres").getText()).isEqualTo("28\u202F000 L/an");
            assertThat(browser.find("sizing-trains").getText()).isEqualTo("1 train(s)");
            assertThat(browser.find("sizing-step-productPerBatch").getText()).contains("= 4,2 kg");
            String url = browser.driver().getCurrentUrl();
            assertThat(url).contains("/mise-en-relation/dimensionnement?", "modalite=proteines", "quantite=50");
            assertThat(browser.find("sizing-permalink").getAttribute("href"))
                    .endsWith("/mise-en-relation/dimensionnement?modalite=proteines&quantite=50&titre=3&rendement=70"
                            + "&reussite=90&volume=2000&cadence=3&mois=11");

            // The link alone gives the same result (nothing is kept on the server).
            try (Browser other = new Browser()) {
                other.open(url + "&lang=en");
                assertThat(other.find("sizing-batches").getText()).isEqualTo("14 batches/yr");
                assertThat(other.find("sizing-litres").getText()).isEqualTo("28,000 L/yr");
            }

            // A zero is refused next to its field, what was typed kept.
            WebElement again = browser.find("sizing-quantite");
            again.clear();
            again.sendKeys("0");
            browser.find("sizing-submit").click();
            assertThat(browser.find("sizing-quantite-error").getText()).startsWith("Saisissez une valeur entre");
            assertThat(browser.find("sizing-quantite").getAttribute("value")).isEqualTo("0");
            assertThat(browser.driver().findElements(By.id("sizing-result"))).isEmpty();
        }
    }
}
