package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.Stack;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.awaitility.Awaitility;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 17's badge acceptance, checked as an outside verifier would: over HTTP, with jose4j (not the library that
 * signs, not our code), against the keys the portal publishes. The trainee's credential verifies; altering any field
 * of it (or its header, or its signature) breaks verification; once an administrator revokes the certificate, the
 * status list the credential names says so. The certificate is written into the database as training issues it
 * (completing the course is {@code TrainingIT}'s).
 */
@ExtendWith(RunningStack.class)
class BadgesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void anOutsideVerifierChecksTheBadgeAndSeesItsRevocation(Stack stack) throws Exception {
        signIn(stack, "trainee");
        String id = certificateOfTheTrainee(stack);

        JsonNode document = JSON.readTree(get(stack.portalUrl() + "/badges/" + id, "application/json"));
        String jwt = document.get("jwt").asString();
        JwtConsumer verifier = verifier(get(stack.portalUrl() + "/badges/jwks.json", "application/json"));

        JwtClaims claims = verifier.processToClaims(jwt);
        Map<String, Object> credential = claims.getClaimsMap();
        assertThat(credential.get("type")).isEqualTo(List.of("VerifiableCredential", "OpenBadgeCredential"));
        assertThat(credential.get("@context"))
                .isEqualTo(List.of(
                        "https://www.w3.org/ns/credentials/v2",
                        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"));
        JsonNode payload = JSON.readTree(claims.toJson());
        assertThat(payload.get("credentialSubject").get("name").asString()).isEqualTo("Léa Dubois");
        assertThat(payload.get("credentialSubject")
                        .get("achievement")
                        .get("name")
                        .asString())
                .isEqualTo("Fondamentaux des BPF et de l'annexe 1");
        String issuerId = payload.get("issuer").get("id").asString();
        assertThat(issuerId).isEqualTo(stack.portalUrl() + "/badges/issuer");
        assertThat(JSON.readTree(get(issuerId, "application/json")).get("id").asString())
                .isEqualTo(issuerId);

        // Any field changed, the signature no longer holds.
        String[] parts = jwt.split("\\.");
        ObjectNode original = (ObjectNode) payload;
        for (String field :
                List.of("id", "issuer", "validFrom", "validUntil", "credentialSubject", "credentialStatus")) {
            ObjectNode altered = original.deepCopy();
            altered.put(field, "altered");
            String forged = parts[0] + "." + base64(JSON.writeValueAsString(altered)) + "." + parts[2];
            assertThatThrownBy(() -> verifier.processToClaims(forged))
                    .as(field)
                    .isInstanceOf(InvalidJwtException.class);
        }
        ObjectNode renamed = original.deepCopy();
        ((ObjectNode) renamed.get("credentialSubject")).put("name", "Léa Dupont");
        assertThatThrownBy(() -> verifier.processToClaims(
                        parts[0] + "." + base64(JSON.writeValueAsString(renamed)) + "." + parts[2]))
                .isInstanceOf(InvalidJwtException.class);
        ObjectNode reindexed = original.deepCopy();
        JsonNode entry = original.get("credentialStatus");
        ((ObjectNode) reindexed.get("credentialStatus"))
                .put(
                        "statusListIndex",
                        Integer.toString(
                                Integer.parseInt(entry.get("statusListIndex").asString()) + 1));
        assertThatThrownBy(() -> verifier.processToClaims(
                        parts[0] + "." + base64(JSON.writeValueAsString(reindexed)) + "." + parts[2]))
                .isInstanceOf(InvalidJwtException.class);
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifier.processToClaims(
                        base64(header.replace("vc+jwt", "vc+jwx")) + "." + parts[1] + "." + parts[2]))
                .isInstanceOf(InvalidJwtException.class);
        char last = parts[2].charAt(10);
        String badSignature = parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A') + parts[2].substring(11);
        assertThatThrownBy(() -> verifier.processToClaims(parts[0] + "." + parts[1] + "." + badSignature))
                .isInstanceOf(InvalidJwtException.class);

        // Revocation, through the status list the credential names.
        JsonNode status = payload.get("credentialStatus");
        assertThat(status.get("type").asString()).isEqualTo("BitstringStatusListEntry");
        assertThat(status.get("statusPurpose").asString()).isEqualTo("revocation");
        int index = Integer.parseInt(status.get("statusListIndex").asString());
        String listUrl = status.get("statusListCredential").asString();
        assertThat(revoked(verifier, listUrl, index)).isFalse();

        PortalSession admin = signIn(stack, "admin");
        admin.postForm("/admin/formation/certificats/" + id + "/revocation", Map.of("raison", "Essai de révocation"));

        assertThat(revoked(verifier, listUrl, index)).isTrue();
        // The credential itself still verifies: revocation is the status list's to say.
        assertThat(verifier.processToClaims(get(stack.portalUrl() + "/badges/" + id, "application/vc+jwt")))
                .isNotNull();
    }

    private boolean revoked(JwtConsumer verifier, String listUrl, int index) throws Exception {
        JsonNode list = JSON.readTree(
                verifier.processToClaims(get(listUrl, "application/vc+jwt")).toJson());
        assertThat(list.get("type").get(1).asString()).isEqualTo("BitstringStatusListCredential");
        String encoded = list.get("credentialSubject").get("encodedList").asString();
        assertThat(encoded).startsWith("u"); // multibase base64url
        byte[] bits;
        try (GZIPInputStream gzip = new GZIPInputStream(
                new ByteArrayInputStream(Base64.getUrlDecoder().decode(encoded.substring(1))))) {
            bits = gzip.readAllBytes();
        }
        assertThat(bits.length * 8).isGreaterThanOrEqualTo(131_072);
        return (bits[index / 8] & (0x80 >>> (index % 8))) != 0;
    }

    /** A JWT consumer of ES256 VC-JWTs over the published JWK set; the credential carries no JWT time claims. */
    private static JwtConsumer verifier(String jwks) throws Exception {
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setJwsAlgorithmConstraints(
                        AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setExpectedType(true, "vc+jwt")
                .setSkipDefaultAudienceValidation()
                .build();
    }

    static PortalSession signIn(Stack stack, String username) throws Exception {
        DemoAccount account = stack.accounts().stream()
                .filter(a -> a.username().equals(username))
                .findFirst()
                .orElseThrow();
        return PortalSession.signIn(stack.portalUrl(), account.username(), account.password());
    }

    /** A certificate of the GMP course for the trainee, as training's issue writes it. */
    static String certificateOfTheTrainee(Stack stack) throws Exception {
        String id = newId();
        try (Connection connection = DriverManager.getConnection(
                stack.database().url(),
                stack.database().username(),
                stack.database().password())) {
            // The demo courses are published once the portal is up.
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        try (ResultSet rs = connection.createStatement().executeQuery("""
                        select count(*) from course_version v join course c on c.id = v.course_id
                         where c.code = 'bpf-fondamentaux' and v.status = 'PUBLISHED'
                        """)) {
                            return rs.next() && rs.getInt(1) > 0;
                        }
                    });
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into certificate (id, person_id, holder_name, course_id, course_version_id, score,
                                             issued_at, valid_until)
                    select ?, p.id, p.name, v.course_id, v.id, 90, now(), now() + interval '3 years'
                      from person p, course_version v join course c on c.id = v.course_id
                     where p.subject = 'trainee' and c.code = 'bpf-fondamentaux' and v.status = 'PUBLISHED'
                     order by v.major desc, v.minor desc limit 1
                    """)) {
                insert.setString(1, id);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
        }
        return id;
    }

    private String get(String url, String accept) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", accept)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String newId() {
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder(26);
        for (int i = 0; i < 26; i++) {
            id.append(BASE32[random.nextInt(32)]);
        }
        return id.toString();
    }
}
