package fr.guichetbio.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ImportOption;
import fr.guichetbio.training.Learners;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;

/**
 * The training jar is one application module of the portal (through its {@code TrainingModuleSource}), that depends
 * on no portal module and whose internals the portal cannot use; the canaries show {@code verify()} catches both.
 */
class TrainingModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(PortalApplication.class);

    @Test
    void trainingIsOneModuleWhichOnlyThePortsAdapterAndTheDashboardsUse() {
        ApplicationModule training = modules.getModuleByName("training").orElseThrow();
        ApplicationModule learning = modules.getModuleByName("learning").orElseThrow();

        assertThat(training.getBasePackage().getName()).isEqualTo("fr.guichetbio.training");
        assertThat(modules.getModuleByType(Learners.class)).contains(training);
        // Its feature packages are its internals, not modules of their own.
        assertThat(modules.stream().map(ApplicationModule::getName))
                .doesNotContain("learner", "path", "course", "assessment", "enrolment", "certification");
        assertThat(training.getDependencies(modules).isEmpty()).isTrue();
        assertThat(learning.getDependencies(modules).containsModuleNamed("training"))
                .isTrue();
        // learning adapts the ports; dashboards only reads aggregates (SkillFigures, for the pages and the open data).
        assertThat(modules.stream()
                        .filter(module -> module.getDependencies(modules).containsModuleNamed("training"))
                        .map(ApplicationModule::getName))
                .containsExactlyInAnyOrder("learning", "dashboards");
    }

    @Test
    void canaryTrainingUsingAPortalModuleFailsTheCheck() {
        ApplicationModules withFixture =
                ApplicationModules.of(PortalApplication.class, mainClassesAnd("/fr/guichetbio/training/canary/"));

        assertThatThrownBy(withFixture::verify)
                .isInstanceOf(Violations.class)
                .hasMessageContaining("Module 'training' depends on module 'identity' via "
                        + "fr.guichetbio.training.canary.TrainingUsingThePortal -> "
                        + "fr.guichetbio.portal.identity.PortalUser");
    }

    @Test
    void canaryPortalUsingTrainingInternalsFailsTheCheck() {
        ApplicationModules withFixture = ApplicationModules.of(
                PortalApplication.class, mainClassesAnd("/fr/guichetbio/portal/learning/canary/"));

        assertThatThrownBy(withFixture::verify)
                .isInstanceOf(Violations.class)
                // "training" allows its API only: an internal type is a violation even for a declared dependency.
                .hasMessageContaining("Module 'learning' depends on module 'training' via "
                        + "fr.guichetbio.portal.learning.canary.PortalUsingTrainingInternals -> "
                        + "fr.guichetbio.training.learner.LearnerAccess");
    }

    /** The application's classes, as the real check imports them, plus the test fixtures under one folder. */
    private static ImportOption mainClassesAnd(String fixtureFolder) {
        ImportOption main = new ImportOption.DoNotIncludeTests();
        return location -> main.includes(location) || location.contains(fixtureFolder);
    }
}
