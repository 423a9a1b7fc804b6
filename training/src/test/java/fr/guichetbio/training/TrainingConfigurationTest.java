package fr.guichetbio.training;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.training.course.Courses;
import fr.guichetbio.training.learner.LearnerAccess;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** What an application gets by importing training, and what it must provide. */
class TrainingConfigurationTest {

    // The application's JdbcClient (Spring Boot makes it from the DataSource); none is opened here.
    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(TrainingConfiguration.class)
            .withBean(JdbcClient.class, () -> JdbcClient.create(new SimpleDriverDataSource()));

    @Test
    void trainingWiresItsServicesToTheApplicationsLearners() {
        Learners learners = new Learners() {
            @Override
            public Optional<Learner> current() {
                return Optional.empty();
            }

            @Override
            public Optional<String> nameOf(long personId) {
                return Optional.empty();
            }

            @Override
            public Optional<String> workplaceRegionOf(long personId) {
                return Optional.empty();
            }
        };

        runner.withBean(Learners.class, () -> learners).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(LearnerAccess.class);
            assertThat(context).hasSingleBean(Courses.class);
            assertThat(context).hasSingleBean(TrainingConfiguration.class);
            assertThat(context.getBean(LearnerAccess.class).canAuthor(1)).isFalse();
        });
    }

    @Test
    void anApplicationWithoutLearnersFailsAtStartNamingThePort() {
        runner.run(context -> assertThat(context)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining(Learners.class.getName()));
    }
}
