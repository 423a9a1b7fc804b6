package fr.guichetbio.portal.learning;

import fr.guichetbio.portal.organisation.Organisations;
import fr.guichetbio.training.demo.TrainingDemo;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Local runs and tests only ({@code guichet.demo.accounts}, set by the launcher): publishes training's demo courses
 * and paths for the demo training provider ({@code demo-formation}, created by the organisation seeder before).
 */
@Component
@ConditionalOnProperty(name = "guichet.demo.accounts")
@ConditionalOnWebApplication
@Profile("local")
class DemoTrainingSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoTrainingSeeder.class);

    static final String DEMO_PROVIDER = "demo-formation";

    private final Organisations organisations;
    private final TrainingDemo demo;

    DemoTrainingSeeder(Organisations organisations, TrainingDemo demo) {
        this.organisations = organisations;
        this.demo = demo;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(4)
    void seed() {
        organisations
                .findBySlug(DEMO_PROVIDER)
                .ifPresentOrElse(
                        provider -> {
                            try {
                                demo.seed(provider.id(), Instant.now());
                            } catch (RuntimeException e) {
                                // Demo data must not keep the portal from starting.
                                log.error("Demo courses not published", e);
                            }
                        },
                        () -> log.warn("Demo training provider {} not found: no demo course", DEMO_PROVIDER));
    }
}
