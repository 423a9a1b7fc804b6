package fr.guichetbio.portal.apiclient;

import java.util.Optional;

/** The OAuth2 scopes an API client may be granted. */
public enum ApiScope {
    CATALOGUE_READ("catalogue:read"),
    CATALOGUE_WRITE("catalogue:write"),
    REQUESTS_READ("requests:read"),
    REQUESTS_WRITE("requests:write");

    private final String value;

    ApiScope(String value) {
        this.value = value;
    }

    /** As written in tokens and requests, e.g. {@code catalogue:read}. */
    public String value() {
        return value;
    }

    /** The Spring Security authority, e.g. {@code SCOPE_catalogue:read}. */
    public String authority() {
        return "SCOPE_" + value;
    }

    public static Optional<ApiScope> fromValue(String value) {
        for (ApiScope scope : values()) {
            if (scope.value.equals(value)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
