package fr.guichetbio.portal.apiclient;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Hashes and checks client secrets with Spring Security's delegating encoder (bcrypt today; the {@code {id}} prefix
 * stored with each hash lets a stronger algorithm replace it later). Not a {@code PasswordEncoder} bean, so that
 * nothing else picks it up.
 */
@Component
class ClientSecrets {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    /** A hash of a throwaway secret, checked against when the client is unknown so that timing tells nothing. */
    private final String decoy = encoder.encode("decoy-secret-for-unknown-clients");

    String hash(String secret) {
        return encoder.encode(secret);
    }

    boolean matches(String secret, String hash) {
        return secret != null && hash != null && encoder.matches(secret, hash);
    }

    /** Spends the same time as a real check, for an unknown client; always false. */
    boolean matchesNothing(String secret) {
        encoder.matches(secret == null ? "" : secret, decoy);
        return false;
    }
}
