package fr.guichetbio.portal.identity;

import java.time.Instant;
import java.util.Set;

/**
 * A person as other modules and the admin pages see them. {@code displayName} is the name the person chose, else the
 * identity provider's; it is {@code null} for a deleted (pseudonymised) account.
 */
public record PersonSummary(
        long id,
        String displayName,
        String email,
        String language,
        Set<PlatformRole> roles,
        Instant suspendedAt,
        String suspensionReason,
        Instant deletedAt,
        Instant lastLoginAt) {

    public boolean suspended() {
        return suspendedAt != null;
    }

    public boolean deleted() {
        return deletedAt != null;
    }
}
