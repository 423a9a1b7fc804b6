package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * The DSFR header holds at phone, tablet and desktop widths (375, 1024, 1280 px) on the home, search and admin pages,
 * signed in as a platform admin (the most tool links): the Marianne block ("République française") and the service
 * name are not clipped, and no tool link or the menu button overlaps them, each other, or leaves the header. Saves a
 * screenshot of each page and width to {@code target/screenshots/}.
 */
@ExtendWith(RunningStack.class)
class HeaderLayoutIT {

    private static final int[] WIDTHS = {375, 1024, 1280};
    private static final List<String> PAGES = List.of("/", "/recherche?q=anticorps", "/admin/utilisateurs");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    /**
     * The boxes of the header's parts, as the browser lays them out: the brand's logo and service title, and every
     * visible tool link and the menu button; each with the part of it its ancestors do not clip (overflow).
     */
    private static final String BOXES = """
            const box = (e) => { const r = e.getBoundingClientRect();
              let shownLeft = r.left, shownRight = r.right;
              for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                if (getComputedStyle(a).overflowX !== 'visible') {
                  const c = a.getBoundingClientRect();
                  shownLeft = Math.max(shownLeft, c.left); shownRight = Math.min(shownRight, c.right);
                }
              }
              return {name: (e.id || e.className || e.tagName) + '', left: r.left, right: r.right, top: r.top,
                      bottom: r.bottom, shownLeft: shownLeft, shownRight: shownRight}; };
            const visible = (e) => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
              return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; };
            const header = document.querySelector('header.fr-header .fr-header__body');
            return {
              header: box(header),
              brand: [...document.querySelectorAll('.fr-header__logo .fr-logo, .fr-header__service-title')]
                        .filter(visible).map(box),
              tools: [...document.querySelectorAll(
                        '.fr-header__tools-links .fr-btn, .fr-header__navbar .fr-btn')]
                        .filter(visible).map(box)
            };
            """;

    @Test
    void theHeaderHoldsAtPhoneTabletAndDesktopWidths(Stack stack) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        List<String> problems = new ArrayList<>();
        try (Browser admin = new Browser()) {
            admin.signInAs(stack, "admin");
            for (int width : WIDTHS) {
                admin.driver().manage().window().setSize(new Dimension(width, 900));
                for (String page : PAGES) {
                    admin.open(stack.portalUrl() + page);
                    admin.driver().findElement(org.openqa.selenium.By.cssSelector("header.fr-header"));
                    String name = page.replaceAll("[^a-z]+", "-").replaceAll("^-|-$", "");
                    Path shot = ((TakesScreenshot) admin.driver())
                            .getScreenshotAs(OutputType.FILE)
                            .toPath();
                    Files.copy(
                            shot,
                            SCREENSHOTS.resolve("header-" + (name.isEmpty() ? "home" : name) + "-" + width + ".png"),
                            StandardCopyOption.REPLACE_EXISTING);
                    problems.addAll(problems(page + " at " + width + " px", boxes(admin)));
                }
            }
        }
        assertThat(problems).as("clipped or overlapping header elements").isEmpty();
    }

    @Test
    void theCheckFindsAnOverlap() {
        Map<String, Object> brand = rect("fr-logo", 0, 200, 0, 100);
        Map<String, Object> tool = rect("admin-link", 150, 300, 20, 80);
        Map<String, Object> header = rect("header", 0, 400, 0, 400);
        Map<String, Object> boxes = Map.of("header", header, "brand", List.of(brand), "tools", List.of(tool));

        assertThat(problems("canary", boxes)).singleElement().asString().contains("overlaps");

        // The squeezed Marianne block as measured before the fix (1280 px, admin): 21–122 px shown up to 85 px.
        Map<String, Object> squeezed = new java.util.HashMap<>(rect("fr-logo", 21, 122, 20, 100));
        squeezed.put("shownRight", 85.0);
        assertThat(problems("canary", Map.of("header", header, "brand", List.of(squeezed), "tools", List.of())))
                .singleElement()
                .asString()
                .contains("clipped");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> boxes(Browser browser) {
        return (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeScript(BOXES);
    }

    @SuppressWarnings("unchecked")
    static List<String> problems(String where, Map<String, Object> boxes) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> header = (Map<String, Object>) boxes.get("header");
        List<Map<String, Object>> brand = (List<Map<String, Object>>) boxes.get("brand");
        List<Map<String, Object>> tools = (List<Map<String, Object>>) boxes.get("tools");
        if (brand.isEmpty()) {
            problems.add(where + ": no visible Marianne block");
        }
        for (Map<String, Object> part : brand) {
            if (clipped(part)) {
                problems.add(where + ": " + part.get("name") + " is clipped (" + part.get("left") + "–"
                        + part.get("right") + " px shown " + part.get("shownLeft") + "–" + part.get("shownRight")
                        + " px)");
            }
        }
        for (Map<String, Object> tool : tools) {
            if (number(tool, "right") > number(header, "right") + 1 || number(tool, "left") < -1) {
                problems.add(where + ": " + tool.get("name") + " leaves the header");
            }
            if (clipped(tool)) {
                problems.add(where + ": " + tool.get("name") + " is clipped");
            }
            for (Map<String, Object> part : brand) {
                if (overlap(tool, part)) {
                    problems.add(where + ": " + tool.get("name") + " overlaps " + part.get("name"));
                }
            }
        }
        for (int i = 0; i < tools.size(); i++) {
            for (int j = i + 1; j < tools.size(); j++) {
                if (overlap(tools.get(i), tools.get(j))) {
                    problems.add(where + ": " + tools.get(i).get("name") + " overlaps "
                            + tools.get(j).get("name"));
                }
            }
        }
        return problems;
    }

    private static Map<String, Object> rect(String name, double left, double right, double top, double bottom) {
        return Map.of(
                "name",
                name,
                "left",
                left,
                "right",
                right,
                "top",
                top,
                "bottom",
                bottom,
                "shownLeft",
                left,
                "shownRight",
                right);
    }

    private static boolean clipped(Map<String, Object> box) {
        return number(box, "shownLeft") > number(box, "left") + 1
                || number(box, "shownRight") < number(box, "right") - 1;
    }

    private static boolean overlap(Map<String, Object> a, Map<String, Object> b) {
        // One pixel of tolerance for sub-pixel layout.
        return number(a, "left") < number(b, "right") - 1
                && number(b, "left") < number(a, "right") - 1
                && number(a, "top") < number(b, "bottom") - 1
                && number(b, "top") < number(a, "bottom") - 1;
    }

    private static double number(Map<String, Object> box, String key) {
        return ((Number) box.get(key)).doubleValue();
    }
}
