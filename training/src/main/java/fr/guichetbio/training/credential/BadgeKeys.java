package fr.guichetbio.training.credential;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.text.ParseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys badges are signed with: a JWK set of EC P-256 keys (ES256), each with a {@code kid}. The first key signs
 * and must hold its private part; the others are earlier keys, kept only so that credentials they signed still
 * verify. Only public parts are ever published.
 */
public final class BadgeKeys {

    private static final Logger log = LoggerFactory.getLogger(BadgeKeys.class);

    private final ECKey signingKey;
    private final JWKSet publicKeys;
    private final JWSSigner signer;

    private BadgeKeys(List<ECKey> keys) throws JOSEException {
        this.signingKey = keys.getFirst();
        this.publicKeys =
                new JWKSet(keys.stream().map(key -> (JWK) key.toPublicJWK()).toList());
        this.signer = new ECDSASigner(signingKey);
    }

    /**
     * Reads a JWK set ({@code {"keys": [...]}}); a blank text gives a key generated now (local runs and tests only:
     * production refuses to start without {@code guichet.badges.signing-keys}).
     *
     * @throws IllegalStateException naming what is wrong, never showing key material
     */
    public static BadgeKeys from(String jwkSet) {
        try {
            if (jwkSet == null || jwkSet.isBlank()) {
                log.warn("No badge signing keys configured (GUICHET_BADGES_SIGNING_KEYS): using a key generated at"
                        + " startup. Badges signed now will not verify after a restart.");
                return new BadgeKeys(List.of(generate("ephemeral-" + System.currentTimeMillis())));
            }
            List<JWK> parsed = JWKSet.parse(jwkSet).getKeys();
            if (parsed.isEmpty()) {
                throw new IllegalStateException("guichet.badges.signing-keys has no key");
            }
            List<ECKey> keys = parsed.stream().map(BadgeKeys::checked).toList();
            if (!keys.getFirst().isPrivate()) {
                throw new IllegalStateException(
                        "the first key of guichet.badges.signing-keys signs: it needs its" + " private part (d)");
            }
            return new BadgeKeys(keys);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("guichet.badges.signing-keys is not a JWK set of EC P-256 keys: "
                    + e.getClass().getSimpleName());
        }
    }

    /** A new P-256 key with this {@code kid}, for local key sets and tests. */
    public static ECKey generate(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(keyId)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey checked(JWK key) {
        if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
            throw new IllegalStateException("guichet.badges.signing-keys: every key must be EC P-256 (ES256)");
        }
        if (ec.getKeyID() == null || ec.getKeyID().isBlank()) {
            throw new IllegalStateException("guichet.badges.signing-keys: every key needs a kid");
        }
        return ec;
    }

    String keyId() {
        return signingKey.getKeyID();
    }

    JWSSigner signer() {
        return signer;
    }

    /** The public keys as a JWK set document, private parts left out. */
    public String publicJwkSet() {
        return publicKeys.toString(true);
    }

    @Override
    public String toString() {
        return "BadgeKeys[signing kid=" + keyId() + ", published="
                + publicKeys.getKeys().size() + "]";
    }
}
