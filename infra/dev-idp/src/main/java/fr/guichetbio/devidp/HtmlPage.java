package fr.guichetbio.devidp;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/** The provider's few pages: self-contained HTML with one hashed style element, no script, no external resource. */
final class HtmlPage {

    private HtmlPage() {}

    private static final String STYLE =
            "body{font-family:system-ui,sans-serif;margin:0;background:#f4f4f4;color:#161616}"
                    + "main{max-width:26rem;margin:3rem auto;padding:2rem;background:#fff;border:1px solid #ddd}"
                    + ".warning{background:#fff4e5;border-left:.3rem solid #b34000;padding:.75rem;margin:0 0 1.5rem}"
                    + ".error{color:#ce0500;font-weight:bold}"
                    + "label{display:block;margin-top:1rem;font-weight:bold}"
                    + "input{display:block;width:100%;box-sizing:border-box;padding:.5rem;margin-top:.25rem;font-size:1rem}"
                    + "button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem;background:#000091;color:#fff;border:0}"
                    + "button:focus,input:focus{outline:2px solid #0a76f6;outline-offset:2px}";

    /** Strict policy: nothing but this page's own style element may load. */
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'sha256-" + sha256(STYLE) + "'; frame-ancestors 'none'; base-uri 'none'";

    static final String WARNING = "<p class=\"warning\" id=\"dev-warning\"><strong>Fournisseur d'identité de"
            + " développement — ne pas utiliser en production</strong><br>"
            + "<span lang=\"en\">Development identity provider — not for production</span></p>";

    static String csrfField(HttpServletRequest request) {
        if (!(request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token)) {
            return "";
        }
        return "<input type=\"hidden\" name=\"" + escape(token.getParameterName()) + "\" value=\""
                + escape(token.getToken()) + "\">";
    }

    static ResponseEntity<String> of(String title, String body) {
        return of(org.springframework.http.HttpStatus.OK, title, body);
    }

    static ResponseEntity<String> of(org.springframework.http.HttpStatusCode status, String title, String body) {
        String html = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + escape(title) + "</title><style>" + STYLE
                + "</style></head><body><main>" + body + "</main></body></html>";
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(html);
    }

    static String escape(String value) {
        return HtmlUtils.htmlEscape(value, StandardCharsets.UTF_8.name());
    }

    static String sha256(String value) {
        try {
            return Base64.getEncoder()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
