package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The interactive API console (Swagger UI, served by springdoc from its static files) under a Content Security
 * Policy as strict as the pages', but for the one inline style Swagger UI applies, allowed by its hash on the
 * console's page only. In Chromium the console reads the generated document and lists the operations, "Try it out"
 * calls the public sizing API and shows its answer, and the browser console holds no CSP refusal.
 */
@ExtendWith(RunningStack.class)
class ApiConsoleIT {

    @Test
    void theConsoleWorksUnderTheStrictContentSecurityPolicy(Stack stack) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(stack.portalUrl() + "/documentation-api/swagger-ui/index.html"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        // The console's own policy (SecurityConfiguration#apiConsoleContentSecurityPolicy): the pages' policy with
        // one inline style allowed by its hash; scripts stay files of the portal's origin.
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self';", "style-src 'self' 'unsafe-hashes' 'sha256-");
        assertThat(csp).containsOnlyOnce("sha256-");
        assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval", "nonce-");
        // The page itself carries no inline script: every script is a file of the same origin.
        assertThat(page.body()).doesNotContainPattern("<script>[^<]|<script(?![^>]*\\bsrc=)[^>]*>\\s*\\S");

        try (Browser browser = new Browser()) {
            browser.open(stack.portalUrl() + "/documentation-api/console");
            WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(20));
            wait.until(driver -> driver.findElements(By.cssSelector(".opblock")).size() > 10);
            assertThat(browser.driver().getTitle()).isNotBlank();
            List<String> paths = browser.driver().findElements(By.cssSelector(".opblock-summary-path")).stream()
                    .map(e -> e.getAttribute("data-path"))
                    .toList();
            assertThat(paths).contains("/api/search", "/api/dimensionnement", "/api/formations", "/api/oauth/token");

            // Try the anonymous sizing call from the console: the answer is shown (connect-src 'self' suffices).
            WebElement sizing = browser.driver()
                    .findElement(By.cssSelector(".opblock-summary-path[data-path='/api/dimensionnement']"));
            sizing.click();
            WebElement operation = wait.until(driver -> driver.findElement(By.id("operations-Capacity_sizing-size")));
            operation.findElement(By.cssSelector(".try-out__btn")).click();
            WebElement modality = wait.until(
                    driver -> operation.findElement(By.cssSelector("tr[data-param-name='modalite'] select")));
            new org.openqa.selenium.support.ui.Select(modality).selectByVisibleText("proteines");
            operation.findElement(By.cssSelector(".execute")).click();
            WebElement status = wait.until(driver ->
                    operation.findElement(By.cssSelector(".live-responses-table .response .response-col_status")));
            // The required fields of proteins are missing: the API's own problem answer, shown by the console.
            assertThat(status.getText()).contains("400");

            List<String> refusals = browser.consoleMessages().stream()
                    .filter(message -> message.contains("Content Security Policy"))
                    .toList();
            assertThat(refusals).as("CSP refusals in the browser console").isEmpty();
        }
    }
}
