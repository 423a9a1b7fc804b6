package fr.guichetbio.portal.organisation;

import java.net.URI;
import java.util.Locale;

/** Organisation websites: only absolute http(s) addresses, and their domain to suggest claims. */
public final class Websites {

    private Websites() {}

    /** Whether the value is blank (no website) or an absolute http(s) URL with a host. */
    public static boolean isValid(String website) {
        if (website == null || website.isBlank()) {
            return true;
        }
        return domainOf(website) != null;
    }

    /** The lower-case host without {@code www.}, or {@code null} when not an http(s) URL. */
    public static String domainOf(String website) {
        if (website == null || website.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(website.strip());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || host == null
                    || host.isBlank()) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
