package fr.guichetbio.portal.identity;

import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * Resolves the client registrations (OpenID Connect discovery at the issuer) on first use instead of at startup, so
 * that the portal starts and serves its public pages while the identity provider is unreachable. A failed discovery
 * is retried at the next use; a successful one is kept.
 *
 * <p>Deliberately not {@link Iterable}: Spring Security would otherwise iterate it while building the filter chain.
 */
final class LazyClientRegistrationRepository implements ClientRegistrationRepository {

    private static final Logger log = LoggerFactory.getLogger(LazyClientRegistrationRepository.class);

    private final Supplier<Map<String, ClientRegistration>> loader;

    private volatile Map<String, ClientRegistration> registrations;

    LazyClientRegistrationRepository(Supplier<Map<String, ClientRegistration>> loader) {
        this.loader = loader;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        Map<String, ClientRegistration> loaded = registrations;
        if (loaded == null) {
            synchronized (this) {
                loaded = registrations;
                if (loaded == null) {
                    try {
                        loaded = Map.copyOf(loader.get());
                        registrations = loaded;
                    } catch (RuntimeException e) {
                        log.warn(
                                "OpenID Connect client registrations unavailable (identity provider unreachable?): {}",
                                e.getMessage());
                        return null;
                    }
                }
            }
        }
        return loaded.get(registrationId);
    }
}
