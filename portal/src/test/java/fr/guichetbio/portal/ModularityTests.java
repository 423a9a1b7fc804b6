package fr.guichetbio.portal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;
import org.springframework.modulith.docs.Documenter;

/**
 * The portal's features are application modules: no cycles, no access to another module's internals, and no
 * dependency that the module's {@code package-info} does not declare ({@code allowedDependencies}).
 */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(PortalApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    /** The canary: the same verification refuses a module that uses one it did not declare. */
    @Test
    void anUndeclaredDependencyFailsTheVerification() {
        // The canary lives in test sources, which the default import leaves out.
        ApplicationModules canary = ApplicationModules.of("fr.guichetbio.canary.modulith", location -> true);

        assertThatThrownBy(canary::verify)
                .isInstanceOf(Violations.class)
                .hasMessageContaining("alpha")
                .hasMessageContaining("beta");
    }

    @Test
    void writesModuleDocumentation() {
        // Written under target/spring-modulith-docs: the module diagram (PlantUML/C4) and each module's canvas.
        new Documenter(modules).writeDocumentation();
    }
}
