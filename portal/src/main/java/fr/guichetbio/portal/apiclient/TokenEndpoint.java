package fr.guichetbio.portal.apiclient;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "OAuth2", description = "Tokens for machine clients")
class TokenEndpoint {

    /** The form of a token request, for the documentation (the handler reads the parameters one by one). */
    @Schema(requiredProperties = "grant_type")
    record TokenRequest(
            @Schema(allowableValues = "client_credentials") String grant_type,

            @Schema(description = "Optional: only narrows the client's scopes", example = "catalogue:read")
            String scope,

            @Schema(description = "client_secret_post only (otherwise the Authorization header)")
            String client_id,

            @Schema(description = "client_secret_post only") String client_secret) {}

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

    @Operation(
            summary = "Get a bearer token (OAuth2 client credentials)",
            description = """
                    client_secret_basic (the Authorization header) or client_secret_post (client_id and \
                    client_secret in the form). The token is an RS256 JWT (typ at+jwt) for 15 minutes, with the \
                    client's organisation in 'org'. Errors follow RFC 6749: 401 invalid_client (wrong or revoked \
                    client), 400 invalid_scope, unsupported_grant_type, invalid_request (also for any parameter sent \
                    in the query string: a secret never travels in a URL). Limited per client IP.""",
            security = @SecurityRequirement(name = "clientSecretBasic"),
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
                                            schema = @Schema(implementation = TokenRequest.class))))
    @ApiResponse(
            responseCode = "200",
            description = "The token",
            content = @Content(examples = @ExampleObject(value = """
                                                    {"access_token":"eyJ…","token_type":"Bearer","expires_in":900,\
                                                    "scope":"catalogue:read catalogue:write"}""")))
    @ApiResponse(
            responseCode = "400",
            description = "invalid_request, invalid_scope or unsupported_grant_type (RFC 6749 error JSON)",
            content = @Content(examples = @ExampleObject(value = """
                                                    {"error":"unsupported_grant_type",\
                                                    "error_description":"Only client_credentials is supported"}""")))
    @ApiResponse(responseCode = "401", description = "invalid_client: a wrong or revoked client")
    @ApiResponse(responseCode = "429", description = "Too many requests from this IP; Retry-After")
    @PostMapping(path = TOKEN_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> token(
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
            HttpServletRequest request) {
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

    @Operation(
            summary = "The public keys that verify the tokens (JWK set)",
            description = "Cached 5 minutes; after a key rotation, tokens signed with the old key are refused.")
    @ApiResponse(responseCode = "200", description = "The public JWK set")
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
