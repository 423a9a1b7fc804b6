package fr.guichetbio.portal;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The portal's features are application modules: no cycles, no access to another module's internals. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(PortalApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        // Written under target/spring-modulith-docs.
        new Documenter(modules).writeDocumentation();
    }
}
