package fr.guichetbio.portal.apiclient;

import java.time.Instant;
import java.util.List;

/** A registered API client of an organisation; the secret is known only by its hash. */
public record ApiClient(
        long id,
        String clientId,
        long organisationId,
        String name,
        List<String> scopes,
        Long createdBy,
        Instant createdAt,
        Instant revokedAt,
        Long revokedBy,
        Instant lastUsedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
