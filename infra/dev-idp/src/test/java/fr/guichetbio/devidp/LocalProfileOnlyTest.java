package fr.guichetbio.devidp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/** The development identity provider refuses to start outside the profile 'local' that the run command sets. */
class LocalProfileOnlyTest {

    @Test
    void withoutTheLocalProfileItRefusesToStart() {
        assertThatThrownBy(() -> SpringApplication.run(
                                DevIdentityProviderApplication.class,
                                "--server.port=0",
                                "--devidp.accounts.sponsor.password=pw",
                                "--devidp.accounts.sponsor.name=Sophie Sponsor",
                                "--devidp.accounts.sponsor.email=sponsor@example.test",
                                "--devidp.portal-client.client-secret=secret",
                                "--devidp.portal-client.base-url=http://localhost:18080")
                        .close())
                .hasStackTraceContaining("runs only under the profile 'local'");
    }
}
