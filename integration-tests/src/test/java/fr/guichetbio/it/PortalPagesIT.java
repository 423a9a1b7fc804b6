package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.Stack;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The running portal jar: security headers, compression, exposed endpoints, error pages, language. */
@ExtendWith(RunningStack.class)
class PortalPagesIT {

    @Test
    void pagesCarryAStrictContentSecurityPolicy(Stack stack) throws Exception {
        PortalClient.Page home = new PortalClient(stack.portalUrl()).get("/");

        assertThat(home.status()).isEqualTo(200);
        String csp = home.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'");
        assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(home.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(home.document().select("script:not([src])"))
                .as("no inline script")
                .isEmpty();
        assertThat(home.document().select("[style]")).as("no inline style").isEmpty();
    }

    @Test
    void frontEndFilesAreServedPreCompressedAndPagesCompressed(Stack stack) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Document home = new PortalClient(stack.portalUrl()).get("/").document();
        String css = home.select("link[rel=stylesheet]").attr("href");
        String script = home.select("script[type=module]").attr("src");
        assertThat(css).matches("/vendor/dsfr/guichet\\.min-[0-9a-f]{32}\\.css");

        for (String asset : new String[] {css, script}) {
            for (String encoding : new String[] {"br", "gzip"}) {
                HttpResponse<byte[]> answer = http.send(
                        HttpRequest.newBuilder(URI.create(stack.portalUrl() + asset))
                                .header("Accept-Encoding", encoding)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(answer.statusCode()).as(asset).isEqualTo(200);
                assertThat(answer.headers().firstValue("Content-Encoding"))
                        .as(asset)
                        .contains(encoding);
                assertThat(answer.headers().allValues("Vary")).as(asset).anyMatch(v -> v.contains("Accept-Encoding"));
                if (encoding.equals("gzip")) {
                    try (var in = new GZIPInputStream(new ByteArrayInputStream(answer.body()))) {
                        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        assertThat(text).as(asset).contains(asset.endsWith(".css") ? ".fr-header" : "window.dsfr");
                    }
                }
            }
            HttpResponse<byte[]> plain = http.send(
                    HttpRequest.newBuilder(URI.create(stack.portalUrl() + asset))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(plain.headers().firstValue("Content-Encoding")).as(asset).isEmpty();
        }
        // The stylesheet's font URLs are those the pages preload, in every encoding.
        HttpResponse<byte[]> gzipped = http.send(
                HttpRequest.newBuilder(URI.create(stack.portalUrl() + css))
                        .header("Accept-Encoding", "gzip")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String stylesheet;
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            stylesheet = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String font : home.select("link[rel=preload][as=font]").eachAttr("href")) {
            assertThat(stylesheet).contains(font.substring("/vendor/dsfr/".length()));
            assertThat(http.send(
                                    HttpRequest.newBuilder(URI.create(stack.portalUrl() + font))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .as(font)
                    .isEqualTo(200);
        }

        HttpResponse<byte[]> page = http.send(
                HttpRequest.newBuilder(URI.create(stack.portalUrl() + "/"))
                        .header("Accept-Encoding", "gzip")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(page.headers().firstValue("Content-Encoding")).contains("gzip");
    }

    @Test
    void thePortalJarHoldsThePreCompressedFrontEnd() throws Exception {
        Path jar = Path.of(System.getProperty("guichet.stack.dir", "../infra/launcher/target/stack"), "portal.jar");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> vendor = zip.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.startsWith("BOOT-INF/classes/static/vendor/"))
                    .toList();
            for (String file : List.of("dsfr/guichet.min.css", "dsfr/guichet.module.min.js", "htmx/htmx.min.js")) {
                assertThat(vendor)
                        .contains(
                                "BOOT-INF/classes/static/vendor/" + file,
                                "BOOT-INF/classes/static/vendor/" + file + ".br",
                                "BOOT-INF/classes/static/vendor/" + file + ".gz");
            }
            assertThat(vendor)
                    .as("no whole DSFR stylesheet nor icon stylesheet")
                    .noneMatch(name -> name.endsWith("/dsfr.min.css") || name.endsWith("/icons.min.css"));
        }
    }

    @Test
    void onlyHealthAndInfoAreExposed(Stack stack) throws Exception {
        PortalClient portal = new PortalClient(stack.portalUrl());

        assertThat(portal.get("/actuator/info", "application/json").status()).isEqualTo(200);
        for (String hidden : new String[] {"/actuator/env", "/actuator/beans", "/actuator/configprops"}) {
            PortalClient.Page page = portal.get(hidden, "application/json");
            assertThat(page.status()).as(hidden).isIn(401, 403, 404);
            assertThat(page.body()).as(hidden).doesNotContain("spring.datasource");
        }
    }

    @Test
    void unknownPagesGetA404PageInTheVisitorsLanguageWithoutInternals(Stack stack) throws Exception {
        PortalClient portal = new PortalClient(stack.portalUrl());

        PortalClient.Page french = portal.get("/nulle-part");
        PortalClient.Page english = portal.get("/nulle-part?lang=en");

        assertThat(french.status()).isEqualTo(404);
        assertThat(english.status()).isEqualTo(404);
        assertThat(french.document().select("html").attr("lang")).isEqualTo("fr");
        assertThat(english.document().select("html").attr("lang")).isEqualTo("en");
        assertThat(french.document().select("h1").text())
                .isNotBlank()
                .isNotEqualTo(english.document().select("h1").text());
        for (PortalClient.Page page : new PortalClient.Page[] {french, english}) {
            assertThat(page.body()).doesNotContain("Exception", "at org.", "at fr.guichetbio");
            assertThat(page.document().select("header").text()).contains("Guichet Bioproduction");
        }
    }

    @Test
    void aFormPostWithoutCsrfTokenIsRefused(Stack stack) throws Exception {
        PortalClient.Page refused = new PortalClient(stack.portalUrl()).post("/logout");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("Exception", "at org.");
    }
}
