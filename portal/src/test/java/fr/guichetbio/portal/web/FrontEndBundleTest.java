package fr.guichetbio.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The front end the build writes into {@code target/classes/static/vendor/} (scripts/frontend.mjs, phase
 * process-classes): every {@code fr-icon-*} class a template uses has its rule in the one stylesheet, and each text
 * file has its pre-compressed copies.
 */
class FrontEndBundleTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Path VENDOR = Path.of("target/classes/static/vendor");
    private static final Path STYLESHEET = VENDOR.resolve("dsfr/guichet.min.css");
    private static final Pattern ICON = Pattern.compile("fr-icon-[a-z0-9-]*[a-z0-9]");

    @Test
    void everyIconOfTheTemplatesIsInTheStylesheet() throws IOException {
        String css = Files.readString(STYLESHEET);
        Set<String> icons = iconsOf(TEMPLATES);

        assertThat(icons).as("icons used by the templates").hasSizeGreaterThan(10);
        assertThat(missing(icons, css)).as("icons the stylesheet lacks").isEmpty();
    }

    @Test
    void theCheckFindsAnIconTheStylesheetLacks() throws IOException {
        String css = Files.readString(STYLESHEET);

        assertThat(missing(Set.of("fr-icon-lock-line", "fr-icon-zoom-in-line"), css))
                .containsExactly("fr-icon-zoom-in-line");
    }

    @Test
    void theStylesheetIsSmallAndEveryTextFileIsPreCompressed() throws IOException {
        assertThat(Files.size(STYLESHEET.resolveSibling("guichet.min.css.br")))
                .as("the stylesheet in brotli")
                .isLessThan(60_000);
        try (Stream<Path> files = Files.walk(VENDOR)) {
            List<Path> text = files.filter(f -> f.toString().matches(".*\\.(css|js|svg)$"))
                    .toList();
            assertThat(text).isNotEmpty();
            for (Path file : text) {
                assertThat(file.resolveSibling(file.getFileName() + ".gz")).exists();
                assertThat(file.resolveSibling(file.getFileName() + ".br")).exists();
            }
        }
    }

    /** The icons of {@code icons} without a {@code :before} rule in {@code css}. */
    static List<String> missing(Set<String> icons, String css) {
        return icons.stream()
                .filter(icon -> !Pattern.compile("\\." + Pattern.quote(icon) + ":(after|before)[,{]")
                        .matcher(css)
                        .find())
                .toList();
    }

    private static Set<String> iconsOf(Path templates) throws IOException {
        Set<String> icons = new TreeSet<>();
        try (Stream<Path> files = Files.walk(templates)) {
            for (Path template :
                    files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher matcher = ICON.matcher(Files.readString(template));
                while (matcher.find()) {
                    if (!matcher.group().startsWith("fr-icon--")) { // a size modifier, not an icon
                        icons.add(matcher.group());
                    }
                }
            }
        }
        return icons;
    }
}
