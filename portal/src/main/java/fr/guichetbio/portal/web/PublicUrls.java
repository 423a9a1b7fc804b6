package fr.guichetbio.portal.web;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Absolute URLs of the portal's pages (invitation links, canonical links, Schema.org data, the sitemap), built from
 * the configured public base URL, never from the request: its {@code Host} header is whatever the client sent.
 */
@Component
public class PublicUrls {

    /**
     * {@code guichet.public-base-url} (env {@code GUICHET_PUBLIC_BASE_URL}): the address people reach the portal at,
     * e.g. {@code https://guichet-bioproduction.fr}, without a trailing slash. Required to serve pages outside the
     * {@code local} profile (see the production settings check); commands that serve no pages go without.
     */
    @ConfigurationProperties("guichet")
    public record Settings(URI publicBaseUrl) {

        public Settings {
            if (publicBaseUrl != null
                    && (!publicBaseUrl.isAbsolute()
                            || !("http".equals(publicBaseUrl.getScheme()) || "https".equals(publicBaseUrl.getScheme()))
                            || publicBaseUrl.getHost() == null
                            || publicBaseUrl.getRawUserInfo() != null
                            || publicBaseUrl.getRawQuery() != null
                            || publicBaseUrl.getRawFragment() != null)) {
                throw new IllegalArgumentException("guichet.public-base-url must be an http(s) URL without user,"
                        + " query or fragment, e.g. https://guichet-bioproduction.fr; got " + publicBaseUrl);
            }
        }
    }

    private final String base;

    PublicUrls(Settings settings) {
        this.base = settings.publicBaseUrl() == null
                ? null
                : settings.publicBaseUrl().toString().replaceAll("/+$", "");
    }

    /** The base URL, without a trailing slash. */
    public String base() {
        if (base == null) {
            throw new IllegalStateException("guichet.public-base-url (GUICHET_PUBLIC_BASE_URL) is not set");
        }
        return base;
    }

    /** The absolute URL of {@code path} (starting with {@code /}, already encoded). */
    public String of(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + path);
        }
        return base() + path;
    }
}
