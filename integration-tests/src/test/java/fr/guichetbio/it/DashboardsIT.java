package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.Stack;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 18's first acceptance line, as a new user tries it in Chromium on the demo data: the demo agency analyst
 * opens the dashboards from the header, filters on viral vectors in Île-de-France with the form, downloads the table
 * behind the capacity chart, and the CSV holds exactly the table's cells and the chart's bars; the map of the regions
 * shows the same selection and a keyboard follows a region's link to the dashboard filtered on it.
 */
@ExtendWith(RunningStack.class)
class DashboardsIT {

    @Test
    void anAnalystFiltersViralVectorsInIleDeFranceAndDownloadsWhatTheChartShows(Stack stack) throws Exception {
        DemoAccount analyst = stack.accounts().stream()
                .filter(a -> a.username().equals("analyst"))
                .findFirst()
                .orElseThrow();
        try (Browser browser = new Browser()) {
            browser.open(stack.portalUrl() + "/");
            browser.signIn(analyst.username(), analyst.password());
            browser.find("user-name");
            browser.driver()
                    .findElement(By.cssSelector(".fr-nav__link[href='/tableaux-de-bord']"))
                    .click();
            // The analyst sees every section; the capacity one opens first.
            assertThat(browser.find("section-demande").isDisplayed()).isTrue();
            new Select(browser.find("modalite")).selectByValue("VIRAL_VECTORS");
            new Select(browser.find("region")).selectByValue("11");
            browser.submit("dashboard-submit");
            assertThat(browser.driver().getCurrentUrl())
                    .contains("modalite=VIRAL_VECTORS")
                    .contains("region=11");

            WebElement table = browser.find("capacite-regions-table");
            List<List<String>> shown = new ArrayList<>();
            shown.add(texts(table.findElements(By.cssSelector("thead th"))));
            for (WebElement row : table.findElements(By.cssSelector("tbody tr"))) {
                shown.add(texts(row.findElements(By.tagName("td"))));
            }
            assertThat(shown)
                    .as("the demo catalogue has viral vector sites in Île-de-France")
                    .hasSizeGreaterThan(1);
            List<List<String>> rows = shown.subList(1, shown.size());
            assertThat(rows).allMatch(row -> row.get(1).equals("Île-de-France"));
            assertThat(rows)
                    .allMatch(row ->
                            List.of("Vecteurs AAV", "Vecteurs lentiviraux").contains(row.get(0))
                                    || row.get(0).startsWith("Autres vecteurs viraux"));

            // The chart draws one bar per row: its label is the row's modality and region, its figure the volume.
            List<WebElement> bars =
                    browser.driver().findElements(By.cssSelector("#capacite-regions-chart .dashboard-bar"));
            assertThat(bars).hasSize(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                List<WebElement> texts = bars.get(i).findElements(By.tagName("text"));
                assertThat(texts.get(0).getText())
                        .isEqualTo(rows.get(i).get(0) + " · " + rows.get(i).get(1));
                assertThat(texts.get(1).getText()).isEqualTo(rows.get(i).get(3));
            }

            HttpResponse<byte[]> csv =
                    browser.download(browser.find("capacite-regions-csv").getAttribute("href"));
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                    .contains("attachment")
                    .contains("capacite-regions.csv");
            List<List<String>> downloaded = new ArrayList<>();
            for (CSVRecord record : CSVFormat.RFC4180
                    .parse(new StringReader(new String(csv.body(), StandardCharsets.UTF_8)))
                    .getRecords()) {
                downloaded.add(record.toList());
            }
            assertThat(downloaded).isEqualTo(shown);

            // The map of the regions under the same filters: Île-de-France alone has sites in the selection, named
            // with the figures of the table beside the map and in the darkest class; the other regions in none.
            List<String> mapRow = texts(browser.find("capacite-carte-table")
                    .findElement(By.cssSelector("tbody tr"))
                    .findElements(By.tagName("td")));
            assertThat(mapRow.getFirst()).isEqualTo("Île-de-France");
            WebElement ileDeFrance =
                    browser.driver().findElement(By.cssSelector("#capacite-carte-chart a[data-region='11']"));
            assertThat(ileDeFrance.getAttribute("aria-label"))
                    .startsWith("Île-de-France : " + mapRow.get(1) + " site(s), ");
            assertThat(ileDeFrance.findElement(By.tagName("path")).getAttribute("class"))
                    .isEqualTo("dashboard-map-level-4");
            assertThat(browser.driver()
                            .findElements(By.cssSelector("#capacite-carte-chart path.dashboard-map-level-0")))
                    .hasSize(17);
            // A keyboard follows a region's link: the dashboard filtered on that region, the modality kept.
            browser.driver()
                    .findElement(By.cssSelector("#capacite-carte-chart a[data-region='84']"))
                    .sendKeys(Keys.ENTER);
            new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
                    .until(ExpectedConditions.urlContains("region=84"));
            assertThat(browser.driver().getCurrentUrl()).contains("modalite=VIRAL_VECTORS");
            assertThat(new Select(browser.find("region"))
                            .getFirstSelectedOption()
                            .getAttribute("value"))
                    .isEqualTo("84");
        }
    }

    private static List<String> texts(List<WebElement> cells) {
        return cells.stream().map(WebElement::getText).toList();
    }
}
