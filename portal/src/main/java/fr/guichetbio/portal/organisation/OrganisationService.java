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
        OrganisationFields.check(organisation.name(), organisation.website(), organisation.description());
        try {
            // A savepoint-free retry is enough: a concurrent insert of the same slug makes this one fail and the whole
            // transaction roll back; the person simply submits again.
            return jdbc.sql("""
                            insert into organisation (slug, name, kind, website, website_domain, description,
                                                      status, created_by)
                            values (:slug, :name, :kind, :website, :domain, :description, 'PENDING', :person)
                            returning id
                            """)
                    .param("slug", Slugs.free(base, organisations::slugTaken))
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

    /**
     * A signed-in member (or platform admin) saves the profile if {@code expectedVersion} is still the stored one;
     * otherwise refuses with {@code organisation.error.stale} and changes nothing. Name and website are the
     * organisation's identity: only its admins (and platform admins) change them, and on an approved organisation the
     * change waits for a platform admin ({@link ProfileSaved#inReview()}) while the approved values stay public.
     */
    @Transactional
    public ProfileSaved update(PortalUser user, long organisationId, ProfileChange change, int expectedVersion) {
        access.requireEdit(user, organisationId);
        return saveProfile(
                organisationId,
                change,
                expectedVersion,
                access.canManage(user, organisationId),
                user.personId(),
                null,
                (action, before, after) -> AuditEvent.byPerson(
                        user.personId(), organisationId, action, "organisation", organisationId, before, after));
    }

    /**
     * An organisation's API client saves that organisation's profile, under the same version and review rules (a
     * client is registered by an organisation admin and acts for the organisation); a client never changes another
     * organisation.
     */
    @Transactional
    public ProfileSaved updateByClient(
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
                true,
                null,
                clientId,
                (action, before, after) -> AuditEvent.byClient(
                        clientId, organisationId, action, "organisation", organisationId, before, after));
    }

    /** Builds the audit entry of one action of the current actor (person or client). */
    @FunctionalInterface
    private interface Auditor {
        AuditEvent event(String action, Object before, Object after);
    }

    private ProfileSaved saveProfile(
            long organisationId,
            ProfileChange change,
            int expectedVersion,
            boolean mayChangeIdentity,
            Long personId,
            String clientId,
            Auditor auditor) {
        Organisation before = organisations.find(organisationId).orElseThrow(OrganisationNotFound::new);
        OrganisationFields.check(change.name(), change.website(), change.description());
        String name = change.name().strip();
        String website = blankToNull(change.website());
        boolean identityChanged = !name.equals(before.name()) || !java.util.Objects.equals(website, before.website());
        if (identityChanged && !mayChangeIdentity) {
            throw new OrganisationRefusal("organisation.error.identityAdminsOnly");
        }
        // Public organisations keep their approved name and website until a platform admin approves the new ones.
        boolean review = identityChanged && before.status() == OrganisationStatus.ACTIVE;
        String appliedName = review ? before.name() : name;
        String appliedWebsite = review ? before.website() : website;
        int updated = jdbc.sql("""
                        update organisation
                           set name = :name, website = :website, website_domain = :domain,
                               description = :description, version = version + 1
                         where id = :id and version = :version
                        """)
                .param("name", appliedName)
                .param("website", appliedWebsite)
                .param("domain", Websites.domainOf(appliedWebsite))
                .param("description", blankToNull(change.description()))
                .param("id", organisationId)
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new OrganisationRefusal("organisation.error.stale");
        }
        Organisation after = organisations.find(organisationId).orElseThrow();
        if (!ProfileState.of(before).sameContentAs(ProfileState.of(after))) {
            audit.record(auditor.event("organisation.updated", ProfileState.of(before), ProfileState.of(after)));
        }
        events.publishEvent(new OrganisationChanged(organisationId));
        IdentityChange proposal = review ? propose(before, name, website, personId, clientId, auditor) : null;
        return new ProfileSaved(after, proposal);
    }

    /** Records (or replaces) the organisation's one pending identity change; the organisation row is locked. */
    private IdentityChange propose(
            Organisation current, String name, String website, Long personId, String clientId, Auditor auditor) {
        java.util.Optional<IdentityChange> same = pendingIdentityChange(current.id())
                .filter(pending -> pending.name().equals(name) && java.util.Objects.equals(pending.website(), website));
        if (same.isPresent()) {
            return same.get(); // e.g. the same catalogue imported again: nothing new to review
        }
        java.util.Optional<Long> replaced = jdbc.sql("""
                        update organisation_identity_change
                           set name = :name, website = :website, proposed_by = :person, proposed_by_client = :client,
                               proposed_at = current_timestamp
                         where organisation_id = :organisation and status = 'PENDING'
                        returning id
                        """)
                .param("name", name)
                .param("website", website)
                .param("person", personId, java.sql.Types.BIGINT)
                .param("client", clientId)
                .param("organisation", current.id())
                .query(Long.class)
                .optional();
        long id = replaced.orElseGet(() -> jdbc.sql("""
                        insert into organisation_identity_change (organisation_id, name, website, proposed_by,
                                                                  proposed_by_client, status)
                        values (:organisation, :name, :website, :person, :client, 'PENDING')
                        returning id
                        """)
                .param("organisation", current.id())
                .param("name", name)
                .param("website", website)
                .param("person", personId, java.sql.Types.BIGINT)
                .param("client", clientId)
                .query(Long.class)
                .single());
        audit.record(auditor.event(
                "organisation.identity_proposed",
                new IdentityState(current.name(), current.website(), null),
                new IdentityState(name, website, id)));
        return identityChange(id).orElseThrow();
    }

    /**
     * Whether a name or website from the organisation's own catalogue import must wait for a platform admin: the
     * organisation is public and they differ from its approved ones.
     */
    @Transactional(readOnly = true)
    public boolean needsReview(long organisationId, String name, String website) {
        Organisation current = organisations.find(organisationId).orElseThrow(OrganisationNotFound::new);
        return current.status() == OrganisationStatus.ACTIVE
                && (!java.util.Objects.equals(blankToNull(name), current.name())
                        || !java.util.Objects.equals(blankToNull(website), current.website()));
    }

    /**
     * Records the name and website of the organisation's own catalogue import (run by one of its admins or its API
     * client, who may change them) as the change waiting for review; in the import's transaction.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public IdentityChange proposeByImport(
            long organisationId, String name, String website, Long personId, String clientId) {
        Organisation current = organisations.find(organisationId).orElseThrow(OrganisationNotFound::new);
        jdbc.sql("select id from organisation where id = :id for update")
                .param("id", organisationId)
                .query(Long.class)
                .single();
        return propose(
                current,
                blankToNull(name),
                blankToNull(website),
                personId,
                clientId,
                (action, before, after) -> new AuditEvent(
                        personId,
                        clientId,
                        organisationId,
                        action,
                        "organisation",
                        String.valueOf(organisationId),
                        before,
                        after));
    }

    /** The organisation's name or website change waiting for a platform admin, if any. */
    @Transactional(readOnly = true)
    public java.util.Optional<IdentityChange> pendingIdentityChange(long organisationId) {
        return jdbc.sql(IDENTITY_SELECT + " where c.organisation_id = :organisation and c.status = 'PENDING'")
                .param("organisation", organisationId)
                .query(IDENTITY_ROW)
                .optional();
    }

    /** Every pending name or website change, oldest first, for the platform admins. */
    @Transactional(readOnly = true)
    public java.util.List<IdentityChange> pendingIdentityChanges() {
        return jdbc.sql(IDENTITY_SELECT + " where c.status = 'PENDING' order by c.proposed_at, c.id")
                .query(IDENTITY_ROW)
                .list();
    }

    private java.util.Optional<IdentityChange> identityChange(long id) {
        return jdbc.sql(IDENTITY_SELECT + " where c.id = :id")
                .param("id", id)
                .query(IDENTITY_ROW)
                .optional();
    }

    /** A platform admin approves a pending name or website change: it becomes public at once. */
    @Transactional
    public void approveIdentity(PortalUser user, long changeId) {
        access.requirePlatformAdmin(user);
        IdentityChange change = lockPendingIdentity(changeId);
        Organisation before = organisations.find(change.organisationId()).orElseThrow(OrganisationNotFound::new);
        jdbc.sql("""
                        update organisation set name = :name, website = :website, website_domain = :domain,
                                                version = version + 1
                         where id = :id
                        """)
                .param("name", change.name())
                .param("website", change.website())
                .param("domain", Websites.domainOf(change.website()))
                .param("id", change.organisationId())
                .update();
        decideIdentity(user, changeId, "APPROVED", null);
        audit.record(AuditEvent.byPerson(
                user.personId(),
                change.organisationId(),
                "organisation.identity_approved",
                "organisation",
                change.organisationId(),
                new IdentityState(before.name(), before.website(), changeId),
                new IdentityState(change.name(), change.website(), changeId)));
        events.publishEvent(new OrganisationChanged(change.organisationId()));
    }

    /** A platform admin rejects a pending name or website change, with a mandatory reason. */
    @Transactional
    public void rejectIdentity(PortalUser user, long changeId, String reason) {
        access.requirePlatformAdmin(user);
        if (reason == null || reason.isBlank()) {
            throw new OrganisationRefusal("admin.organisations.error.reasonRequired");
        }
        IdentityChange change = lockPendingIdentity(changeId);
        decideIdentity(user, changeId, "REJECTED", reason.strip());
        audit.record(AuditEvent.byPerson(
                user.personId(),
                change.organisationId(),
                "organisation.identity_rejected",
                "organisation",
                change.organisationId(),
                new IdentityState(change.name(), change.website(), changeId),
                java.util.Map.of("reason", reason.strip())));
    }

    /** The pending change, its organisation locked (so that a concurrent edit or decision waits). */
    private IdentityChange lockPendingIdentity(long changeId) {
        IdentityChange change = identityChange(changeId).orElseThrow(OrganisationNotFound::new);
        jdbc.sql("select id from organisation where id = :id for update")
                .param("id", change.organisationId())
                .query(Long.class)
                .single();
        return identityChange(changeId)
                .filter(c -> c.status().equals("PENDING"))
                .orElseThrow(() -> new OrganisationRefusal("admin.organisations.error.identityNotPending"));
    }

    private void decideIdentity(PortalUser user, long changeId, String status, String reason) {
        jdbc.sql("""
                        update organisation_identity_change
                           set status = :status, reason = :reason, decided_by = :person, decided_at = current_timestamp
                         where id = :id
                        """)
                .param("status", status)
                .param("reason", reason)
                .param("person", user.personId())
                .param("id", changeId)
                .update();
    }

    private static final String IDENTITY_SELECT = """
            select c.id, c.organisation_id, o.slug, o.name as current_name, o.website as current_website, c.name,
                   c.website, c.proposed_by, c.proposed_by_client, c.proposed_at, c.status
              from organisation_identity_change c join organisation o on o.id = c.organisation_id
            """;

    private static final org.springframework.jdbc.core.RowMapper<IdentityChange> IDENTITY_ROW =
            (rs, n) -> new IdentityChange(
                    rs.getLong("id"),
                    rs.getLong("organisation_id"),
                    rs.getString("slug"),
                    rs.getString("current_name"),
                    rs.getString("current_website"),
                    rs.getString("name"),
                    rs.getString("website"),
                    (Long) rs.getObject("proposed_by"),
                    rs.getString("proposed_by_client"),
                    rs.getTimestamp("proposed_at").toInstant(),
                    rs.getString("status"));

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

        boolean sameContentAs(ProfileState other) {
            return name.equals(other.name)
                    && java.util.Objects.equals(website, other.website)
                    && java.util.Objects.equals(description, other.description);
        }
    }

    /** What a save did: the organisation as stored now, and the identity change it sent to review (else null). */
    public record ProfileSaved(Organisation organisation, IdentityChange inReview) {}

    /**
     * A name or website change of an approved organisation: proposed by an organisation admin ({@code proposedBy}) or
     * its API client ({@code proposedByClient}), with the organisation's current (public) values beside it.
     */
    public record IdentityChange(
            long id,
            long organisationId,
            String organisationSlug,
            String currentName,
            String currentWebsite,
            String name,
            String website,
            Long proposedBy,
            String proposedByClient,
            java.time.Instant proposedAt,
            String status) {}

    record IdentityState(String name, String website, Long changeId) {}

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
