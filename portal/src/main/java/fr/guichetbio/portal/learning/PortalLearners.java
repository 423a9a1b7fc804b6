package fr.guichetbio.portal.learning;

import fr.guichetbio.portal.catalogue.OrganisationRegions;
import fr.guichetbio.portal.identity.People;
import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.MembershipRole;
import fr.guichetbio.portal.organisation.OrganisationKind;
import fr.guichetbio.portal.organisation.Organisations;
import fr.guichetbio.training.Learner;
import fr.guichetbio.training.Learners;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Training's {@link Learners}, from the request's signed-in {@link PortalUser} (whose name and roles the account
 * filter refreshes at every request) and the person's memberships, read now through the organisation module; where
 * they work (for skills by region) from the catalogue's sites of their organisations.
 */
@Component
class PortalLearners implements Learners {

    private final Organisations organisations;
    private final People people;
    private final OrganisationRegions regions;

    PortalLearners(Organisations organisations, People people, OrganisationRegions regions) {
        this.organisations = organisations;
        this.people = people;
        this.regions = regions;
    }

    @Override
    public Optional<String> nameOf(long personId) {
        return Optional.ofNullable(people.displayNames(List.of(personId)).get(personId));
    }

    /**
     * Among the organisations the person belongs to, the first joined that has a site in France: the region of that
     * organisation (its oldest French site). Read through the organisation and catalogue modules' APIs.
     */
    @Override
    public Optional<String> workplaceRegionOf(long personId) {
        return organisations.joinedBy(personId).stream()
                .map(regions::of)
                .flatMap(Optional::stream)
                .findFirst();
    }

    @Override
    public Optional<Learner> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof PortalUser user)) {
            return Optional.empty();
        }
        return Optional.of(new Learner(
                user.personId(),
                user.displayName(),
                LocaleContextHolder.getLocale(),
                roles(user.roles()),
                affiliations(user.personId())));
    }

    static Set<Learner.Role> roles(Set<PlatformRole> roles) {
        Set<Learner.Role> learnerRoles = EnumSet.noneOf(Learner.Role.class);
        if (roles.contains(PlatformRole.INSTRUCTOR)) {
            learnerRoles.add(Learner.Role.INSTRUCTOR);
        }
        if (roles.contains(PlatformRole.ADMIN)) {
            learnerRoles.add(Learner.Role.ADMIN);
        }
        return learnerRoles;
    }

    // One query for the organisations, one per organisation for the role: people belong to one or two.
    private List<Learner.Affiliation> affiliations(long personId) {
        return organisations.ofPerson(personId).stream()
                .map(organisation -> new Learner.Affiliation(
                        organisation.id(),
                        organisation.kind() == OrganisationKind.TRAINING_PROVIDER,
                        organisations
                                .roleOf(personId, organisation.id())
                                .map(role -> role == MembershipRole.ADMIN)
                                .orElse(false)))
                .toList();
    }
}
