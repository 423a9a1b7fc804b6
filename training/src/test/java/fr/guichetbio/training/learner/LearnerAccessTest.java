package fr.guichetbio.training.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichetbio.training.Learner;
import fr.guichetbio.training.Learner.Affiliation;
import fr.guichetbio.training.Learner.Role;
import fr.guichetbio.training.Learners;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;

/** Training's checks, given what the port says (the port is a plain lambda: training asks nothing else of it). */
class LearnerAccessTest {

    static final long PROVIDER = 10;

    final Learner instructor = new Learner(
            7,
            "Camille Martin",
            Locale.FRENCH,
            Set.of(Role.INSTRUCTOR),
            List.of(new Affiliation(PROVIDER, true, false)));

    @Test
    void nobodySignedInIsRefusedAndAuthorsNothing() {
        LearnerAccess access = new LearnerAccess(port(Optional.empty()));

        assertThatThrownBy(access::requireLearner).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> access.requireAuthor(PROVIDER)).isInstanceOf(AccessDeniedException.class);
        assertThat(access.canAuthor(PROVIDER)).isFalse();
    }

    @Test
    void theSignedInLearnerIsTheOneThePortSupplies() {
        LearnerAccess access = new LearnerAccess(port(Optional.of(instructor)));

        assertThat(access.requireLearner()).isSameAs(instructor);
        assertThat(access.canAuthor(PROVIDER)).isTrue();
        assertThat(access.requireAuthor(PROVIDER)).isSameAs(instructor);
    }

    @Test
    void anInstructorOfAnotherProviderIsRefused() {
        LearnerAccess access = new LearnerAccess(port(Optional.of(instructor)));

        assertThat(access.canAuthor(99)).isFalse();
        assertThatThrownBy(() -> access.requireAuthor(99))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("99");
    }

    /** The application's port with this person signed in; names are not asked here. */
    private static Learners port(Optional<Learner> current) {
        return new Learners() {
            @Override
            public Optional<Learner> current() {
                return current;
            }

            @Override
            public Optional<String> nameOf(long personId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<String> workplaceRegionOf(long personId) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
