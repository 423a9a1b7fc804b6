package fr.guichetbio.it;

import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.Stack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Debian's chromedriver: never a downloaded browser. Each instance has a fresh
 * profile, so no cookie survives between tests.
 */
final class Browser implements AutoCloseable {

    private static final String CHROMIUM = System.getProperty("guichet.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("guichet.chromedriver", "/usr/bin/chromedriver");

    private final Path profile;
    private final WebDriver driver;

    Browser() {
        try {
            profile = Files.createTempDirectory("guichet-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,1024",
                "--lang=fr-FR",
                "--user-data-dir=" + profile);
        // The console's messages (Content Security Policy refusals among them) for consoleMessages().
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    /** The browser console's messages since the last call (errors, CSP refusals, warnings). */
    List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .toList();
    }

    WebElement find(String id) {
        return new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    /** Clicks a button that sends a form and waits for the page that answers it (the button goes stale). */
    void submit(String buttonId) {
        WebElement button = find(buttonId);
        button.click();
        // The old page's button is gone once the answer is shown. Chromium reports it either as a stale element or
        // as "node does not belong to the document" (a plain WebDriverException, which stalenessOf lets through).
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> {
            try {
                button.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
    }

    /** What the portal sends this browser's session for {@code url}, fetched beside the browser (a download). */
    HttpResponse<byte[]> download(String url) {
        String cookies = driver.manage().getCookies().stream()
                .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Cookie", cookies)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String htmlLang() {
        return driver.findElement(By.tagName("html")).getAttribute("lang");
    }

    /**
     * Opens the portal's home page and signs in as one of the stack's demo accounts (by username), waiting for the
     * header to show the person.
     */
    void signInAs(Stack stack, String username) {
        DemoAccount account = stack.accounts().stream()
                .filter(a -> a.username().equals(username))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo account " + username));
        open(stack.portalUrl() + "/");
        signIn(account.username(), account.password());
        find("user-name");
    }

    /** Signs in through the identity provider's form, starting from the portal's login link. */
    void signIn(String username, String password) {
        find("login-link").click();
        find("username").sendKeys(username);
        find("password").sendKeys(password);
        find("sign-in").click();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
