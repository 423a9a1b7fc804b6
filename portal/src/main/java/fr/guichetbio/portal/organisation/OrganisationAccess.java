package fr.guichetbio.portal.organisation;

import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.identity.PortalUser;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may change what on an organisation: the one place object-level checks are decided. Every state change on an
 * organisation's objects calls one of these before writing; a refusal is a 403.
 */
@Component
public class OrganisationAccess {

    private final Organisations organisations;

    OrganisationAccess(Organisations organisations) {
        this.organisations = organisations;
    }

    /**
     * Whether the person may know the organisation exists: everyone sees active ones; its members and platform
     * admins also see it while pending or after rejection. Pages answer 404 otherwise.
     */
    public boolean canSee(PortalUser user, Organisation organisation) {
        return organisation.status() == OrganisationStatus.ACTIVE || canEdit(user, organisation.id());
    }

    /**
     * The organisation of a page's URL, when the person may know it exists ({@link #canSee}); otherwise {@link
     * OrganisationNotFound} (a 404, the same as for an unknown slug).
     */
    public Organisation visible(String slug, PortalUser user) {
        Organisation organisation = organisations.findBySlug(slug).orElseThrow(OrganisationNotFound::new);
        if (!canSee(user, organisation)) {
            throw new OrganisationNotFound();
        }
        return organisation;
    }

    /** The organisation of the URL, which the person must be able to edit: 404 when hidden, 403 otherwise. */
    public Organisation editable(String slug, PortalUser user) {
        Organisation organisation = visible(slug, user);
        requireEdit(user, organisation.id());
        return organisation;
    }

    /** The organisation of the URL, which the person must manage: 404 when hidden, 403 otherwise. */
    public Organisation manageable(String slug, PortalUser user) {
        Organisation organisation = visible(slug, user);
        requireManage(user, organisation.id());
        return organisation;
    }

    /** Platform admins decide on new organisations and on claims. */
    public boolean isPlatformAdmin(PortalUser user) {
        return user != null && user.hasRole(PlatformRole.ADMIN);
    }

    public void requirePlatformAdmin(PortalUser user) {
        if (!isPlatformAdmin(user)) {
            throw new AccessDeniedException("Not a platform administrator");
        }
    }

    /** Members (and platform admins) may edit the organisation's profile and listings. */
    public boolean canEdit(PortalUser user, long organisationId) {
        return user != null
                && (user.hasRole(PlatformRole.ADMIN)
                        || organisations.roleOf(user.personId(), organisationId).isPresent());
    }

    /** Organisation admins (and platform admins) manage members, invitations and API clients. */
    public boolean canManage(PortalUser user, long organisationId) {
        return user != null
                && (user.hasRole(PlatformRole.ADMIN)
                        || organisations
                                .roleOf(user.personId(), organisationId)
                                .filter(role -> role == MembershipRole.ADMIN)
                                .isPresent());
    }

    /**
     * Whether the person is one of the organisation's own administrators (a platform administrator is not, unless a
     * member too): the training matrix shows members' certifications to them alone, with the members' consent.
     */
    public boolean administers(PortalUser user, long organisationId) {
        return user != null
                && organisations
                        .roleOf(user.personId(), organisationId)
                        .filter(role -> role == MembershipRole.ADMIN)
                        .isPresent();
    }

    public void requireEdit(PortalUser user, long organisationId) {
        if (!canEdit(user, organisationId)) {
            throw new AccessDeniedException("Not a member of organisation " + organisationId);
        }
    }

    public void requireManage(PortalUser user, long organisationId) {
        if (!canManage(user, organisationId)) {
            throw new AccessDeniedException("Not an administrator of organisation " + organisationId);
        }
    }
}
