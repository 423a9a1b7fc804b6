package fr.guichetbio.training.credential;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import fr.guichetbio.training.CertificateRevoked;
import fr.guichetbio.training.certification.Certificate;
import fr.guichetbio.training.certification.Certificates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open Badges 3.0 credentials of certificates, secured as VC-JWTs the way VC-JOSE-COSE (VC Data Model 2.0) does it:
 * the JWS payload is the credential itself (no {@code vc} wrapper), header {@code alg: ES256}, {@code kid} (a key of
 * {@code /badges/jwks.json}), {@code typ: vc+jwt}, {@code cty: vc}. Also the issuer profile and the revocation status
 * list (a BitstringStatusListCredential, signed the same way).
 *
 * <p>Signing is the costly part, so what is signed is kept: a credential per certificate state (the certificate's
 * record is the key, so a changed name or deadline signs anew) in a bounded map, and the status list until a
 * revocation on this instance (the event) or for at most {@link #STATUS_LIST_MAX_AGE} (revocations on other replicas,
 * and account deletions, which revoke without an event).
 */
@Service
public class OpenBadges {

    public static final String ISSUER_PATH = "/badges/issuer";
    public static final String KEYS_PATH = "/badges/jwks.json";
    public static final String STATUS_LIST_PATH = "/badges/statut/1";
    public static final String CREDENTIAL_PATH = "/badges/";
    /** The media type of a VC-JWT (VC-JOSE-COSE). */
    public static final String VC_JWT = "application/vc+jwt";

    static final String VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
    static final String OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
    static final Duration STATUS_LIST_MAX_AGE = Duration.ofSeconds(60);
    private static final int CACHED_CREDENTIALS = 10_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Certificates certificates;
    private final BadgeKeys keys;
    private final String baseUrl;
    private final Clock clock;
    private final Map<Certificate, SignedCredential> signed = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Certificate, SignedCredential> eldest) {
            return size() > CACHED_CREDENTIALS;
        }
    };
    private volatile SignedStatusList statusList;

    @Autowired
    OpenBadges(
            Certificates certificates,
            @Value("${guichet.badges.signing-keys:}") String signingKeys,
            @Value("${guichet.public-base-url:http://localhost:8080}") String baseUrl) {
        this(certificates, BadgeKeys.from(signingKeys), baseUrl, Clock.systemUTC());
    }

    OpenBadges(Certificates certificates, BadgeKeys keys, String baseUrl, Clock clock) {
        this.certificates = certificates;
        this.keys = keys;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.clock = clock;
    }

    /** The credential of this certificate as a signed VC-JWT; empty for an unknown identifier. */
    public Optional<String> credential(String certificateId) {
        return certificates
                .find(certificateId)
                .map(certificate -> signed(certificate).jwt());
    }

    /**
     * The credential as the JSON document {@code /badges/{id}} serves: {@code id}, {@code mediaType}
     * ({@value #VC_JWT}), {@code jwt} (the VC-JWT: what verifiers check) and {@code credential} (what it signs, to
     * read); empty for an unknown identifier.
     */
    public Optional<String> credentialDocument(String certificateId) {
        return certificates
                .find(certificateId)
                .map(certificate -> signed(certificate).document());
    }

    private SignedCredential signed(Certificate certificate) {
        synchronized (signed) {
            SignedCredential kept = signed.get(certificate);
            if (kept != null) {
                return kept;
            }
        }
        Map<String, Object> credential = credentialOf(certificate);
        String jwt = sign(credential);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", credential.get("id"));
        document.put("mediaType", VC_JWT);
        document.put("jwt", jwt);
        document.put("credential", credential);
        SignedCredential made = new SignedCredential(jwt, JSON.writeValueAsString(document));
        synchronized (signed) {
            signed.put(certificate, made);
        }
        return made;
    }

    /** The status list credential as a signed VC-JWT. */
    public String statusList() {
        SignedStatusList current = statusList;
        Instant now = clock.instant();
        if (current == null || !now.isBefore(current.signedAt().plus(STATUS_LIST_MAX_AGE))) {
            current = new SignedStatusList(sign(statusListOf(certificates.revokedStatusIndexes(), now)), now);
            statusList = current;
        }
        return current.jwt();
    }

    /** A revocation on this instance shows in the status list at once (after its transaction commits). */
    @TransactionalEventListener(fallbackExecution = true)
    void on(CertificateRevoked revoked) {
        statusList = null;
    }

    /** The issuer's Open Badges Profile, as JSON. */
    public String issuerProfile() {
        return JSON.writeValueAsString(issuer());
    }

    /** The public keys (JWK set), as JSON. */
    public String publicKeys() {
        return keys.publicJwkSet();
    }

    private Map<String, Object> issuer() {
        Map<String, Object> issuer = new LinkedHashMap<>();
        issuer.put("@context", List.of(VC_CONTEXT, OB_CONTEXT));
        issuer.put("id", baseUrl + ISSUER_PATH);
        issuer.put("type", List.of("Profile"));
        issuer.put("name", "Guichet Bioproduction");
        issuer.put("url", baseUrl + "/");
        issuer.put("description", "Portail public de la bioproduction : certificats de formation");
        return issuer;
    }

    /** The unsigned OpenBadgeCredential of a certificate. */
    Map<String, Object> credentialOf(Certificate certificate) {
        Map<String, Object> issuer = new LinkedHashMap<>();
        issuer.put("id", baseUrl + ISSUER_PATH);
        issuer.put("type", List.of("Profile"));
        issuer.put("name", "Guichet Bioproduction");
        issuer.put("url", baseUrl + "/");

        String coursePage = baseUrl + "/formation/cours/" + certificate.courseCode();
        Map<String, Object> achievement = new LinkedHashMap<>();
        achievement.put("id", coursePage + "#version-" + certificate.version());
        achievement.put("type", List.of("Achievement"));
        achievement.put("achievementType", "Certificate");
        achievement.put("name", certificate.courseTitle());
        achievement.put("version", certificate.version());
        achievement.put("inLanguage", certificate.courseLanguage());
        achievement.put("humanCode", certificate.courseCode());
        achievement.put(
                "criteria",
                Map.of(
                        "id",
                        coursePage,
                        "narrative",
                        "Avoir ouvert chaque leçon de la version " + certificate.version() + " du cours « "
                                + certificate.courseTitle() + " » et réussi son évaluation."));

        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("type", List.of("AchievementSubject"));
        subject.put("name", certificate.holderName());
        subject.put("achievement", achievement);

        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", baseUrl + STATUS_LIST_PATH + "#" + certificate.statusIndex());
        status.put("type", "BitstringStatusListEntry");
        status.put("statusPurpose", "revocation");
        status.put("statusListIndex", Integer.toString(certificate.statusIndex()));
        status.put("statusListCredential", baseUrl + STATUS_LIST_PATH);

        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("@context", List.of(VC_CONTEXT, OB_CONTEXT));
        credential.put("id", baseUrl + CREDENTIAL_PATH + certificate.id());
        credential.put("type", List.of("VerifiableCredential", "OpenBadgeCredential"));
        credential.put("issuer", issuer);
        credential.put("name", certificate.courseTitle());
        credential.put("validFrom", seconds(certificate.issuedAt()));
        credential.put("validUntil", seconds(certificate.expiresAt()));
        credential.put("credentialSubject", subject);
        credential.put("credentialStatus", status);
        return credential;
    }

    /** The unsigned BitstringStatusListCredential with these indexes revoked. */
    Map<String, Object> statusListOf(List<Integer> revoked, Instant now) {
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("id", baseUrl + STATUS_LIST_PATH + "#list");
        subject.put("type", "BitstringStatusList");
        subject.put("statusPurpose", "revocation");
        subject.put("encodedList", StatusListBits.encode(revoked));

        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("@context", List.of(VC_CONTEXT));
        credential.put("id", baseUrl + STATUS_LIST_PATH);
        credential.put("type", List.of("VerifiableCredential", "BitstringStatusListCredential"));
        credential.put("issuer", baseUrl + ISSUER_PATH);
        credential.put("validFrom", seconds(now));
        credential.put("credentialSubject", subject);
        return credential;
    }

    private String sign(Map<String, Object> credential) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(keys.keyId())
                .type(new JOSEObjectType("vc+jwt"))
                .contentType("vc")
                .build();
        JWSObject jws = new JWSObject(header, new Payload(JSON.writeValueAsString(credential)));
        try {
            jws.sign(keys.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a badge failed", e);
        }
        return jws.serialize();
    }

    private static String seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private record SignedCredential(String jwt, String document) {}

    private record SignedStatusList(String jwt, Instant signedAt) {}
}
