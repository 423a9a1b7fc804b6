package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.Stack;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
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

    private static final JsonMapper JSON = OutsideVerifier.JSON;

    @Test
    void anOutsideVerifierChecksTheBadgeAndSeesItsRevocation(Stack stack) throws Exception {
        signIn(stack, "trainee");
        String id = StackCertificates.ofTheTrainee(stack);

        OutsideVerifier verifier = new OutsideVerifier(stack);
        JsonNode document = JSON.readTree(verifier.get(stack.portalUrl() + "/badges/" + id, "application/json"));
        String jwt = document.get("jwt").asString();

        JwtClaims claims = verifier.verify(jwt);
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
        assertThat(JSON.readTree(verifier.get(issuerId, "application/json"))
                        .get("id")
                        .asString())
                .isEqualTo(issuerId);

        // Any field changed, the signature no longer holds.
        String[] parts = jwt.split("\\.");
        ObjectNode original = (ObjectNode) payload;
        for (String field :
                List.of("id", "issuer", "validFrom", "validUntil", "credentialSubject", "credentialStatus")) {
            ObjectNode altered = original.deepCopy();
            altered.put(field, "altered");
            String forged = parts[0] + "." + base64(JSON.writeValueAsString(altered)) + "." + parts[2];
            assertThatThrownBy(() -> verifier.verify(forged)).as(field).isInstanceOf(InvalidJwtException.class);
        }
        ObjectNode renamed = original.deepCopy();
        ((ObjectNode) renamed.get("credentialSubject")).put("name", "Léa Dupont");
        assertThatThrownBy(() ->
                        verifier.verify(parts[0] + "." + base64(JSON.writeValueAsString(renamed)) + "." + parts[2]))
                .isInstanceOf(InvalidJwtException.class);
        ObjectNode reindexed = original.deepCopy();
        JsonNode entry = original.get("credentialStatus");
        ((ObjectNode) reindexed.get("credentialStatus"))
                .put(
                        "statusListIndex",
                        Integer.toString(
                                Integer.parseInt(entry.get("statusListIndex").asString()) + 1));
        assertThatThrownBy(() ->
                        verifier.verify(parts[0] + "." + base64(JSON.writeValueAsString(reindexed)) + "." + parts[2]))
                .isInstanceOf(InvalidJwtException.class);
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        assertThatThrownBy(() ->
                        verifier.verify(base64(header.replace("vc+jwt", "vc+jwx")) + "." + parts[1] + "." + parts[2]))
                .isInstanceOf(InvalidJwtException.class);
        char last = parts[2].charAt(10);
        String badSignature = parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A') + parts[2].substring(11);
        assertThatThrownBy(() -> verifier.verify(parts[0] + "." + parts[1] + "." + badSignature))
                .isInstanceOf(InvalidJwtException.class);

        // Revocation, through the status list the credential names.
        assertThat(verifier.revoked(payload)).isFalse();

        PortalSession admin = signIn(stack, "admin");
        admin.postForm("/admin/formation/certificats/" + id + "/revocation", Map.of("raison", "Essai de révocation"));

        assertThat(verifier.revoked(payload)).isTrue();
        // The credential itself still verifies: revocation is the status list's to say.
        assertThat(verifier.verify(verifier.get(stack.portalUrl() + "/badges/" + id, "application/vc+jwt")))
                .isNotNull();
    }

    static PortalSession signIn(Stack stack, String username) throws Exception {
        DemoAccount account = stack.accounts().stream()
                .filter(a -> a.username().equals(username))
                .findFirst()
                .orElseThrow();
        return PortalSession.signIn(stack.portalUrl(), account.username(), account.password());
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
