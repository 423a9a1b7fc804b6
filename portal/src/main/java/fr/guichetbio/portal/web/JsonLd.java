package fr.guichetbio.portal.web;

/**
 * Schema.org data for a page's {@code <script type="application/ld+json">} (the layout writes it unescaped): JSON
 * whose {@code <}, {@code >} and {@code &} are written as {@code \u003c}, {@code \u003e}, {@code \u0026}, so that no
 * value can close the element, open an HTML comment ({@code <!--}) or a nested script, which makes browsers swallow
 * the rest of the page. Same JSON once parsed.
 */
public final class JsonLd {

    private JsonLd() {}

    /** {@code json} (a serialised JSON document: these characters only occur inside its strings) made safe. */
    public static String inScript(String json) {
        StringBuilder safe = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> safe.append("\\u003c");
                case '>' -> safe.append("\\u003e");
                case '&' -> safe.append("\\u0026");
                default -> safe.append(c);
            }
        }
        return safe.toString();
    }
}
