package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.Stack;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A verifier of the portal's Open Badges as an outsider would write it: over HTTP, with jose4j (not the library that
 * signs, not our code), against the keys the portal publishes at {@code /badges/jwks.json}, and revocation read from
 * the Bitstring Status List the credential names.
 */
final class OutsideVerifier {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JwtConsumer consumer;

    OutsideVerifier(Stack stack) throws Exception {
        // ES256 VC-JWTs over the published JWK set; the credential carries no JWT time claims.
        consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(
                        new JsonWebKeySet(get(stack.portalUrl() + "/badges/jwks.json", "application/json"))
                                .getJsonWebKeys()))
                .setJwsAlgorithmConstraints(
                        AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setExpectedType(true, "vc+jwt")
                .setSkipDefaultAudienceValidation()
                .build();
    }

    /** The credential's claims once its signature holds; {@code InvalidJwtException} otherwise. */
    JwtClaims verify(String jwt) throws Exception {
        return consumer.processToClaims(jwt);
    }

    /** Whether the status list named by the credential's {@code credentialStatus} has its bit set. */
    boolean revoked(JsonNode credential) throws Exception {
        JsonNode status = credential.get("credentialStatus");
        assertThat(status.get("type").asString()).isEqualTo("BitstringStatusListEntry");
        assertThat(status.get("statusPurpose").asString()).isEqualTo("revocation");
        int index = Integer.parseInt(status.get("statusListIndex").asString());
        JsonNode list =
                JSON.readTree(verify(get(status.get("statusListCredential").asString(), "application/vc+jwt"))
                        .toJson());
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

    String get(String url, String accept) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", accept)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }
}
