package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.Stack;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Matchmaking in Chromium, as the demo sponsor does it: a 50 kg/year antibody need sized from the home page, a brief
 * created from that result (prefilled), saved, and its shortlist from the real index — each site with the criteria
 * it meets, the volume read against the 2,000 L batch — then why a site is missing. The demo CDMO's people cannot
 * open the sponsor's brief.
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
            sponsor.find("sizing-submit").click();
            assertThat(sponsor.find("sizing-batches").getText()).isEqualTo("14 lots/an");

            sponsor.find("sizing-brief").click();
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
            sponsor.find("brief-save").click();
            assertThat(sponsor.find("title-error").getText()).contains("3 à 120");
            assertThat(sponsor.find("litresPerBatch").getAttribute("value")).isEqualTo("2000");

            sponsor.find("title").sendKeys("Anticorps 50 kg/an");
            sponsor.driver()
                    .findElement(By.cssSelector("label[for='services1']"))
                    .click();
            sponsor.driver()
                    .findElement(By.xpath("//input[@name='region' and @value='FRANCE']/following-sibling::label"))
                    .click();
            sponsor.find("brief-save").click();

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
                        .contains("Satisfait", "Anticorps monoclonaux");
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
            assertThat(sponsor.find("shortlist-missing-answer").getText()).contains("figure dans la liste");
            sponsor.find("site").clear();
            sponsor.find("site").sendKeys("aucun-site-de-ce-nom");
            sponsor.driver()
                    .findElement(By.cssSelector("#shortlist-missing button"))
                    .click();
            assertThat(sponsor.find("shortlist-missing-answer").getText()).contains("Aucun site publié");

            sponsor.find("brief-open").click();
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

    private static void signIn(Browser browser, Stack stack, String username) {
        DemoAccount account = stack.accounts().stream()
                .filter(a -> a.username().equals(username))
                .findFirst()
                .orElseThrow();
        browser.open(stack.portalUrl() + "/");
        browser.signIn(account.username(), account.password());
        browser.find("user-name");
    }
}
