package fr.guichetbio.infra.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Properties;

/**
 * The demo accounts and the portal's client secret for the development identity provider. Generated at random on the
 * first run and kept in the work folder (readable by the owner only), so they stay the same until {@code --reset}.
 * Nothing of this is committed or used outside local runs and tests.
 */
public final class DevSecrets {

    /** Username, role, display name: one account per portal role. */
    private static final List<String[]> ACCOUNTS = List.of(
            new String[] {"sponsor", "SPONSOR", "Sophie Marchand"},
            new String[] {"cdmo", "CDMO_MEMBER", "Karim Benali"},
            new String[] {"trainee", "TRAINEE", "Léa Dubois"},
            new String[] {"instructor", "INSTRUCTOR", "Marc Lefèvre"},
            new String[] {"analyst", "AGENCY_ANALYST", "Claire Fontaine"},
            new String[] {"admin", "ADMIN", "Alex Moreau"});

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String API_SIGNING_KEY = "api.signing-key";
    private static final String BADGES_SIGNING_KEYS = "badges.signing-keys";
    private static final String METRICS_TOKEN = "metrics.token";

    private final List<DemoAccount> accounts;
    private final String portalClientSecret;
    private final String apiSigningKey;
    private final String badgesSigningKeys;
    private final String metricsToken;

    private DevSecrets(
            List<DemoAccount> accounts,
            String portalClientSecret,
            String apiSigningKey,
            String badgesSigningKeys,
            String metricsToken) {
        this.metricsToken = metricsToken;
        this.accounts = accounts;
        this.portalClientSecret = portalClientSecret;
        this.apiSigningKey = apiSigningKey;
        this.badgesSigningKeys = badgesSigningKeys;
    }

    static DevSecrets loadOrCreate(Path file) throws IOException {
        Properties stored = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                stored.load(reader);
            }
        }
        boolean changed = false;
        for (String key : keys()) {
            if (!stored.containsKey(key)) {
                stored.setProperty(
                        key, random(key.equals("portal.client-secret") || key.equals(METRICS_TOKEN) ? 40 : 14));
                changed = true;
            }
        }
        if (!stored.containsKey(API_SIGNING_KEY)) {
            stored.setProperty(API_SIGNING_KEY, newRsaPrivateKeyPem());
            changed = true;
        }
        if (!stored.containsKey(BADGES_SIGNING_KEYS)) {
            stored.setProperty(BADGES_SIGNING_KEYS, newEcJwkSet());
            changed = true;
        }
        if (changed) {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(file)) {
                stored.store(writer, "Development identity provider: demo passwords and client secret (local only)");
            }
        }
        List<DemoAccount> accounts = ACCOUNTS.stream()
                .map(a -> new DemoAccount(
                        a[0], a[1], a[2], a[0] + "@demo.guichet-bio.example", stored.getProperty("password." + a[0])))
                .toList();
        return new DevSecrets(
                accounts,
                stored.getProperty("portal.client-secret"),
                stored.getProperty(API_SIGNING_KEY),
                stored.getProperty(BADGES_SIGNING_KEYS),
                stored.getProperty(METRICS_TOKEN));
    }

    private static List<String> keys() {
        List<String> keys = new java.util.ArrayList<>(
                ACCOUNTS.stream().map(a -> "password." + a[0]).toList());
        keys.add("portal.client-secret");
        keys.add(METRICS_TOKEN);
        return keys;
    }

    private static String random(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    public List<DemoAccount> accounts() {
        return accounts;
    }

    String portalClientSecret() {
        return portalClientSecret;
    }

    /** The key the portal signs API tokens with, kept so that tokens survive a portal restart (PEM, PKCS#8). */
    String apiSigningKey() {
        return apiSigningKey;
    }

    /** The bearer token of the portal's Prometheus endpoint ({@code /actuator/prometheus}), kept like the others. */
    public String metricsToken() {
        return metricsToken;
    }

    /** The keys the portal signs Open Badges with, kept so that badges verify across restarts (a JWK set). */
    String badgesSigningKeys() {
        return badgesSigningKeys;
    }

    /** A JWK set of one EC P-256 private key (ES256), written by hand: the launcher has no JOSE library. */
    private static String newEcJwkSet() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
            generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"), RANDOM);
            java.security.KeyPair pair = generator.generateKeyPair();
            var point = ((java.security.interfaces.ECPublicKey) pair.getPublic()).getW();
            var secret = ((java.security.interfaces.ECPrivateKey) pair.getPrivate()).getS();
            return "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"sig\",\"alg\":\"ES256\","
                    + "\"kid\":\"local-" + random(8) + "\",\"x\":\"" + coordinate(point.getAffineX())
                    + "\",\"y\":\"" + coordinate(point.getAffineY()) + "\",\"d\":\"" + coordinate(secret)
                    + "\"}]}";
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A P-256 integer as JWK wants it: 32 bytes big-endian, base64url without padding. */
    private static String coordinate(java.math.BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, fixed, 32 - length, length);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    private static String newRsaPrivateKeyPem() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                            .encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
