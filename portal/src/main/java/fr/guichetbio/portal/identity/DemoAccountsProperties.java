package fr.guichetbio.portal.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Demo accounts' platform roles ({@code guichet.demo.accounts}, env {@code GUICHET_DEMO_ACCOUNTS}): comma-separated
 * {@code username:ROLE} pairs, e.g. {@code sponsor:SPONSOR,admin:ADMIN}; a username may appear more than once. Set by
 * the local launcher for the development identity provider's accounts; never in production.
 */
@ConfigurationProperties("guichet.demo")
public record DemoAccountsProperties(String accounts) {

    /** One demo account and one of its roles. */
    record DemoAccount(String username, PlatformRole role) {}

    /** The parsed pairs; fails with a clear message on a malformed entry or an unknown role. */
    List<DemoAccount> parsed() {
        List<DemoAccount> parsed = new ArrayList<>();
        if (accounts == null || accounts.isBlank()) {
            return parsed;
        }
        for (String entry : accounts.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.strip().split(":", -1);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException(
                        "guichet.demo.accounts: expected username:ROLE, got '" + entry.strip() + "'");
            }
            try {
                parsed.add(new DemoAccount(
                        parts[0].strip(), PlatformRole.valueOf(parts[1].strip().toUpperCase(Locale.ROOT))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "guichet.demo.accounts: unknown role '" + parts[1].strip() + "' for " + parts[0].strip(), e);
            }
        }
        return parsed;
    }
}
