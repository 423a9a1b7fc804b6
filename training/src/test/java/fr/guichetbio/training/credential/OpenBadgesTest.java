package fr.guichetbio.training.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import fr.guichetbio.training.CertificateRevoked;
import fr.guichetbio.training.certification.Certificate;
import fr.guichetbio.training.certification.Certificates;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The credential's content, its signature and key rotation, the status list's bits and when it is signed again. */
class OpenBadgesTest {

    private static final Instant ISSUED = Instant.parse("2026-03-01T10:15:30.123Z");
    private static final Certificate CERTIFICATE = new Certificate(
            "abcdefghijklmnopqrstuvwxyz",
            7,
            "Camille Martin",
            "bpf-fondamentaux",
            "Fondamentaux des BPF",
            "fr",
            3,
            1,
            2,
            90,
            false,
            ISSUED,
            Instant.parse("2028-03-01T10:15:30Z"),
            42,
            null,
            null,
            null,
            null);

    private final Certificates certificates = mock(Certificates.class);
    private final ECKey oldKey = BadgeKeys.generate("2025");
    private final ECKey newKey = BadgeKeys.generate("2026");

    private OpenBadges badges(ECKey... keys) {
        return new OpenBadges(
                certificates,
                BadgeKeys.from(new JWKSet(List.of(keys)).toString(false)),
                "https://guichet.example/",
                Clock.fixed(ISSUED, ZoneOffset.UTC));
    }

    @Test
    void theCredentialIsAnOpenBadgeWithAStatusEntry() throws Exception {
        when(certificates.find(CERTIFICATE.id())).thenReturn(Optional.of(CERTIFICATE));
        JWSObject jws =
                JWSObject.parse(badges(newKey).credential(CERTIFICATE.id()).orElseThrow());

        assertThat(jws.getHeader().getKeyID()).isEqualTo("2026");
        assertThat(jws.getHeader().getType().getType()).isEqualTo("vc+jwt");
        assertThat(jws.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        Map<String, Object> vc = jws.getPayload().toJSONObject();
        assertThat(vc.get("@context")).isEqualTo(List.of(OpenBadges.VC_CONTEXT, OpenBadges.OB_CONTEXT));
        assertThat(vc.get("type")).isEqualTo(List.of("VerifiableCredential", "OpenBadgeCredential"));
        assertThat(vc.get("id")).isEqualTo("https://guichet.example/badges/abcdefghijklmnopqrstuvwxyz");
        assertThat(((Map<?, ?>) vc.get("issuer")).get("id")).isEqualTo("https://guichet.example/badges/issuer");
        assertThat(vc.get("validFrom")).isEqualTo("2026-03-01T10:15:30Z");
        assertThat(vc.get("validUntil")).isEqualTo("2028-03-01T10:15:30Z");
        Map<?, ?> subject = (Map<?, ?>) vc.get("credentialSubject");
        assertThat(subject.get("name")).isEqualTo("Camille Martin");
        Map<?, ?> achievement = (Map<?, ?>) subject.get("achievement");
        assertThat(achievement.get("name")).isEqualTo("Fondamentaux des BPF");
        assertThat(achievement.get("version")).isEqualTo("1.2");
        assertThat(((Map<?, ?>) achievement.get("criteria")).get("id"))
                .isEqualTo("https://guichet.example/formation/cours/bpf-fondamentaux");
        assertThat((String) ((Map<?, ?>) achievement.get("criteria")).get("narrative"))
                .contains("Fondamentaux des BPF");
        Map<?, ?> status = (Map<?, ?>) vc.get("credentialStatus");
        assertThat(status.get("type")).isEqualTo("BitstringStatusListEntry");
        assertThat(status.get("statusPurpose")).isEqualTo("revocation");
        assertThat(status.get("statusListIndex")).isEqualTo("42");
        assertThat(status.get("statusListCredential")).isEqualTo("https://guichet.example/badges/statut/1");
    }

    @Test
    void unknownCertificatesHaveNoCredential() {
        when(certificates.find("nope")).thenReturn(Optional.empty());
        assertThat(badges(newKey).credential("nope")).isEmpty();
    }

    @Test
    void aCredentialSignedWithAnOldKeyStillVerifiesAfterRotation() throws Exception {
        when(certificates.find(CERTIFICATE.id())).thenReturn(Optional.of(CERTIFICATE));
        String beforeRotation = badges(oldKey).credential(CERTIFICATE.id()).orElseThrow();
        // Rotation: the new key signs, the old one is kept (public part only is enough) to verify.
        OpenBadges rotated = badges(newKey, oldKey.toPublicJWK());
        JWKSet published = JWKSet.parse(rotated.publicKeys());

        assertThat(published.getKeys()).extracting(key -> key.getKeyID()).containsExactly("2026", "2025");
        assertThat(published.getKeys()).noneMatch(key -> key.isPrivate());
        assertThat(verifies(beforeRotation, published)).isTrue();
        assertThat(verifies(rotated.credential(CERTIFICATE.id()).orElseThrow(), published))
                .isTrue();
    }

    @Test
    void anAlteredCredentialDoesNotVerify() throws Exception {
        when(certificates.find(CERTIFICATE.id())).thenReturn(Optional.of(CERTIFICATE));
        OpenBadges badges = badges(newKey);
        String[] parts = badges.credential(CERTIFICATE.id()).orElseThrow().split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
        String altered = parts[0] + "."
                + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(payload.replace("Camille", "Camilla").getBytes())
                + "." + parts[2];
        assertThat(verifies(altered, JWKSet.parse(badges.publicKeys()))).isFalse();
    }

    @Test
    void signedCredentialsAreKeptPerCertificateState() {
        when(certificates.find(CERTIFICATE.id())).thenReturn(Optional.of(CERTIFICATE));
        OpenBadges badges = badges(newKey);
        String first = badges.credential(CERTIFICATE.id()).orElseThrow();
        assertThat(badges.credential(CERTIFICATE.id())).contains(first);

        Certificate renamed = new Certificate(
                CERTIFICATE.id(),
                7,
                "",
                "bpf-fondamentaux",
                "Fondamentaux des BPF",
                "fr",
                3,
                1,
                2,
                90,
                false,
                ISSUED,
                CERTIFICATE.validUntil(),
                42,
                ISSUED,
                "account deleted",
                null,
                null);
        when(certificates.find(CERTIFICATE.id())).thenReturn(Optional.of(renamed));
        assertThat(badges.credential(CERTIFICATE.id())).isNotEqualTo(Optional.of(first));
    }

    @Test
    void theStatusListSetsTheRevokedBitsAndIsSignedAgainAfterARevocation() throws Exception {
        when(certificates.revokedStatusIndexes()).thenReturn(List.of(0, 42, 131_071));
        OpenBadges badges = badges(newKey);
        String list = badges.statusList();
        assertThat(badges.statusList()).isSameAs(list);
        verify(certificates, times(1)).revokedStatusIndexes();

        assertThat(verifies(list, JWKSet.parse(badges.publicKeys()))).isTrue();
        Map<String, Object> vc = JWSObject.parse(list).getPayload().toJSONObject();
        assertThat(vc.get("type")).isEqualTo(List.of("VerifiableCredential", "BitstringStatusListCredential"));
        Map<?, ?> subject = (Map<?, ?>) vc.get("credentialSubject");
        assertThat(subject.get("statusPurpose")).isEqualTo("revocation");
        byte[] bits = StatusListBits.decode((String) subject.get("encodedList"));
        assertThat(bits).hasSize(StatusListBits.MINIMUM_BITS / 8);
        assertThat(StatusListBits.isSet(bits, 0)).isTrue();
        assertThat(StatusListBits.isSet(bits, 1)).isFalse();
        assertThat(StatusListBits.isSet(bits, 41)).isFalse();
        assertThat(StatusListBits.isSet(bits, 42)).isTrue();
        assertThat(StatusListBits.isSet(bits, 43)).isFalse();
        assertThat(StatusListBits.isSet(bits, 131_071)).isTrue();

        when(certificates.revokedStatusIndexes()).thenReturn(List.of(0, 7, 42, 131_071));
        badges.on(new CertificateRevoked("x", 7, "c", "why", 1, ISSUED, "Cours"));
        Map<String, Object> after =
                JWSObject.parse(badges.statusList()).getPayload().toJSONObject();
        byte[] afterBits =
                StatusListBits.decode((String) ((Map<?, ?>) after.get("credentialSubject")).get("encodedList"));
        assertThat(StatusListBits.isSet(afterBits, 7)).isTrue();
    }

    @Test
    void theBitstringGrowsByTheMinimumWhenAnIndexNeedsIt() {
        byte[] bits = StatusListBits.decode(StatusListBits.encode(List.of(131_072)));
        assertThat(bits).hasSize(2 * StatusListBits.MINIMUM_BITS / 8);
        assertThat(StatusListBits.isSet(bits, 131_072)).isTrue();
        assertThat(StatusListBits.isSet(bits, 131_071)).isFalse();
        assertThat(StatusListBits.encode(List.of())).startsWith("uH4sI");
    }

    @Test
    void keysFromConfigurationAreCheckedWithoutShowingThem() {
        assertThatThrownBy(() -> BadgeKeys.from("{\"keys\":[]}")).hasMessageContaining("no key");
        assertThatThrownBy(() -> BadgeKeys.from(new JWKSet(newKey.toPublicJWK()).toString()))
                .hasMessageContaining("private part");
        assertThatThrownBy(() -> BadgeKeys.from("not json"))
                .hasMessageContaining("not a JWK set")
                .hasMessageNotContaining("not json");
        assertThat(BadgeKeys.from(" ").publicJwkSet()).doesNotContain("\"d\"");
    }

    private static boolean verifies(String jwt, JWKSet keys) throws Exception {
        JWSObject jws = JWSObject.parse(jwt);
        ECKey key = (ECKey) keys.getKeyByKeyId(jws.getHeader().getKeyID());
        return key != null && jws.verify(new ECDSAVerifier(key.toECPublicKey()));
    }
}
