package fr.guichetbio.portal.apiclient;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA key the portal signs API access tokens with (RS256): from {@code guichet.api.signing-key}, or generated at
 * startup when none is configured (tokens then die with the process, and replicas do not accept each other's).
 */
final class ApiSigningKey {

    private static final Logger log = LoggerFactory.getLogger(ApiSigningKey.class);

    private final RSAKey key;

    private ApiSigningKey(RSAKey key) {
        this.key = key;
    }

    static ApiSigningKey from(ApiProperties properties) {
        try {
            RSAKey key;
            if (properties.signingKey() == null || properties.signingKey().isBlank()) {
                log.warn("No API signing key configured (GUICHET_API_SIGNING_KEY): using a key generated at startup."
                        + " API tokens will not survive a restart, and several portal replicas need the same"
                        + " configured key.");
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                var pair = generator.generateKeyPair();
                key = build((RSAPublicKey) pair.getPublic(), (RSAPrivateCrtKey) pair.getPrivate(), null);
            } else {
                RSAPrivateCrtKey privateKey = parsePkcs8(properties.signingKey());
                RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
                key = build(publicKey, privateKey, blankToNull(properties.signingKeyId()));
            }
            return new ApiSigningKey(key);
        } catch (GeneralSecurityException | JOSEException | IllegalArgumentException e) {
            // Never include the key material in the message.
            throw new IllegalStateException(
                    "guichet.api.signing-key is not a valid RSA private key in PEM PKCS#8 (BEGIN PRIVATE KEY): "
                            + e.getClass().getSimpleName());
        }
    }

    private static RSAKey build(RSAPublicKey publicKey, RSAPrivateCrtKey privateKey, String keyId)
            throws JOSEException {
        RSAKey.Builder builder = new RSAKey.Builder(publicKey)
                .privateKey(privateKey)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256);
        if (keyId != null) {
            return builder.keyID(keyId).build();
        }
        return builder.keyIDFromThumbprint().build();
    }

    static RSAPrivateCrtKey parsePkcs8(String pem) throws GeneralSecurityException {
        String text = pem.strip();
        if (text.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException("PKCS#1 key: convert it with openssl pkcs8 -topk8 -nocrypt");
        }
        String base64 = text.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        if (KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der))
                instanceof RSAPrivateCrtKey crt) {
            return crt;
        }
        throw new IllegalArgumentException("not an RSA CRT private key");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    RSAKey rsaKey() {
        return key;
    }

    RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String keyId() {
        return key.getKeyID();
    }

    /** The public JWK set, as published at {@code /api/oauth/jwks}. */
    Map<String, Object> publicJwkSet() {
        return new JWKSet(key).toPublicJWKSet().toJSONObject();
    }
}
