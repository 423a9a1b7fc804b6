package fr.guichetbio.training;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A signed-in person as training sees them: what issues 16 and 17 need to enrol, grade, author and certify, and
 * nothing of the portal's own types. Training decides its rules from these facts (see {@link #instructs(long)}).
 *
 * @param personId the portal's person id: the key of enrolments, attempts and certificates
 * @param displayName the name to show and to print on certificates; {@code null} when the person has none yet
 * @param locale the language the person reads the portal in (French or English)
 * @param roles the platform roles that matter to training; every signed-in person is a trainee
 * @param affiliations the organisations the person belongs to
 */
public record Learner(
        long personId, String displayName, Locale locale, Set<Role> roles, List<Affiliation> affiliations) {

    public Learner {
        if (personId <= 0) {
            throw new IllegalArgumentException("personId must be positive: " + personId);
        }
        Objects.requireNonNull(locale, "locale");
        roles = Set.copyOf(roles);
        affiliations = List.copyOf(affiliations);
        if (affiliations.stream().map(Affiliation::organisationId).distinct().count() != affiliations.size()) {
            throw new IllegalArgumentException("one affiliation per organisation: " + affiliations);
        }
    }

    /** Platform roles training acts on (granted in the portal). */
    public enum Role {
        /** Authors the courses of the training providers they belong to. */
        INSTRUCTOR,
        /** Platform administrator: may unpublish any course, revoke certificates. */
        ADMIN
    }

    /**
     * Membership of one organisation.
     *
     * @param trainingProvider whether the organisation is a training provider (the only kind that owns courses)
     * @param administrator whether the person administers it (sets required certifications, sees the matrix)
     */
    public record Affiliation(long organisationId, boolean trainingProvider, boolean administrator) {}

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    /** Whether the person may author the courses of this provider: an instructor who belongs to that provider. */
    public boolean instructs(long providerId) {
        return hasRole(Role.INSTRUCTOR)
                && affiliations.stream()
                        .anyMatch(affiliation ->
                                affiliation.organisationId() == providerId && affiliation.trainingProvider());
    }

    /** Whether the person administers this organisation. */
    public boolean administers(long organisationId) {
        return affiliations.stream()
                .anyMatch(affiliation -> affiliation.organisationId() == organisationId && affiliation.administrator());
    }

    public Set<Long> organisationIds() {
        return affiliations.stream().map(Affiliation::organisationId).collect(Collectors.toUnmodifiableSet());
    }
}
