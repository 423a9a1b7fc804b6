package fr.guichetbio.portal.organisation;

import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.identity.PortalUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating organisations, editing their profile, and the platform admins' decision on new ones. Every method checks
 * the actor's right on that organisation and records the change in the audit trail, in one transaction.
 */
@Service
public class OrganisationService {

    private final JdbcClient jdbc;
    private final Organisations organisations;
    private final OrganisationAccess access;
    private final AuditTrail audit;
    private final org.springframework.context.ApplicationEventPublisher events;

    OrganisationService(
            JdbcClient jdbc,
            Organisations organisations,
            OrganisationAccess access,
            AuditTrail audit,
            org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.access = access;
        this.audit = audit;
        this.events = events;
    }

    /** Creates a pending organisation with the creator as its administrator. */
    @Transactional
    public Organisation create(PortalUser user, NewOrganisation organisation) {
        if (user == null) {
            throw new org.springframework.security.access.AccessDeniedException("Sign in to create an organisation");
        }
        String base = Slugs.of(organisation.name());
        long id = insertWithUniqueSlug(user.personId(), base, organisation);
        jdbc.sql("insert into membership (organisation_id, person_id, role) values (:organisation, :person, 'ADMIN')")
                .param("organisation", id)
                .param("person", user.personId())
                .update();
        Organisation created = organisations.find(id).orElseThrow();
        audit.record(AuditEvent.byPerson(
                user.personId(),
                id,
                "organisation.created",
                "organisation",
                id,
                null,
                new CreatedState(
                        created.slug(),
                        created.name(),
                        created.kind(),
                        created.website(),
                        created.description(),
                        created.status(),
                        user.personId())));
        return created;
    }

    private long insertWithUniqueSlug(long personId, String base, NewOrganisation organisation) {
        for (int n = 1; ; n++) {
            String slug = Slugs.candidate(base, n);
            boolean taken = jdbc.sql("select count(*) from organisation where slug = :slug")
                            .param("slug", slug)
                            .query(Long.class)
                            .single()
                    > 0;
            if (taken) {
                continue;
            }
            try {
                // A savepoint-free retry is enough: a concurrent insert of the same slug makes this one fail and
                // the whole transaction roll back; the person simply submits again.
                return jdbc.sql("""
                                insert into organisation (slug, name, kind, website, website_domain, description,
                                                          status, created_by)
                                values (:slug, :name, :kind, :website, :domain, :description, 'PENDING', :person)
                                returning id
                                """)
                        .param("slug", slug)
                        .param("name", organisation.name().strip())
                        .param("kind", organisation.kind().name())
                        .param("website", blankToNull(organisation.website()))
                        .param("domain", Websites.domainOf(organisation.website()))
                        .param("description", blankToNull(organisation.description()))
                        .param("person", personId)
                        .query(Long.class)
                        .single();
            } catch (DuplicateKeyException e) {
                throw new OrganisationRefusal("organisation.error.slugTaken");
            }
        }
    }

    /**
     * A signed-in member (or platform admin) saves the profile if {@code expectedVersion} is still the stored one;
     * otherwise refuses with {@code organisation.error.stale} and changes nothing.
     */
    @Transactional
    public Organisation update(PortalUser user, long organisationId, ProfileChange change, int expectedVersion) {
        access.requireEdit(user, organisationId);
        return saveProfile(
                organisationId,
                change,
                expectedVersion,
                (before, after) -> AuditEvent.byPerson(
                        user.personId(),
                        organisationId,
                        "organisation.updated",
                        "organisation",
                        organisationId,
                        before,
                        after));
    }

    /**
     * An organisation's API client saves that organisation's profile, under the same version rule; a client never
     * changes another organisation.
     */
    @Transactional
    public Organisation updateByClient(
            String clientId,
            long clientOrganisationId,
            long organisationId,
            ProfileChange change,
            int expectedVersion) {
        if (clientOrganisationId != organisationId) {
            throw new AccessDeniedException("Client " + clientId + " does not act for organisation " + organisationId);
        }
        return saveProfile(
                organisationId,
                change,
                expectedVersion,
                (before, after) -> AuditEvent.byClient(
                        clientId,
                        organisationId,
                        "organisation.updated",
                        "organisation",
                        organisationId,
                        before,
                        after));
    }

    private Organisation saveProfile(
            long organisationId,
            ProfileChange change,
            int expectedVersion,
            java.util.function.BiFunction<ProfileState, ProfileState, AuditEvent> auditEvent) {
        Organisation before = organisations.find(organisationId).orElseThrow(OrganisationNotFound::new);
        int updated = jdbc.sql("""
                        update organisation
                           set name = :name, website = :website, website_domain = :domain,
                               description = :description, version = version + 1
                         where id = :id and version = :version
                        """)
                .param("name", change.name().strip())
                .param("website", blankToNull(change.website()))
                .param("domain", Websites.domainOf(change.website()))
                .param("description", blankToNull(change.description()))
                .param("id", organisationId)
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new OrganisationRefusal("organisation.error.stale");
        }
        Organisation after = organisations.find(organisationId).orElseThrow();
        audit.record(auditEvent.apply(ProfileState.of(before), ProfileState.of(after)));
        events.publishEvent(new OrganisationChanged(organisationId));
        return after;
    }

    /** A platform admin makes a pending organisation public. */
    @Transactional
    public void approve(PortalUser user, long organisationId) {
        decide(user, organisationId, OrganisationStatus.ACTIVE, null, "organisation.approved");
    }

    /** A platform admin rejects a pending organisation, with the reason its members will see. */
    @Transactional
    public void reject(PortalUser user, long organisationId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new OrganisationRefusal("admin.organisations.error.reasonRequired");
        }
        decide(user, organisationId, OrganisationStatus.REJECTED, reason.strip(), "organisation.rejected");
    }

    private void decide(PortalUser user, long organisationId, OrganisationStatus status, String reason, String action) {
        access.requirePlatformAdmin(user);
        Organisation before = organisations.find(organisationId).orElseThrow(OrganisationNotFound::new);
        int updated = jdbc.sql("""
                        update organisation set status = :status, status_reason = :reason, version = version + 1
                         where id = :id and status = 'PENDING'
                        """)
                .param("status", status.name())
                .param("reason", reason)
                .param("id", organisationId)
                .update();
        if (updated == 0) {
            throw new OrganisationRefusal("admin.organisations.error.notPending");
        }
        events.publishEvent(new OrganisationChanged(organisationId));
        audit.record(AuditEvent.byPerson(
                user.personId(),
                organisationId,
                action,
                "organisation",
                organisationId,
                new StatusState(before.status(), null),
                new StatusState(status, reason)));
    }

    /** The reason given when the organisation was rejected, if any. */
    @Transactional(readOnly = true)
    public String statusReason(long organisationId) {
        return jdbc.sql("select status_reason from organisation where id = :id")
                .param("id", organisationId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** What a person fills in to create an organisation. */
    public record NewOrganisation(String name, OrganisationKind kind, String website, String description) {}

    /** The editable profile. */
    public record ProfileChange(String name, String website, String description) {}

    record ProfileState(String name, String website, String description, int version) {
        static ProfileState of(Organisation organisation) {
            return new ProfileState(
                    organisation.name(), organisation.website(), organisation.description(), organisation.version());
        }
    }

    record CreatedState(
            String slug,
            String name,
            OrganisationKind kind,
            String website,
            String description,
            OrganisationStatus status,
            long createdBy) {}

    record StatusState(OrganisationStatus status, String reason) {}
}
