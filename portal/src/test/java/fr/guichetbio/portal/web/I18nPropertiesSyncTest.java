package fr.guichetbio.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * Every visible string comes from the message bundles, and both languages have the same keys: fails on a key missing
 * in one bundle, on a template using an unknown key, and on hard-coded text in a template.
 */
class I18nPropertiesSyncTest {

    private static final Path RESOURCES = Path.of("src/main/resources");

    private static final Path TEMPLATES = RESOURCES.resolve("templates");

    /** Literal message keys: {@code #{key}} or {@code #{key(args)}}; keys built at runtime are not checked here. */
    private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.-]+)[}(]");

    private static final Pattern LETTER = Pattern.compile("\\p{L}");

    /** A quoted Thymeleaf literal containing letters, e.g. {@code th:text="${x} ?: 'Inconnu'"}. */
    private static final Pattern TEXT_LITERAL = Pattern.compile("'[^']*\\p{L}[^']*'");

    private static final Set<String> VISIBLE_ATTRIBUTES = Set.of("title", "alt", "aria-label", "placeholder");

    private static final Set<String> TEXT_REPLACING_ATTRIBUTES =
            Set.of("th:text", "th:utext", "th:replace", "th:insert");

    @Test
    void bundlesHaveTheSameKeys() throws IOException {
        Set<String> french = load("messages.properties").stringPropertyNames();
        Set<String> english = load("messages_en.properties").stringPropertyNames();

        assertThat(difference(french, english))
                .as("keys missing in messages_en.properties")
                .isEmpty();
        assertThat(difference(english, french))
                .as("keys missing in messages.properties")
                .isEmpty();
        assertThat(french).as("the French bundle").hasSizeGreaterThan(20);
    }

    @Test
    void noBundleHasAnEmptyMessage() throws IOException {
        for (String bundle : List.of("messages.properties", "messages_en.properties")) {
            Properties messages = load(bundle);
            assertThat(messages.stringPropertyNames())
                    .as("empty messages in " + bundle)
                    .filteredOn(key -> messages.getProperty(key).isBlank())
                    .isEmpty();
        }
    }

    @Test
    void templatesUseOnlyKnownKeys() throws IOException {
        Set<String> known = load("messages.properties").stringPropertyNames();
        List<String> unknown = new ArrayList<>();
        for (Path template : templates()) {
            Matcher matcher = MESSAGE_KEY.matcher(Files.readString(template));
            while (matcher.find()) {
                if (!known.contains(matcher.group(1))) {
                    unknown.add(TEMPLATES.relativize(template) + ": " + matcher.group(1));
                }
            }
        }
        assertThat(unknown)
                .as("message keys used in templates but missing in the bundles")
                .isEmpty();
    }

    @Test
    void templatesHaveNoHardCodedText() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path template : templates()) {
            for (String problem : hardCodedText(Files.readString(template))) {
                problems.add(TEMPLATES.relativize(template) + ": " + problem);
            }
        }
        assertThat(problems).as("hard-coded visible text in templates").isEmpty();
    }

    @Test
    void theCheckerFindsHardCodedText() {
        assertThat(hardCodedText("<p>Bonjour</p>")).hasSize(1);
        assertThat(hardCodedText("<p th:text=\"#{home.title}\">Bonjour</p>")).isEmpty();
        assertThat(hardCodedText("<img src=\"x.png\" alt=\"Logo\">")).hasSize(1);
        assertThat(hardCodedText("<input th:placeholder=\"#{home.search.placeholder}\">"))
                .isEmpty();
        assertThat(hardCodedText("<button aria-label=\"Fermer\"></button>")).hasSize(1);
        assertThat(hardCodedText("<span th:text=\"${name} ?: 'Inconnu'\"></span>"))
                .hasSize(1);
        assertThat(hardCodedText("<p> – 2 000 </p><!-- commentaire -->")).isEmpty();
        assertThat(hardCodedText("<h1 th:text=\"#{${prefix + '.heading'}}\"></h1>"))
                .isEmpty();
        assertThat(hardCodedText("<h1 th:text=\"#{${p + '.x'}} + ' Bonjour'\"></h1>"))
                .hasSize(1);
    }

    /** The hard-coded visible strings of one template. */
    static List<String> hardCodedText(String html) {
        Document document = Jsoup.parse(html, "", Parser.htmlParser().setTrackErrors(0));
        document.outputSettings().prettyPrint(false);
        List<String> problems = new ArrayList<>();
        for (Element element : document.getAllElements()) {
            boolean textReplaced = element.attributes().asList().stream()
                    .anyMatch(attribute -> TEXT_REPLACING_ATTRIBUTES.contains(attribute.getKey()));
            if (!textReplaced && !element.nameIs("script") && !element.nameIs("style")) {
                for (TextNode text : element.textNodes()) {
                    if (LETTER.matcher(text.text()).find()) {
                        problems.add(
                                "text <" + element.tagName() + ">" + text.text().strip());
                    }
                }
            }
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey();
                if (VISIBLE_ATTRIBUTES.contains(name)
                        && LETTER.matcher(attribute.getValue()).find()) {
                    problems.add("attribute " + name + "=\"" + attribute.getValue() + "\"");
                }
                boolean thymeleafVisible = name.startsWith("th:")
                        && (VISIBLE_ATTRIBUTES.contains(name.substring(3))
                                || name.equals("th:text")
                                || name.equals("th:utext"));
                if (thymeleafVisible
                        && TEXT_LITERAL
                                .matcher(withoutMessageExpressions(attribute.getValue()))
                                .find()) {
                    problems.add("literal in " + name + "=\"" + attribute.getValue() + "\"");
                }
            }
        }
        return problems;
    }

    /** Removes {@code #{...}} expressions, whose literals build message keys, not visible text. */
    static String withoutMessageExpressions(String expression) {
        StringBuilder kept = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (depth == 0 && c == '#' && i + 1 < expression.length() && expression.charAt(i + 1) == '{') {
                depth = 1;
                i++;
            } else if (depth > 0 && c == '{') {
                depth++;
            } else if (depth > 0 && c == '}') {
                depth--;
            } else if (depth == 0) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            List<Path> templates = files.filter(file -> file.toString().endsWith(".html"))
                    .sorted()
                    .toList();
            assertThat(templates).as("templates under " + TEMPLATES).isNotEmpty();
            return templates;
        }
    }

    private static Properties load(String bundle) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(RESOURCES.resolve(bundle), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static Set<String> difference(Set<String> left, Set<String> right) {
        Set<String> difference = new TreeSet<>(left);
        difference.removeAll(right);
        return difference;
    }
}
