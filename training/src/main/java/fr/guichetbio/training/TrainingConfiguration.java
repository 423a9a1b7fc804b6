package fr.guichetbio.training;

import fr.guichetbio.training.assessment.Assessor;
import java.security.SecureRandom;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * Training's beans, for the application to import ({@code @Import(TrainingConfiguration.class)} on the portal's
 * application class). Scans training's own packages only, so feature classes can stay package-private; the
 * application must provide one {@link Learners} and a {@code JdbcClient} over the database that holds training's
 * tables (with a transaction manager).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = TrainingConfiguration.class)
public class TrainingConfiguration {

    /** Draws questions and parameters from a SecureRandom: a learner cannot predict the next attempt's draw. */
    @Bean
    Assessor assessor() {
        return new Assessor(new SecureRandom());
    }
}
