package fr.guichetbio.portal.apiclient;

import java.io.Serializable;
import java.security.Principal;
import java.util.Set;

/**
 * The API client behind a request to {@code /api/**}: controllers take it with {@code @AuthenticationPrincipal}.
 *
 * @param clientId the client id, e.g. {@code gb_3f…}
 * @param organisationId the organisation the client acts for
 * @param scopes the scopes of the token, e.g. {@code catalogue:read}
 */
public record ApiClientPrincipal(String clientId, long organisationId, Set<String> scopes)
        implements Principal, Serializable {

    @Override
    public String getName() {
        return clientId;
    }

    public boolean actsFor(long organisationId) {
        return this.organisationId == organisationId;
    }
}
