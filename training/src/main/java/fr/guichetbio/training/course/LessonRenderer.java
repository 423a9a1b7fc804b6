package fr.guichetbio.training.course;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.ElementPolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Lesson Markdown (CommonMark) to the HTML a lesson page inserts unescaped. Two locks, so that an author's lesson
 * can never run script in a learner's browser: the renderer escapes raw HTML and drops unsafe link targets, then a
 * strict allow-list sanitiser keeps only the elements Markdown produces, links to http(s) and mailto, and images
 * from the course's own uploads (named in the lesson, {@code ![Schéma](schema.png)}, and resolved against the course's
 * files; the pages' Content Security Policy would block an image from elsewhere anyway). Headings move one level
 * down: the page's {@code h1} is the lesson's title.
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

    /** A file of the course as a lesson names it: its bare name, no path or scheme. */
    private static final Pattern SAFE_IMAGE = Pattern.compile("/?([a-z0-9_.-]+/)*[a-z0-9][a-z0-9_.-]*");

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    /** The lesson's HTML, safe to insert into a page as is; uploaded files stay named relatively. */
    public static String render(String markdown) {
        return render(markdown, "");
    }

    /**
     * The lesson's HTML, with the course's files it names (images, linked documents) resolved against {@code
     * filesBase} (e.g. {@code /formation/cours/bpf/fichiers/}).
     */
    public static String render(String markdown, String filesBase) {
        Node document = PARSER.parse(markdown == null ? "" : markdown);
        if (!filesBase.isEmpty()) {
            document.accept(new AbstractVisitor() {
                @Override
                public void visit(Image image) {
                    image.setDestination(resolved(image.getDestination(), filesBase));
                    visitChildren(image);
                }

                @Override
                public void visit(Link link) {
                    link.setDestination(resolved(link.getDestination(), filesBase));
                    visitChildren(link);
                }
            });
        }
        return POLICY.sanitize(RENDERER.render(document));
    }

    private static String resolved(String destination, String filesBase) {
        return destination != null && FILE_NAME.matcher(destination).matches()
                ? filesBase + destination.toLowerCase(Locale.ROOT)
                : destination;
    }

    private static ElementPolicy demoted(String heading) {
        return (name, attributes) -> heading;
    }

    /** The course's own uploads only: a file name, or a path on this site; never a scheme, "//" or "..". */
    private static boolean isSafeImage(String src) {
        String url = src.strip().toLowerCase(Locale.ROOT);
        return SAFE_IMAGE.matcher(url).matches() && !url.contains("..") && !url.startsWith("//");
    }
}
