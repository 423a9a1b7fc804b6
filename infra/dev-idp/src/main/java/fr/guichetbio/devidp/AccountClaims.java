package fr.guichetbio.devidp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;

/** Maps an account to the OpenID Connect standard claims released for the granted scopes. */
final class AccountClaims {

    private AccountClaims() {}

    static Map<String, Object> of(String username, Accounts.Profile account, Set<String> scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(StandardClaimNames.SUB, username);
        if (scopes.contains(OidcScopes.PROFILE)) {
            claims.put(StandardClaimNames.NAME, account.name());
            claims.put(StandardClaimNames.PREFERRED_USERNAME, username);
            claims.put(StandardClaimNames.LOCALE, account.locale());
        }
        if (scopes.contains(OidcScopes.EMAIL)) {
            claims.put(StandardClaimNames.EMAIL, account.email());
            claims.put(StandardClaimNames.EMAIL_VERIFIED, true);
        }
        return claims;
    }
}
