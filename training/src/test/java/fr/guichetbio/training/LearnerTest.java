package fr.guichetbio.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichetbio.training.Learner.Affiliation;
import fr.guichetbio.training.Learner.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The facts the port hands to training, and the rules training draws from them. */
class LearnerTest {

    static final long PROVIDER = 10;
    static final long SPONSOR = 20;

    static Learner learner(Set<Role> roles, Affiliation... affiliations) {
        return new Learner(7, "Camille Martin", Locale.FRENCH, roles, List.of(affiliations));
    }

    @Test
    void anInstructorAuthorsTheCoursesOfTheTrainingProvidersTheyBelongTo() {
        Learner instructor = learner(
                Set.of(Role.INSTRUCTOR),
                new Affiliation(PROVIDER, true, false),
                new Affiliation(SPONSOR, false, false));

        assertThat(instructor.instructs(PROVIDER)).isTrue();
        // Not a training provider: owns no courses, whatever the person's role there.
        assertThat(instructor.instructs(SPONSOR)).isFalse();
        // A provider the instructor does not belong to.
        assertThat(instructor.instructs(30)).isFalse();
    }

    @Test
    void aMemberOfAProviderWithoutTheInstructorRoleDoesNotAuthor() {
        Learner member = learner(Set.of(), new Affiliation(PROVIDER, true, true));

        assertThat(member.instructs(PROVIDER)).isFalse();
        assertThat(learner(Set.of(Role.ADMIN), new Affiliation(PROVIDER, true, true))
                        .instructs(PROVIDER))
                .as("platform admins unpublish, they do not author")
                .isFalse();
    }

    @Test
    void administersOnlyTheOrganisationsWhereThePersonIsAdministrator() {
        Learner learner =
                learner(Set.of(), new Affiliation(PROVIDER, true, true), new Affiliation(SPONSOR, false, false));

        assertThat(learner.administers(PROVIDER)).isTrue();
        assertThat(learner.administers(SPONSOR)).isFalse();
        assertThat(learner.administers(30)).isFalse();
        assertThat(learner.organisationIds()).containsExactlyInAnyOrder(PROVIDER, SPONSOR);
        assertThat(learner.hasRole(Role.ADMIN)).isFalse();
    }

    @Test
    void isImmutableWhateverTheCallerDoesWithItsCollections() {
        Set<Role> roles = new HashSet<>(Set.of(Role.INSTRUCTOR));
        List<Affiliation> affiliations = new ArrayList<>(List.of(new Affiliation(PROVIDER, true, false)));
        Learner learner = new Learner(7, null, Locale.ENGLISH, roles, affiliations);

        roles.clear();
        affiliations.clear();

        assertThat(learner.instructs(PROVIDER)).isTrue();
        assertThatThrownBy(() -> learner.roles().add(Role.ADMIN)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> learner.affiliations().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(learner.displayName()).as("a person may have no name yet").isNull();
    }

    @Test
    void refusesIncompleteOrContradictoryFacts() {
        assertThatThrownBy(() -> new Learner(0, "x", Locale.FRENCH, Set.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("personId");
        assertThatThrownBy(() -> new Learner(7, "x", null, Set.of(), List.of()))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("locale");
        assertThatThrownBy(() -> new Learner(7, "x", Locale.FRENCH, null, List.of()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> learner(
                        Set.of(), new Affiliation(PROVIDER, true, false), new Affiliation(PROVIDER, true, true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one affiliation per organisation");
    }
}
