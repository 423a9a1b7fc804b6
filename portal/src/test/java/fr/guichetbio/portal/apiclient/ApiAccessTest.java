package fr.guichetbio.portal.apiclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.MembershipRole;
import fr.guichetbio.portal.organisation.Memberships;
import fr.guichetbio.portal.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Machine access end to end inside the portal, on a throwaway PostgreSQL database: organisation admins manage API
 * clients, clients get tokens from the portal, and the API accepts only valid, unrevoked, well-scoped tokens.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.api.issuer=https://portal.test",
            // More token requests from 127.0.0.1 than the default 20; checked with its own IP below.
            "guichet.rate-limit.token.requests=100",
            "guichet.rate-limit.token.period=1m",
            // The sign-in limit the tests below count against (the default is higher).
            "guichet.rate-limit.login.requests=10",
            "guichet.rate-limit.login.period=1m"
        })
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class ApiAccessTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("apiJwtDecoder")
    JwtDecoder decoder;

    @Autowired
    @Qualifier("apiJwtEncoder")
    JwtEncoder encoder;

    @Autowired
    ApiClientRegistrations registrations;

    @Autowired
    Memberships memberships;

    @LocalServerPort
    int port;

    // --- Pages: organisation admins manage their API clients -----------------------------------------------------

    @Test
    void anAdminRegistersAClientAndSeesItsSecretOnceThenRevokesIt() throws Exception {
        World world = world();

        Document page = html(mvc.perform(post("/organisations/" + world.slugA + "/api")
                        .with(signedIn(world.adminA))
                        .with(csrf())
                        .param("name", "ERP Lyon")
                        .param("scopes", "catalogue:read", "catalogue:write"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andReturn()
                .getResponse()
                .getContentAsString());

        String clientId = page.getElementById("created-client-id").text();
        String secret = page.getElementById("created-client-secret").text();
        assertThat(clientId).matches("gb_[0-9a-f]{20}");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
        Map<String, Object> row = jdbc.sql("select * from api_client where client_id = :id")
                .param("id", clientId)
                .query()
                .singleRow();
        assertThat(row.get("organisation_id")).isEqualTo(world.orgA);
        assertThat(row.get("scopes")).isEqualTo("catalogue:read catalogue:write");
        assertThat((String) row.get("secret_hash")).startsWith("{bcrypt}").doesNotContain(secret);
        assertThat(auditText(world.orgA)).contains("api_client.created").doesNotContain(secret);

        Document list =
                html(mvc.perform(get("/organisations/" + world.slugA + "/api").with(signedIn(world.adminA)))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(list.select("#api-clients .client-id").eachText()).containsExactly(clientId);
        assertThat(list.body().text()).doesNotContain(secret);
        assertThat(list.getElementById("created-client-secret")).isNull();

        mvc.perform(post("/organisations/" + world.slugA + "/api/" + clientId + "/revoquer")
                        .with(signedIn(world.adminA))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(revokedAt(clientId)).isNotNull();
        assertThat(auditText(world.orgA)).contains("api_client.revoked");
    }

    @Test
    void aMemberWhoIsNotAdminCannotSeeNorRegisterClients() throws Exception {
        World world = world();

        mvc.perform(get("/organisations/" + world.slugA + "/api").with(signedIn(world.memberA)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/organisations/" + world.slugA + "/api")
                        .with(signedIn(world.memberA))
                        .with(csrf())
                        .param("name", "Sneaky")
                        .param("scopes", "catalogue:write"))
                .andExpect(status().isForbidden());

        assertThat(clientCount(world.orgA)).isZero();
    }

    @Test
    void aFormReplayedOnAnotherOrganisationChangesNothing() throws Exception {
        World world = world();
        String clientOfB = registrations
                .register(user(world.adminB), world.orgB, "ERP B", List.of(ApiScope.CATALOGUE_READ))
                .client()
                .clientId();

        // Admin of A, but not of B: registering for B or revoking B's client is refused — with a 404, as on every page
        // of an organisation the person may not know exists (B is pending and A's admin is not a member).
        mvc.perform(post("/organisations/" + world.slugB + "/api")
                        .with(signedIn(world.adminA))
                        .with(csrf())
                        .param("name", "Replayed")
                        .param("scopes", "catalogue:write"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/organisations/" + world.slugB + "/api/" + clientOfB + "/revoquer")
                        .with(signedIn(world.adminA))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        // Through its own organisation's URL: B's client is not A's.
        mvc.perform(post("/organisations/" + world.slugA + "/api/" + clientOfB + "/revoquer")
                        .with(signedIn(world.adminA))
                        .with(csrf()))
                .andExpect(status().isNotFound());

        assertThat(clientCount(world.orgB)).isEqualTo(1);
        assertThat(revokedAt(clientOfB)).isNull();
        assertThat(clientCount(world.orgA)).isZero();
    }

    @Test
    void registrationNeedsANameAndAKnownScope() throws Exception {
        World world = world();

        Document page = html(mvc.perform(post("/organisations/" + world.slugA + "/api")
                        .with(signedIn(world.adminA))
                        .with(csrf())
                        .param("name", " ")
                        .param("scopes", "admin:all"))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString());

        assertThat(page.select("#apiclient-errors li")).hasSize(2);
        assertThat(clientCount(world.orgA)).isZero();
    }

    // --- Token endpoint ------------------------------------------------------------------------------------------

    @Test
    void aValidClientGetsASignedTokenWithTheRightClaims() throws Exception {
        World world = world();
        ApiClientRegistrations.Registered client = register(world, ApiScope.CATALOGUE_READ, ApiScope.CATALOGUE_WRITE);

        JsonNode answer = json(mvc.perform(post("/api/oauth/token")
                        .with(httpBasic(client.client().clientId(), client.secret()))
                        .param("grant_type", "client_credentials"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andReturn()
                .getResponse()
                .getContentAsString());

        assertThat(answer.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(answer.path("expires_in").asInt()).isEqualTo(900);
        assertThat(answer.path("scope").asString()).isEqualTo("catalogue:read catalogue:write");
        Jwt jwt = decoder.decode(answer.path("access_token").asString());
        assertThat(jwt.getHeaders()).containsEntry("alg", "RS256").containsEntry("typ", "at+jwt");
        assertThat(jwt.getIssuer()).hasToString("https://portal.test");
        assertThat(jwt.getAudience()).containsExactly("guichet-api");
        assertThat(jwt.getSubject()).isEqualTo(client.client().clientId());
        assertThat(jwt.getClaimAsString("client_id")).isEqualTo(client.client().clientId());
        assertThat(((Number) jwt.getClaim("org")).longValue()).isEqualTo(world.orgA);
        assertThat(jwt.getId()).isNotBlank();
        assertThat(jwt.getExpiresAt())
                .isBetween(Instant.now().plusSeconds(840), Instant.now().plusSeconds(960));
        assertThat(jdbc.sql("select last_used_at from api_client where client_id = :id")
                        .param("id", client.client().clientId())
                        .query()
                        .singleValue())
                .isNotNull();
    }

    @Test
    void clientSecretPostAndAScopeSubsetWork() throws Exception {
        World world = world();
        ApiClientRegistrations.Registered client = register(world, ApiScope.CATALOGUE_READ, ApiScope.CATALOGUE_WRITE);

        mvc.perform(post("/api/oauth/token")
                        .param("grant_type", "client_credentials")
                        .param("client_id", client.client().clientId())
                        .param("client_secret", client.secret())
                        .param("scope", "catalogue:read"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scope").value("catalogue:read"));
    }

    @Test
    void aWrongSecretIsAnInvalidClient() throws Exception {
        World world = world();
        ApiClientRegistrations.Registered client = register(world, ApiScope.CATALOGUE_READ);

        mvc.perform(post("/api/oauth/token")
                        .with(httpBasic(client.client().clientId(), client.secret() + "x"))
                        .param("grant_type", "client_credentials"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.error").value("invalid_client"));
        mvc.perform(post("/api/oauth/token")
                        .with(httpBasic("gb_unknown", client.secret()))
                        .param("grant_type", "client_credentials"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error").value("invalid_client"));
    }

    @Test
    void aRevokedClientGetsNoToken() throws Exception {
        World world = world();
        ApiClientRegistrations.Registered client = register(world, ApiScope.CATALOGUE_READ);
        registrations.revoke(user(world.adminA), world.orgA, client.client().clientId());

        mvc.perform(post("/api/oauth/token")
                        .with(httpBasic(client.client().clientId(), client.secret()))
                        .param("grant_type", "client_credentials"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error").value("invalid_client"));
    }

    @Test
    void aScopeNotGrantedIsAnInvalidScopeAndOtherGrantsAreUnsupported() throws Exception {
        World world = world();
        ApiClientRegistrations.Registered client = register(world, ApiScope.CATALOGUE_READ);

        mvc.perform(post("/api/oauth/token")
                        .with(httpBasic(client.client().clientId(), client.secret()))
                        .param("grant_type", "client_credentials")
                        .param("scope", "catalogue:read catalogue:write"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("invalid_scope"));
        mvc.perform(post("/api/oauth/token")
                        .with(httpBasic(client.client().clientId(), client.secret()))
                        .param("grant_type", "password"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("unsupported_grant_type"));
    }

    @Test
    void credentialsOrGrantParametersInTheQueryStringAreRefused() throws Exception {
        World world = world();
        ApiClientRegistrations.Registered client = register(world, ApiScope.CATALOGUE_READ);
        String id = client.client().clientId();
        String secret = client.secret();

        // RFC 6749 §2.3.1: the secret never goes in the URL (it would end up in logs and browser histories).
        for (String query : List.of(
                "client_secret=" + secret + "&client_id=" + id + "&grant_type=client_credentials",
                "client_secret=" + secret,
                "grant_type=client_credentials",
                "scope=catalogue:read",
                "client_id=" + id)) {
            var request = post("/api/oauth/token?" + query);
            if (!query.startsWith("client_secret=" + secret + "&")) {
                request.with(httpBasic(id, secret));
            }
            if (!query.contains("grant_type")) {
                request.param("grant_type", "client_credentials");
            }
            mvc.perform(request)
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.error").value("invalid_request"))
                    .andExpect(jsonPath("$.access_token").doesNotExist());
        }
        // The same parameters in the body are fine.
        mvc.perform(post("/api/oauth/token")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret))
                .andExpect(status().isOk());
    }

    @Test
    void thePublicKeyIsPublishedWithoutThePrivateParts() throws Exception {
        JsonNode jwks = json(mvc.perform(get("/api/oauth/jwks"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());

        JsonNode key = jwks.path("keys").get(0);
        assertThat(key.path("kty").asString()).isEqualTo("RSA");
        assertThat(key.path("kid").asString()).isNotBlank();
        assertThat(key.has("n")).isTrue();
        assertThat(key.has("d")).isFalse();
        assertThat(key.has("p")).isFalse();
    }

    // --- Resource server -----------------------------------------------------------------------------------------

    @Test
    void aTokenReadsAndUpdatesItsOwnOrganisation() throws Exception {
        World world = world();
        String token = token(register(world, ApiScope.CATALOGUE_READ, ApiScope.CATALOGUE_WRITE));

        mvc.perform(get("/api/organisations/" + world.orgA).header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"0\""))
                .andExpect(jsonPath("$.name").value("Organisation A"))
                .andExpect(jsonPath("$.version").value(0));

        mvc.perform(patch("/api/organisations/" + world.orgA)
                        .header("Authorization", "Bearer " + token)
                        .header("If-Match", "\"0\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"description\":\"About A, updated\"}"))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.description").value("About A, updated"))
                .andExpect(jsonPath("$.identityInReview").doesNotExist())
                .andExpect(jsonPath("$.version").value(1));
        // Organisation A is public: a new name or website waits for the platform's moderators.
        mvc.perform(patch("/api/organisations/" + world.orgA)
                        .header("Authorization", "Bearer " + token)
                        .header("If-Match", "\"1\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Organisation A renamed\",\"website\":\"https://www.a.example\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.name").value("Organisation A"))
                .andExpect(jsonPath("$.identityInReview.name").value("Organisation A renamed"))
                .andExpect(jsonPath("$.identityInReview.website").value("https://www.a.example"))
                .andExpect(jsonPath("$.identityInReview.detail").isString());

        Map<String, Object> row = jdbc.sql("select name, website_domain, version from organisation where id = :id")
                .param("id", world.orgA)
                .query()
                .singleRow();
        assertThat(row).containsEntry("name", "Organisation A").containsEntry("website_domain", null);
        Map<String, Object> audit =
                jdbc.sql("""
                        select actor_client_id, actor_person_id from audit_entry
                         where organisation_id = :id and action = 'organisation.identity_proposed'
                        """).param("id", world.orgA).query().singleRow();
        assertThat(audit.get("actor_client_id")).isEqualTo(jwtClientId(token));
        assertThat(audit.get("actor_person_id")).isNull();
    }

    @Test
    void anotherOrganisationCannotBeChangedAndStaysUnchanged() throws Exception {
        World world = world();
        String token = token(register(world, ApiScope.CATALOGUE_READ, ApiScope.CATALOGUE_WRITE));

        mvc.perform(patch("/api/organisations/" + world.orgB)
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Hijacked\",\"version\":0}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403));

        assertThat(jdbc.sql("select name || ':' || version from organisation where id = :id")
                        .param("id", world.orgB)
                        .query(String.class)
                        .single())
                .isEqualTo("Organisation B:0");
        // B is pending, so not public either.
        mvc.perform(get("/api/organisations/" + world.orgB).header("Authorization", "Bearer " + token))
                .andExpect(status().isNotFound());
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() throws Exception {
        World world = world();
        String token = token(register(world, ApiScope.CATALOGUE_WRITE));
        jdbc.sql("update organisation set version = 3 where id = :id")
                .param("id", world.orgA)
                .update();

        mvc.perform(patch("/api/organisations/" + world.orgA)
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"description\":\"Stale\",\"version\":2}"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(patch("/api/organisations/" + world.orgA)
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"description\":\"No version\"}"))
                .andExpect(status().isPreconditionRequired());

        assertThat(jdbc.sql("select description from organisation where id = :id")
                        .param("id", world.orgA)
                        .query(String.class)
                        .single())
                .isEqualTo("About A");
    }

    @Test
    void invalidFieldsAreListed() throws Exception {
        World world = world();
        String token = token(register(world, ApiScope.CATALOGUE_WRITE));

        mvc.perform(patch("/api/organisations/" + world.orgA)
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"\",\"website\":\"ftp://x\",\"colour\":\"red\",\"version\":0}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.containsInAnyOrder("name", "website", "colour")));
    }

    @Test
    void aMissingScopeIsForbidden() throws Exception {
        World world = world();
        String readOnly = token(register(world, ApiScope.CATALOGUE_READ));

        mvc.perform(patch("/api/organisations/" + world.orgA)
                        .header("Authorization", "Bearer " + readOnly)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Nope\",\"version\":0}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        String writeOnly = token(register(world, ApiScope.CATALOGUE_WRITE));
        mvc.perform(get("/api/organisations/" + world.orgA).header("Authorization", "Bearer " + writeOnly))
                .andExpect(status().isForbidden());
    }

    @Test
    void aRevokedClientsUnexpiredTokenIsRefusedAtOnce() throws Exception {
        World world = world();
        ApiClientRegistrations.Registered client = register(world, ApiScope.CATALOGUE_READ);
        String token = token(client);
        mvc.perform(get("/api/organisations/" + world.orgA).header("Authorization", "Bearer " + token))
                .andExpect(status().isOk());

        registrations.revoke(user(world.adminA), world.orgA, client.client().clientId());

        mvc.perform(get("/api/organisations/" + world.orgA).header("Authorization", "Bearer " + token))
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void forgedExpiredOrMisdirectedTokensAreRefused() throws Exception {
        World world = world();
        String clientId = register(world, ApiScope.CATALOGUE_READ).client().clientId();
        Instant now = Instant.now();

        String wrongAudience = sign(encoder, claims(clientId, world.orgA, now).audience(List.of("other-api")));
        String expired = sign(
                encoder, claims(clientId, world.orgA, now.minusSeconds(3600)).expiresAt(now.minusSeconds(120)));
        String wrongIssuer = sign(encoder, claims(clientId, world.orgA, now).issuer("https://evil.example"));
        RSAKey foreignKey = new RSAKeyGenerator(2048).keyID("foreign").generate();
        String foreign = sign(
                new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(foreignKey))), claims(clientId, world.orgA, now));
        String otherOrganisation = sign(encoder, claims(clientId, world.orgB, now));
        String valid = sign(encoder, claims(clientId, world.orgA, now));

        for (String bad : List.of(wrongAudience, expired, wrongIssuer, foreign, otherOrganisation, "not-a-jwt")) {
            mvc.perform(get("/api/organisations/" + world.orgA).header("Authorization", "Bearer " + bad))
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        mvc.perform(get("/api/organisations/" + world.orgA).header("Authorization", "Bearer " + valid))
                .andExpect(status().isOk());
        mvc.perform(get("/api/organisations/" + world.orgA)).andExpect(status().isUnauthorized());
    }

    // --- Clients outlive nobody: a creator who loses admin rights takes their clients along -------------------------

    @Test
    void aClientStopsWhenItsCreatorIsRemovedFromTheOrganisation(CapturedOutput output) throws Exception {
        World world = world();
        for (long person : List.of(world.adminA, world.memberA, world.secondAdminA)) {
            jdbc.sql("update person set email = 'person-' || id || '@a.example' where id = :id")
                    .param("id", person)
                    .update();
        }
        creatorLosesAdminRights(
                world,
                () -> memberships.remove(user(world.secondAdminA), world.orgA, world.adminA),
                world.secondAdminA,
                "creator_removed");

        // The remaining admin is told (the logging notifier stands for the mail), nobody else.
        assertThat(output.getOut())
                .contains("Mail would be sent to person-" + world.secondAdminA + "@a.example")
                .contains("creator_removed")
                .doesNotContain("sent to person-" + world.adminA + "@")
                .doesNotContain("sent to person-" + world.memberA + "@");
    }

    @Test
    void aClientStopsWhenItsCreatorIsDemoted() throws Exception {
        World world = world();
        creatorLosesAdminRights(
                world,
                () -> memberships.changeRole(user(world.secondAdminA), world.orgA, world.adminA, MembershipRole.MEMBER),
                world.secondAdminA,
                "creator_demoted");
    }

    @Test
    void aClientStopsWhenItsCreatorLeaves() throws Exception {
        World world = world();
        creatorLosesAdminRights(
                world, () -> memberships.leave(user(world.adminA), world.orgA), world.adminA, "creator_left");
    }

    @Test
    void aClientStopsWhenItsCreatorIsSuspended() throws Exception {
        World world = world();
        long platformAdmin = person("platform-admin-" + UUID.randomUUID());
        jdbc.sql("insert into person_role (person_id, role) values (:p, 'ADMIN')")
                .param("p", platformAdmin)
                .update();
        creatorLosesAdminRights(
                world,
                () -> mvc.perform(post("/admin/utilisateurs/" + world.adminA + "/suspension")
                                .with(signedIn(platformAdmin, PlatformRole.ADMIN))
                                .with(csrf())
                                .param("reason", "Compte compromis"))
                        .andExpect(status().is3xxRedirection())
                        .andExpect(flash().attributeExists("flashSuccess")),
                platformAdmin,
                "creator_suspended");
    }

    @Test
    void aClientStopsWhenItsCreatorDeletesTheirAccount() throws Exception {
        World world = world();
        creatorLosesAdminRights(
                world,
                () -> mvc.perform(post("/compte/suppression")
                                .with(signedIn(world.adminA))
                                .with(csrf())
                                .param("confirm", "true"))
                        .andExpect(status().is3xxRedirection())
                        .andExpect(redirectedUrl("/?accountDeleted")),
                world.adminA,
                "creator_deleted");
    }

    @Test
    void aTokenIsRefusedWhenItsCreatorIsNoLongerAnAdminEvenIfTheClientWasNotRevoked() throws Exception {
        World world = world();
        ApiClientRegistrations.Registered client = register(world, ApiScope.CATALOGUE_READ);
        String token = token(client);
        // Defence in depth: the membership vanishes without the event that revokes the client.
        jdbc.sql("update membership set role = 'MEMBER' where organisation_id = :o and person_id = :p")
                .param("o", world.orgA)
                .param("p", world.adminA)
                .update();

        mvc.perform(get("/api/organisations/" + world.orgA).header("Authorization", "Bearer " + token))
                .andExpect(status().isUnauthorized());
        tokenRequest(client)
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error").value("invalid_client"));
        assertThat(revokedAt(client.client().clientId())).isNull();
    }

    @Test
    void onlyTheOrganisationsAdminsRegisterClientsAndThePageNamesTheirCreator() throws Exception {
        World world = world();
        register(world, ApiScope.CATALOGUE_READ);
        long platformAdmin = person("platform-admin-" + UUID.randomUUID());
        jdbc.sql("insert into person_role (person_id, role) values (:p, 'ADMIN')")
                .param("p", platformAdmin)
                .update();

        // A platform admin who is not an admin of A would create a client nobody in A answers for.
        mvc.perform(post("/organisations/" + world.slugA + "/api")
                        .with(signedIn(platformAdmin, PlatformRole.ADMIN))
                        .with(csrf())
                        .param("name", "Support")
                        .param("scopes", "catalogue:write"))
                .andExpect(status().isForbidden());
        assertThat(clientCount(world.orgA)).isEqualTo(1);

        Document page =
                html(mvc.perform(get("/organisations/" + world.slugA + "/api").with(signedIn(world.secondAdminA)))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(page.select("#api-clients .client-creator").eachText())
                .containsExactly(jdbc.sql("select name from person where id = :id")
                        .param("id", world.adminA)
                        .query(String.class)
                        .single());
    }

    /** A cause that takes the creator's admin rights on A away. */
    @FunctionalInterface
    private interface Cause {
        void happen() throws Exception;
    }

    /**
     * adminA registers a client and gets a token; after the cause, the token is refused at its next request, the
     * client gets no new token, and A's journal says why, as done by the actor.
     */
    private void creatorLosesAdminRights(World world, Cause cause, long actor, String reason) throws Exception {
        ApiClientRegistrations.Registered client = register(world, ApiScope.CATALOGUE_READ, ApiScope.CATALOGUE_WRITE);
        String clientOfB = registrations
                .register(user(world.adminB), world.orgB, "ERP B", List.of(ApiScope.CATALOGUE_READ))
                .client()
                .clientId();
        String token = token(client);
        mvc.perform(get("/api/organisations/" + world.orgA).header("Authorization", "Bearer " + token))
                .andExpect(status().isOk());

        cause.happen();

        mvc.perform(get("/api/organisations/" + world.orgA).header("Authorization", "Bearer " + token))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(patch("/api/organisations/" + world.orgA)
                        .header("Authorization", "Bearer " + token)
                        .header("If-Match", "\"0\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Hijacked\"}"))
                .andExpect(status().isUnauthorized());
        tokenRequest(client)
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error").value("invalid_client"));
        assertThat(revokedAt(client.client().clientId())).isNotNull();
        Map<String, Object> entry = jdbc.sql("""
                        select actor_person_id, target_id, after_state ->> 'reason' as reason,
                               (after_state ->> 'createdBy')::bigint as created_by
                          from audit_entry where organisation_id = :o and action = 'api_client.revoked'
                        """).param("o", world.orgA).query().singleRow();
        assertThat(entry)
                .containsEntry("actor_person_id", actor)
                .containsEntry("target_id", client.client().clientId())
                .containsEntry("reason", reason)
                .containsEntry("created_by", world.adminA);
        // Another organisation's client is untouched.
        assertThat(revokedAt(clientOfB)).isNull();
    }

    private org.springframework.test.web.servlet.ResultActions tokenRequest(ApiClientRegistrations.Registered client)
            throws Exception {
        return mvc.perform(post("/api/oauth/token")
                .with(httpBasic(client.client().clientId(), client.secret()))
                .param("grant_type", "client_credentials"));
    }

    // --- Rate limits -----------------------------------------------------------------------------------------------

    @Test
    void theEleventhLoginRequestFromOneIpGets429EvenWithASpoofedForwardedFor() throws Exception {
        String ip = "10.1.1." + (int) (Math.random() * 250);
        for (int i = 0; i < 10; i++) {
            int status = mvc.perform(get("/oauth2/authorization/guichet")
                            .with(from(ip))
                            .header("X-Forwarded-For", "192.0.2." + i))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            assertThat(status).as("request %d", i + 1).isNotEqualTo(429);
        }
        mvc.perform(get("/oauth2/authorization/guichet").with(from(ip)).header("X-Forwarded-For", "192.0.2.99"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", org.hamcrest.Matchers.matchesRegex("[1-9][0-9]*")));
        mvc.perform(get("/oauth2/authorization/guichet").with(from("10.2.2.2")))
                .andExpect(status().is(org.hamcrest.Matchers.not(429)));
    }

    @Test
    void browsersGetTheDsfrPageFor429() throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<String> last = null;
        for (int i = 0; i < 11; i++) {
            last = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login/oauth2/code/guichet"))
                            .header("Accept", "text/html")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(v).matches("\\d+"));
        Document page = Jsoup.parse(last.body());
        assertThat(page.selectFirst("h1").text()).isEqualTo("Trop de demandes");
        assertThat(page.select("header.fr-header")).hasSize(1);
    }

    @Test
    void theApiAndTheTokenEndpointAnswer429AsProblemJson() throws Exception {
        // Anonymous API requests count per IP: 120 a minute by default (a few refill during the loop).
        Refusal api = firstRefusal(get("/api/oauth/jwks"), "10.3.3." + (int) (Math.random() * 250), 200);
        assertThat(api.number()).isBetween(121, 140);
        // The token endpoint per IP: 100 a minute in this test (20 by default).
        Refusal token = firstRefusal(
                post("/api/oauth/token").param("grant_type", "nope"), "10.4.4." + (int) (Math.random() * 250), 300);
        assertThat(token.number()).isBetween(101, 120);
        for (var response : List.of(api.response(), token.response())) {
            assertThat(response.getHeader("Retry-After")).matches("[1-9][0-9]*");
            assertThat(response.getContentType()).startsWith("application/problem+json");
            assertThat(json(response.getContentAsString()).path("status").asInt())
                    .isEqualTo(429);
        }
    }

    private record Refusal(int number, org.springframework.mock.web.MockHttpServletResponse response) {}

    /** The first request answered 429 (its number and response); fails when none is. */
    private Refusal firstRefusal(
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String ip, int max)
            throws Exception {
        for (int i = 1; i <= max; i++) {
            var response = mvc.perform(request.with(from(ip))).andReturn().getResponse();
            if (response.getStatus() == 429) {
                return new Refusal(i, response);
            }
        }
        throw new AssertionError("No 429 within " + max + " requests");
    }

    // --- Helpers -------------------------------------------------------------------------------------------------

    /** Organisation A (active, adminA and secondAdminA admins, memberA member) and B (pending, adminB admin). */
    private record World(
            long orgA,
            String slugA,
            long orgB,
            String slugB,
            long adminA,
            long memberA,
            long adminB,
            long secondAdminA) {}

    private World world() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        long adminA = person("admin-a-" + suffix);
        long memberA = person("member-a-" + suffix);
        long adminB = person("admin-b-" + suffix);
        long secondAdminA = person("second-admin-a-" + suffix);
        long orgA = organisation("org-a-" + suffix, "Organisation A", "ACTIVE");
        long orgB = organisation("org-b-" + suffix, "Organisation B", "PENDING");
        member(orgA, adminA, "ADMIN");
        member(orgA, memberA, "MEMBER");
        member(orgA, secondAdminA, "ADMIN");
        member(orgB, adminB, "ADMIN");
        return new World(orgA, "org-a-" + suffix, orgB, "org-b-" + suffix, adminA, memberA, adminB, secondAdminA);
    }

    private long person(String subject) {
        return jdbc.sql("""
                        insert into person (issuer, subject, name, first_login_at, last_login_at)
                        values ('http://localhost:1/issuer', :subject, :subject, current_timestamp, current_timestamp)
                        returning id
                        """).param("subject", subject).query(Long.class).single();
    }

    private long organisation(String slug, String name, String status) {
        return jdbc.sql("""
                        insert into organisation (slug, name, kind, description, status)
                        values (:slug, :name, 'MANUFACTURER', :description, :status) returning id
                        """)
                .param("slug", slug)
                .param("name", name)
                .param("description", "About " + name.substring(name.length() - 1))
                .param("status", status)
                .query(Long.class)
                .single();
    }

    private void member(long organisation, long person, String role) {
        jdbc.sql("insert into membership (organisation_id, person_id, role) values (:o, :p, :r)")
                .param("o", organisation)
                .param("p", person)
                .param("r", role)
                .update();
    }

    private ApiClientRegistrations.Registered register(World world, ApiScope... scopes) {
        return registrations.register(user(world.adminA), world.orgA, "ERP", List.of(scopes));
    }

    private String token(ApiClientRegistrations.Registered client) throws Exception {
        return json(mvc.perform(post("/api/oauth/token")
                                .with(httpBasic(client.client().clientId(), client.secret()))
                                .param("grant_type", "client_credentials"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .path("access_token")
                .asString();
    }

    private String jwtClientId(String token) {
        return decoder.decode(token).getClaimAsString("client_id");
    }

    private static JwtClaimsSet.Builder claims(String clientId, long organisation, Instant issuedAt) {
        return JwtClaimsSet.builder()
                .issuer("https://portal.test")
                .subject(clientId)
                .audience(List.of("guichet-api"))
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plusSeconds(600))
                .id(UUID.randomUUID().toString())
                .claim("client_id", clientId)
                .claim("org", organisation)
                .claim("scope", "catalogue:read");
    }

    private static String sign(JwtEncoder encoder, JwtClaimsSet.Builder claims) {
        JwsHeader header =
                JwsHeader.with(SignatureAlgorithm.RS256).type("at+jwt").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }

    private static PortalUser user(long personId) {
        OidcIdToken idToken = OidcIdToken.withTokenValue("id-token")
                .issuer("http://localhost:1/issuer")
                .subject("person-" + personId)
                .claim("name", "Person " + personId)
                .build();
        return new PortalUser(
                new DefaultOidcUser(List.of(), idToken), personId, "Person " + personId, Set.of(PlatformRole.SPONSOR));
    }

    private static RequestPostProcessor signedIn(long personId) {
        return oidcLogin().oidcUser(user(personId));
    }

    private static RequestPostProcessor signedIn(long personId, PlatformRole role) {
        OidcIdToken idToken = OidcIdToken.withTokenValue("id-token")
                .issuer("http://localhost:1/issuer")
                .subject("person-" + personId)
                .build();
        return oidcLogin()
                .oidcUser(new PortalUser(
                        new DefaultOidcUser(List.of(), idToken), personId, "Person " + personId, Set.of(role)));
    }

    private static RequestPostProcessor from(String ip) {
        return request -> {
            request.setRemoteAddr(ip);
            return request;
        };
    }

    private long clientCount(long organisation) {
        return jdbc.sql("select count(*) from api_client where organisation_id = :o")
                .param("o", organisation)
                .query(Long.class)
                .single();
    }

    private java.sql.Timestamp revokedAt(String clientId) {
        return jdbc.sql("select revoked_at from api_client where client_id = :id")
                .param("id", clientId)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getTimestamp(1)))
                .single()
                .orElse(null);
    }

    private String auditText(long organisation) {
        return String.join(
                "\n", jdbc.sql("""
                                select action || ' ' || coalesce(before_state::text, '') || ' '
                                       || coalesce(after_state::text, '')
                                  from audit_entry where organisation_id = :o order by id
                                """).param("o", organisation).query(String.class).list());
    }

    private static Document html(String body) {
        return Jsoup.parse(body);
    }

    private static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
