package fr.guichetbio.training.course;

import java.util.List;
import java.util.Locale;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.ElementPolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Lesson Markdown (CommonMark) to the HTML a lesson page inserts unescaped. Two locks, so that an author's lesson
 * can never run script in a learner's browser: the renderer escapes raw HTML and drops unsafe link targets, then a
 * strict allow-list sanitiser keeps only the elements Markdown produces, links to http(s) and mailto, and images
 * over https or from the course's own uploads (relative paths). Headings move one level down: the page's
 * {@code h1} is the lesson's title.
 */
public final class LessonRenderer {

    /** Tables (GitHub's syntax): lessons give limits and figures as tables. */
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .build();

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "hr", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote", "a", "img")
            .allowElements("table", "thead", "tbody", "tr", "th", "td")
            .allowAttributes("align")
            .matching(true, "left", "center", "right")
            .onElements("th", "td")
            .allowElements(demoted("h2"), "h1")
            .allowElements(demoted("h3"), "h2")
            .allowElements(demoted("h4"), "h3")
            .allowElements(demoted("h5"), "h4")
            .allowElements(demoted("h6"), "h5", "h6")
            .allowAttributes("start")
            .matching(true, "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16")
            .onElements("ol")
            .allowAttributes("href")
            .onElements("a")
            .allowAttributes("title")
            .onElements("a", "img")
            .allowAttributes("alt")
            .onElements("img")
            .allowAttributes("src")
            .matching((element, attribute, value) -> isSafeImage(value) ? value : null)
            .onElements("img")
            .allowUrlProtocols("https", "http", "mailto")
            .requireRelsOnLinks("noopener", "noreferrer")
            .toFactory();

    private LessonRenderer() {}

    /** The lesson's HTML, safe to insert into a page as is. */
    public static String render(String markdown) {
        return POLICY.sanitize(RENDERER.render(PARSER.parse(markdown == null ? "" : markdown)));
    }

    private static ElementPolicy demoted(String heading) {
        return (name, attributes) -> heading;
    }

    /** Images from elsewhere over https, or the course's own uploads; never data:, http: or protocol-relative. */
    private static boolean isSafeImage(String src) {
        String url = src.strip().toLowerCase(Locale.ROOT);
        return url.startsWith("https://") || (!url.startsWith("//") && !url.contains(":"));
    }
}
