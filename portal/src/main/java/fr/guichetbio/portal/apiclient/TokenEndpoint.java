package fr.guichetbio.portal.apiclient;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OAuth2 token endpoint for API clients ({@code POST /api/oauth/token}, grant {@code client_credentials}, client
 * authentication {@code client_secret_basic} or {@code client_secret_post}) and the public keys that verify the
 * tokens ({@code GET /api/oauth/jwks}). Both are public; the token endpoint is rate-limited per IP.
 */
@RestController
class TokenEndpoint {

    static final String TOKEN_PATH = "/api/oauth/token";
    static final String JWKS_PATH = "/api/oauth/jwks";

    /** The parameters of a token request: credentials and grant, accepted in the form body only. */
    static final java.util.Set<String> BODY_PARAMETERS =
            java.util.Set.of("grant_type", "client_id", "client_secret", "scope");

    private final AccessTokens tokens;
    private final ApiSigningKey signingKey;

    TokenEndpoint(AccessTokens tokens, ApiSigningKey signingKey) {
        this.tokens = tokens;
        this.signingKey = signingKey;
    }

    @PostMapping(path = TOKEN_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> token(
            @RequestParam MultiValueMap<String, String> parameters, HttpServletRequest request) {
        refuseQueryParameters(request.getQueryString());
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (parameter.getValue().size() > 1) {
                throw new AccessTokens.TokenError("invalid_request", "Repeated parameter: " + safe(parameter));
            }
        }
        String grantType = parameters.getFirst("grant_type");
        if (grantType == null || grantType.isBlank()) {
            throw new AccessTokens.TokenError("invalid_request", "Missing grant_type");
        }
        if (!"client_credentials".equals(grantType)) {
            throw new AccessTokens.TokenError("unsupported_grant_type", "Only client_credentials is supported");
        }
        String[] basic = basicCredentials(request.getHeader(HttpHeaders.AUTHORIZATION));
        String postedId = parameters.getFirst("client_id");
        String postedSecret = parameters.getFirst("client_secret");
        if (basic != null && postedSecret != null) {
            throw new AccessTokens.TokenError("invalid_request", "Use one client authentication method");
        }
        String clientId = basic != null ? basic[0] : postedId;
        String secret = basic != null ? basic[1] : postedSecret;
        if (basic != null && postedId != null && !postedId.equals(clientId)) {
            throw new AccessTokens.TokenError("invalid_request", "client_id does not match the Authorization header");
        }
        AccessTokens.IssuedToken token = tokens.issue(clientId, secret, parameters.getFirst("scope"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token.value());
        body.put("token_type", "Bearer");
        body.put("expires_in", token.expiresIn());
        body.put("scope", String.join(" ", token.scopes()));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .body(body);
    }

    @GetMapping(path = JWKS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(
                        CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
                .body(signingKey.publicJwkSet());
    }

    @ExceptionHandler(AccessTokens.TokenError.class)
    ResponseEntity<Map<String, Object>> error(AccessTokens.TokenError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("error_description", error.getMessage());
        boolean client = "invalid_client".equals(error.code());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(
                        client ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST)
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache");
        if (client) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + ApiProperties.AUDIENCE + "\"");
        }
        return response.body(body);
    }

    /**
     * Token request parameters belong in the form body (RFC 6749 §2.3.1, §4.4.2): in the URL, a secret ends up in
     * access logs, proxies and histories. Refused, without looking at the rest of the request, so that a client that
     * sends them there learns it at once; the secret is not echoed.
     */
    static void refuseQueryParameters(String query) {
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name;
            try {
                name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new AccessTokens.TokenError("invalid_request", "Malformed query string");
            }
            if (BODY_PARAMETERS.contains(name)) {
                throw new AccessTokens.TokenError(
                        "invalid_request", "Send " + name + " in the request body, not in the query string");
            }
        }
    }

    /** The id and secret of an {@code Authorization: Basic} header (form-urlencoded, RFC 6749 §2.3.1), or null. */
    static String[] basicCredentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new AccessTokens.TokenError("invalid_client", "Client authentication failed");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new AccessTokens.TokenError("invalid_client", "Client authentication failed");
        }
        try {
            return new String[] {
                URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
            };
        } catch (IllegalArgumentException e) {
            throw new AccessTokens.TokenError("invalid_client", "Client authentication failed");
        }
    }

    private static String safe(Map.Entry<String, List<String>> parameter) {
        return parameter.getKey().replaceAll("[^A-Za-z0-9_]", "?");
    }
}
