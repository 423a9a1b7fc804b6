package fr.guichetbio.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevSecretsTest {

    @TempDir
    Path dir;

    @Test
    void generatesOneAccountPerRoleWithDistinctRandomPasswords() throws Exception {
        DevSecrets secrets = DevSecrets.loadOrCreate(dir.resolve("secrets.properties"));

        assertThat(secrets.accounts())
                .extracting(DemoAccount::role)
                .containsExactly("SPONSOR", "CDMO_MEMBER", "TRAINEE", "INSTRUCTOR", "AGENCY_ANALYST", "ADMIN");
        assertThat(secrets.accounts())
                .extracting(DemoAccount::password)
                .doesNotHaveDuplicates()
                .allSatisfy(password -> assertThat(password).hasSize(14));
        assertThat(secrets.portalClientSecret()).hasSize(40);
        assertThat(secrets.apiSigningKey())
                .startsWith("-----BEGIN PRIVATE KEY-----\n")
                .endsWith("-----END PRIVATE KEY-----\n");
        // One EC P-256 private key (x, y and d of 32 bytes: 43 base64url characters each), as the portal reads it.
        assertThat(secrets.badgesSigningKeys())
                .startsWith("{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\"")
                .containsPattern("\"kid\":\"local-\\w{8}\"")
                .containsPattern("\"x\":\"[\\w-]{43}\",\"y\":\"[\\w-]{43}\",\"d\":\"[\\w-]{43}\"");
    }

    @Test
    void keepsTheSameSecretsBetweenRunsInAFileOnlyTheOwnerReads() throws Exception {
        Path file = dir.resolve("dev-idp/secrets.properties");
        DevSecrets first = DevSecrets.loadOrCreate(file);
        DevSecrets second = DevSecrets.loadOrCreate(file);

        assertThat(second.accounts()).isEqualTo(first.accounts());
        assertThat(second.portalClientSecret()).isEqualTo(first.portalClientSecret());
        assertThat(second.apiSigningKey()).isEqualTo(first.apiSigningKey());
        assertThat(second.badgesSigningKeys()).isEqualTo(first.badgesSigningKeys());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void aNewFileMeansNewSecrets() throws Exception {
        DevSecrets first = DevSecrets.loadOrCreate(dir.resolve("a.properties"));
        DevSecrets other = DevSecrets.loadOrCreate(dir.resolve("b.properties"));

        assertThat(other.portalClientSecret()).isNotEqualTo(first.portalClientSecret());
    }
}
