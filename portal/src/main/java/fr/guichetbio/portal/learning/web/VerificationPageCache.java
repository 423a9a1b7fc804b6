package fr.guichetbio.portal.learning.web;

import fr.guichetbio.training.certification.Certificate;
import fr.guichetbio.training.certification.CertificateStatus;
import fr.guichetbio.training.certification.Certificates;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The public verification page as anonymous visitors get it, kept rendered per certificate <em>state</em>: the key is
 * the certificate's record as read now (so a revocation, a new deadline or an erased name, made on any replica, is a
 * new key), its status at this instant (valid turns expiring with time alone) and the language. Every request still
 * reads the certificate (one indexed row): nothing shown can be stale. What is saved is the rest of the request — the
 * handler mapping and the page's rendering, five sixths of its CPU in a profile — which is what a QR code scanned at
 * an inspection, or a link in a CV opened by many, asks again and again (issue 17: 1,000 verifications a second).
 *
 * <p>Only anonymous requests without a query string are served from here: a signed-in visitor's header differs (their
 * name, sign-out form with its CSRF token), and a language change goes through the page. Unknown identifiers are not
 * kept (anyone could fill the cache with them). Runs after Spring Security, so its headers (CSP, …) and the rate
 * limit apply as to any page.
 */
final class VerificationPageCache extends OncePerRequestFilter {

    /** About 9 KB a page: at most 9 MB of heap. */
    private static final int CAPACITY = 1_000;

    private record Key(Certificate certificate, CertificateStatus status, Locale locale) {}

    private record Page(String contentType, String contentLanguage, String robots, byte[] body) {}

    private final Certificates certificates;
    private final LocaleResolver locales;
    private final Clock clock;
    private final Map<Key, Page> pages = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Page> eldest) {
            return size() > CAPACITY;
        }
    };

    VerificationPageCache(Certificates certificates, LocaleResolver locales, Clock clock) {
        this.certificates = certificates;
        this.locales = locales;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod())
                || request.getQueryString() != null
                || !request.getRequestURI().startsWith(request.getContextPath() + CertificatesController.VERIFY);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = request.getRequestURI()
                .substring(request.getContextPath().length() + CertificatesController.VERIFY.length());
        Optional<Certificate> certificate = signedIn() ? Optional.empty() : certificates.find(id);
        if (certificate.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Key key = new Key(certificate.get(), certificate.get().status(clock.instant()), locales.resolveLocale(request));
        Page page;
        synchronized (pages) {
            page = pages.get(key);
        }
        if (page != null) {
            response.setContentType(page.contentType());
            response.setHeader(HttpHeaders.CONTENT_LANGUAGE, page.contentLanguage());
            response.setHeader(CertificatesController.ROBOTS, page.robots());
            response.setContentLength(page.body().length);
            response.getOutputStream().write(page.body());
            return;
        }
        ContentCachingResponseWrapper rendered = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, rendered);
        // Kept only if the status did not change while the page was drawn (valid turning expiring at that instant).
        if (rendered.getStatus() == HttpServletResponse.SC_OK
                && key.status() == key.certificate().status(clock.instant())
                && rendered.getContentType() != null
                && rendered.getContentType().startsWith("text/html")) {
            Page fresh = new Page(
                    rendered.getContentType(),
                    rendered.getHeader(HttpHeaders.CONTENT_LANGUAGE),
                    rendered.getHeader(CertificatesController.ROBOTS),
                    rendered.getContentAsByteArray());
            synchronized (pages) {
                pages.put(key, fresh);
            }
        }
        rendered.copyBodyToResponse();
    }

    private static boolean signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }
}
