package fr.guichetbio.portal.organisation;

import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.identity.People;
import fr.guichetbio.portal.identity.PortalUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who belongs to an organisation: invitations (the link's token is shown once and only its SHA-256 is stored),
 * removal, role changes, leaving. An organisation keeps at least one administrator while it has members.
 *
 * <p>An invitation is bound to the invited address: whoever holds the link joins at once only when signed in with that
 * address (case ignored) and the identity provider did not say it is unverified. From any other account the use of
 * the link is recorded as a request that an organisation admin confirms or refuses.
 */
@Service
public class Memberships {

    static final Duration INVITATION_VALIDITY = Duration.ofDays(7);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Organisations organisations;
    private final OrganisationAccess access;
    private final AuditTrail audit;
    private final People people;
    private final InvitationMailer mailer;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    Memberships(
            JdbcClient jdbc,
            Organisations organisations,
            OrganisationAccess access,
            AuditTrail audit,
            People people,
            InvitationMailer mailer,
            ApplicationEventPublisher events) {
        this(jdbc, organisations, access, audit, people, mailer, events, Clock.systemUTC());
    }

    Memberships(
            JdbcClient jdbc,
            Organisations organisations,
            OrganisationAccess access,
            AuditTrail audit,
            People people,
            InvitationMailer mailer,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.access = access;
        this.audit = audit;
        this.people = people;
        this.mailer = mailer;
        this.events = events;
        this.clock = clock;
    }

    /** The members with their current display name, administrators first. */
    @Transactional(readOnly = true)
    public List<Member> members(long organisationId) {
        var rows = organisations.memberships(organisationId);
        Map<Long, String> names =
                people.displayNames(rows.stream().map(row -> row.personId()).toList());
        return rows.stream()
                .map(row -> new Member(row.personId(), names.get(row.personId()), row.role(), row.joinedAt()))
                .toList();
    }

    /** Invitations neither accepted, revoked nor expired. */
    @Transactional(readOnly = true)
    public List<PendingInvitation> pendingInvitations(long organisationId) {
        return jdbc.sql("""
                        select id, email, role, created_at, expires_at from invitation
                         where organisation_id = :organisation and accepted_at is null and revoked_at is null
                           and requested_by is null and expires_at > :now
                         order by created_at desc, id desc
                        """)
                .param("organisation", organisationId)
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .query((rs, n) -> new PendingInvitation(
                        rs.getLong("id"),
                        rs.getString("email"),
                        MembershipRole.valueOf(rs.getString("role")),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("expires_at").toInstant()))
                .list();
    }

    /**
     * An organisation admin invites an address; returns the raw token, to build the link shown once. The mailer is
     * told to send it.
     */
    @Transactional
    public String invite(
            PortalUser user, long organisationId, String email, MembershipRole role, Function<String, String> link) {
        access.requireManage(user, organisationId);
        Organisation organisation = organisations.find(organisationId).orElseThrow(OrganisationNotFound::new);
        String address = email.strip().toLowerCase(Locale.ROOT);
        String token = newToken();
        Instant now = clock.instant();
        long id = jdbc.sql("""
                        insert into invitation (organisation_id, email, role, token_hash, invited_by, created_at,
                                                expires_at)
                        values (:organisation, :email, :role, :hash, :person, :now, :expires)
                        returning id
                        """)
                .param("organisation", organisationId)
                .param("email", address)
                .param("role", role.name())
                .param("hash", hash(token))
                .param("person", user.personId())
                .param("now", java.sql.Timestamp.from(now))
                .param("expires", java.sql.Timestamp.from(now.plus(INVITATION_VALIDITY)))
                .query(Long.class)
                .single();
        // Audit the invitation without the address: invitations are personal data, their id is enough.
        audit.record(AuditEvent.byPerson(
                user.personId(),
                organisationId,
                "invitation.created",
                "invitation",
                id,
                null,
                new InvitationState(role, now.plus(INVITATION_VALIDITY), null)));
        mailer.send(address, organisation.name(), role, link.apply(token));
        return token;
    }

    @Transactional
    public void revokeInvitation(PortalUser user, long organisationId, long invitationId) {
        access.requireManage(user, organisationId);
        lockInvitation(organisationId, invitationId);
        int updated = jdbc.sql("""
                        update invitation set revoked_at = :now
                         where id = :id and accepted_at is null and revoked_at is null
                        """)
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .param("id", invitationId)
                .update();
        if (updated == 0) {
            throw new OrganisationRefusal("invitation.error.notPending");
        }
        audit.record(AuditEvent.byPerson(
                user.personId(), organisationId, "invitation.revoked", "invitation", invitationId, null, null));
    }

    /** What the link leads to, for the acceptance page; empty when the token is unknown. */
    @Transactional(readOnly = true)
    public Optional<InvitationView> invitation(String token) {
        return stored(token).map(Stored::view);
    }

    /**
     * Whether the signed-in person would join at once with this invitation: signed in with the invited address, not
     * said unverified by the identity provider.
     */
    @Transactional(readOnly = true)
    public boolean isAddressedTo(PortalUser user, String token) {
        return user != null && stored(token).filter(i -> addressedTo(i, user)).isPresent();
    }

    private boolean addressedTo(Stored invitation, PortalUser user) {
        return invitation.email() != null
                && people.verifiedEmail(user.personId())
                        .filter(email -> email.equals(invitation.email().toLowerCase(Locale.ROOT)))
                        .isPresent();
    }

    private Optional<Stored> stored(String token) {
        return jdbc.sql("""
                        select i.id, i.organisation_id, o.name, o.slug, i.role, i.email, i.expires_at, i.accepted_at,
                               i.revoked_at, i.requested_by
                          from invitation i join organisation o on o.id = i.organisation_id
                         where i.token_hash = :hash
                        """)
                .param("hash", hash(token))
                .query((rs, n) -> new Stored(
                        new InvitationView(
                                rs.getLong("id"),
                                rs.getLong("organisation_id"),
                                rs.getString("name"),
                                rs.getString("slug"),
                                MembershipRole.valueOf(rs.getString("role")),
                                state(
                                        rs.getTimestamp("accepted_at"),
                                        rs.getTimestamp("revoked_at"),
                                        rs.getObject("requested_by") != null,
                                        rs.getTimestamp("expires_at").toInstant())),
                        rs.getString("email"),
                        (Long) rs.getObject("requested_by")))
                .optional();
    }

    /** An invitation with what only this class compares: the invited address and who asked to use it. */
    private record Stored(InvitationView view, String email, Long requestedBy) {}

    private InvitationStatus state(
            java.sql.Timestamp acceptedAt, java.sql.Timestamp revokedAt, boolean requested, Instant expiresAt) {
        if (acceptedAt != null) {
            return InvitationStatus.USED;
        }
        if (revokedAt != null) {
            return InvitationStatus.REVOKED;
        }
        if (!expiresAt.isAfter(clock.instant())) {
            return InvitationStatus.EXPIRED;
        }
        return requested ? InvitationStatus.REQUESTED : InvitationStatus.PENDING;
    }

    /**
     * The signed-in person uses the link: single use. Joins at once when signed in with the invited address (see
     * {@link #isAddressedTo}); from any other account, records a request for an organisation admin to confirm
     * ({@link Acceptance#awaitingConfirmation()}). Refuses (changing nothing) an unknown, used, revoked or expired
     * token, a link another account already asked to use, and a person already member.
     */
    @Transactional
    public Acceptance accept(PortalUser user, String token) {
        if (user == null) {
            throw new AccessDeniedException("Sign in to accept an invitation");
        }
        Stored found = stored(token).orElseThrow(() -> new InvitationRefusal(InvitationStatus.UNKNOWN));
        InvitationView invitation = found.view();
        lockOrganisation(invitation.organisationId());
        // Read again under the organisation's lock: a concurrent use of the same link was decided before ours.
        found = stored(token).orElseThrow(() -> new InvitationRefusal(InvitationStatus.UNKNOWN));
        invitation = found.view();
        InvitationStatus status = invitation.status();
        if (status != InvitationStatus.PENDING && status != InvitationStatus.REQUESTED) {
            throw new InvitationRefusal(status);
        }
        if (organisations.roleOf(user.personId(), invitation.organisationId()).isPresent()) {
            throw new InvitationRefusal(InvitationStatus.ALREADY_MEMBER);
        }
        Instant now = clock.instant();
        if (!addressedTo(found, user)) {
            if (status == InvitationStatus.REQUESTED) {
                if (found.requestedBy() == user.personId()) {
                    return new Acceptance(invitation, true);
                }
                throw new InvitationRefusal(InvitationStatus.REQUESTED);
            }
            jdbc.sql("update invitation set requested_by = :person, requested_at = :now where id = :id")
                    .param("person", user.personId())
                    .param("now", java.sql.Timestamp.from(now))
                    .param("id", invitation.id())
                    .update();
            audit.record(AuditEvent.byPerson(
                    user.personId(),
                    invitation.organisationId(),
                    "invitation.requested",
                    "invitation",
                    invitation.id(),
                    null,
                    new MemberState(user.personId(), invitation.role())));
            return new Acceptance(invitation, true);
        }
        // The invited person themselves: a request someone else made with the link is superseded.
        jdbc.sql("""
                        update invitation set accepted_at = :now, accepted_by = :person, requested_by = null,
                                              requested_at = null
                         where id = :id
                        """)
                .param("now", java.sql.Timestamp.from(now))
                .param("person", user.personId())
                .param("id", invitation.id())
                .update();
        join(invitation.organisationId(), user.personId(), invitation.role());
        audit.record(AuditEvent.byPerson(
                user.personId(),
                invitation.organisationId(),
                "invitation.accepted",
                "invitation",
                invitation.id(),
                null,
                new MemberState(user.personId(), invitation.role())));
        return new Acceptance(invitation, false);
    }

    /** Uses of an invitation link from another address, waiting for an organisation admin, oldest first. */
    @Transactional(readOnly = true)
    public List<InvitationRequest> invitationRequests(long organisationId) {
        List<InvitationRequest> rows = jdbc.sql("""
                        select id, email, role, requested_by, requested_at from invitation
                         where organisation_id = :organisation and requested_by is not null and accepted_at is null
                           and revoked_at is null
                         order by requested_at, id
                        """)
                .param("organisation", organisationId)
                .query((rs, n) -> request(rs))
                .list();
        return rows.stream()
                .map(row -> {
                    var requester = people.find(row.requestedBy()).filter(person -> !person.deleted());
                    return new InvitationRequest(
                            row.id(),
                            row.invitedEmail(),
                            row.role(),
                            row.requestedBy(),
                            requester.map(person -> person.displayName()).orElse(null),
                            requester.map(person -> person.email()).orElse(null),
                            row.requestedAt());
                })
                .toList();
    }

    /** An organisation admin lets the person who used the link from another address join with the invited role. */
    @Transactional
    public void confirmRequest(PortalUser user, long organisationId, long invitationId) {
        access.requireManage(user, organisationId);
        lockOrganisation(organisationId);
        InvitationRequest request = requested(organisationId, invitationId);
        if (people.find(request.requestedBy())
                .filter(person -> !person.deleted())
                .isEmpty()) {
            throw new OrganisationRefusal("invitation.error.requesterGone");
        }
        jdbc.sql("update invitation set accepted_at = :now, accepted_by = requested_by where id = :id")
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .param("id", invitationId)
                .update();
        if (organisations.roleOf(request.requestedBy(), organisationId).isEmpty()) {
            join(organisationId, request.requestedBy(), request.role());
        }
        audit.record(AuditEvent.byPerson(
                user.personId(),
                organisationId,
                "invitation.confirmed",
                "invitation",
                invitationId,
                null,
                new MemberState(request.requestedBy(), request.role())));
    }

    /** An organisation admin refuses the request: the person does not join and the link can no longer be used. */
    @Transactional
    public void refuseRequest(PortalUser user, long organisationId, long invitationId) {
        access.requireManage(user, organisationId);
        lockOrganisation(organisationId);
        InvitationRequest request = requested(organisationId, invitationId);
        jdbc.sql("update invitation set revoked_at = :now where id = :id")
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .param("id", invitationId)
                .update();
        audit.record(AuditEvent.byPerson(
                user.personId(),
                organisationId,
                "invitation.refused",
                "invitation",
                invitationId,
                new MemberState(request.requestedBy(), request.role()),
                null));
    }

    /**
     * Locks one of the organisation's invitations. Another organisation's is not found (404) — whether an id exists
     * elsewhere is none of this admin's business; one of this organisation's in the wrong state is refused after.
     */
    private void lockInvitation(long organisationId, long invitationId) {
        jdbc.sql("select id from invitation where id = :id and organisation_id = :organisation for update")
                .param("id", invitationId)
                .param("organisation", organisationId)
                .query(Long.class)
                .optional()
                .orElseThrow(OrganisationNotFound::new);
    }

    private InvitationRequest requested(long organisationId, long invitationId) {
        lockInvitation(organisationId, invitationId);
        return jdbc.sql("""
                        select id, email, role, requested_by, requested_at from invitation
                         where id = :id and organisation_id = :organisation and requested_by is not null
                           and accepted_at is null and revoked_at is null
                        """)
                .param("id", invitationId)
                .param("organisation", organisationId)
                .query((rs, n) -> request(rs))
                .optional()
                .orElseThrow(() -> new OrganisationRefusal("invitation.error.notRequested"));
    }

    /** A request as its row holds it (the requester's name and address are looked up by the caller). */
    private static InvitationRequest request(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new InvitationRequest(
                rs.getLong("id"),
                rs.getString("email"),
                MembershipRole.valueOf(rs.getString("role")),
                rs.getLong("requested_by"),
                null,
                null,
                rs.getTimestamp("requested_at").toInstant());
    }

    private void join(long organisationId, long personId, MembershipRole role) {
        jdbc.sql("insert into membership (organisation_id, person_id, role) values (:organisation, :person, :role)")
                .param("organisation", organisationId)
                .param("person", personId)
                .param("role", role.name())
                .update();
    }

    /** An organisation admin removes a member; the last admin cannot be removed while others remain. */
    @Transactional
    public void remove(PortalUser user, long organisationId, long personId) {
        access.requireManage(user, organisationId);
        lockOrganisation(organisationId);
        MembershipRole role = requireMember(organisationId, personId);
        if (role == MembershipRole.ADMIN && adminCount(organisationId) == 1 && memberCount(organisationId) > 1) {
            throw new OrganisationRefusal("organisation.members.error.lastAdmin");
        }
        delete(organisationId, personId);
        audit.record(AuditEvent.byPerson(
                user.personId(),
                organisationId,
                "membership.removed",
                "person",
                personId,
                new MemberState(personId, role),
                null));
        if (role == MembershipRole.ADMIN) {
            events.publishEvent(
                    new AdminRightsEnded(organisationId, personId, user.personId(), AdminRightsEnded.Cause.REMOVED));
        }
    }

    /** An organisation admin grants or withdraws admin rights; the last admin cannot be demoted. */
    @Transactional
    public void changeRole(PortalUser user, long organisationId, long personId, MembershipRole newRole) {
        access.requireManage(user, organisationId);
        lockOrganisation(organisationId);
        // Someone who is not a member is not found (404), whatever the form says.
        MembershipRole role = requireMember(organisationId, personId);
        if (newRole == null) {
            throw new OrganisationRefusal("organisation.members.error.roleRequired");
        }
        if (role == newRole) {
            return;
        }
        if (role == MembershipRole.ADMIN && adminCount(organisationId) == 1) {
            throw new OrganisationRefusal("organisation.members.error.lastAdmin");
        }
        jdbc.sql("update membership set role = :role where organisation_id = :organisation and person_id = :person")
                .param("role", newRole.name())
                .param("organisation", organisationId)
                .param("person", personId)
                .update();
        audit.record(AuditEvent.byPerson(
                user.personId(),
                organisationId,
                "membership.role_changed",
                "person",
                personId,
                new MemberState(personId, role),
                new MemberState(personId, newRole)));
        if (role == MembershipRole.ADMIN) {
            events.publishEvent(
                    new AdminRightsEnded(organisationId, personId, user.personId(), AdminRightsEnded.Cause.DEMOTED));
        }
    }

    /** Any member leaves; the last admin may leave only as the last member. */
    @Transactional
    public void leave(PortalUser user, long organisationId) {
        if (user == null) {
            throw new AccessDeniedException("Sign in to leave an organisation");
        }
        lockOrganisation(organisationId);
        MembershipRole role = organisations
                .roleOf(user.personId(), organisationId)
                .orElseThrow(() -> new AccessDeniedException("Not a member of organisation " + organisationId));
        if (role == MembershipRole.ADMIN && adminCount(organisationId) == 1 && memberCount(organisationId) > 1) {
            throw new OrganisationRefusal("organisation.members.error.lastAdminLeave");
        }
        delete(organisationId, user.personId());
        audit.record(AuditEvent.byPerson(
                user.personId(),
                organisationId,
                "membership.left",
                "person",
                user.personId(),
                new MemberState(user.personId(), role),
                null));
        if (role == MembershipRole.ADMIN) {
            events.publishEvent(new AdminRightsEnded(
                    organisationId, user.personId(), user.personId(), AdminRightsEnded.Cause.LEFT));
        }
    }

    private MembershipRole requireMember(long organisationId, long personId) {
        return organisations.roleOf(personId, organisationId).orElseThrow(OrganisationNotFound::new);
    }

    private void delete(long organisationId, long personId) {
        jdbc.sql("delete from membership where organisation_id = :organisation and person_id = :person")
                .param("organisation", organisationId)
                .param("person", personId)
                .update();
    }

    /** Serialises membership changes of one organisation, so that two admins cannot demote each other at once. */
    private void lockOrganisation(long organisationId) {
        jdbc.sql("select id from organisation where id = :id for update")
                .param("id", organisationId)
                .query(Long.class)
                .optional()
                .orElseThrow(OrganisationNotFound::new);
    }

    private long adminCount(long organisationId) {
        return jdbc.sql("select count(*) from membership where organisation_id = :organisation and role = 'ADMIN'")
                .param("organisation", organisationId)
                .query(Long.class)
                .single();
    }

    private long memberCount(long organisationId) {
        return jdbc.sql("select count(*) from membership where organisation_id = :organisation")
                .param("organisation", organisationId)
                .query(Long.class)
                .single();
    }

    /** 32 random bytes, URL-safe Base64 without padding (43 characters). */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Hex SHA-256 of the token: what the database keeps. */
    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A member as the members page shows them; {@code displayName} is null for a deleted account. */
    /**
     * Organisations with other members where the person is the only admin: they must hand admin rights over before
     * deleting their account.
     */
    public List<String> blockingOrganisations(long personId) {
        return jdbc.sql("""
                        select o.name
                          from organisation o
                          join membership m on m.organisation_id = o.id and m.person_id = :person and m.role = 'ADMIN'
                         where not exists (select 1 from membership a
                                            where a.organisation_id = o.id and a.role = 'ADMIN'
                                              and a.person_id <> :person)
                           and exists (select 1 from membership x
                                        where x.organisation_id = o.id and x.person_id <> :person)
                         order by o.name
                        """).param("person", personId).query(String.class).list();
    }

    /**
     * Account deletion: removes every membership of the person, in the caller's transaction; returns the organisations
     * left.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Long> leaveAll(long personId) {
        List<Map.Entry<Long, MembershipRole>> left = jdbc.sql(
                        "delete from membership where person_id = :person returning organisation_id, role")
                .param("person", personId)
                .query((rs, n) -> Map.entry(rs.getLong(1), MembershipRole.valueOf(rs.getString(2))))
                .list();
        for (Map.Entry<Long, MembershipRole> membership : left) {
            if (membership.getValue() == MembershipRole.ADMIN) {
                events.publishEvent(new AdminRightsEnded(
                        membership.getKey(), personId, personId, AdminRightsEnded.Cause.ACCOUNT_DELETED));
            }
        }
        return left.stream().map(Map.Entry::getKey).toList();
    }

    /**
     * The invitations addressed to the person (their current address, case ignored) or used by them, for their data
     * export.
     */
    public List<Map<String, Object>> exportInvitations(long personId) {
        String email = people.find(personId).map(person -> person.email()).orElse(null);
        return jdbc.sql("""
                        select i.id, i.organisation_id, o.name, i.email, i.role, i.created_at, i.expires_at,
                               i.accepted_at, i.accepted_by, i.requested_by, i.requested_at, i.revoked_at
                          from invitation i join organisation o on o.id = i.organisation_id
                         where lower(i.email) = lower(cast(:email as varchar)) or i.accepted_by = :person
                            or i.requested_by = :person
                         order by i.created_at, i.id
                        """)
                .param("email", email)
                .param("person", personId)
                .query((rs, n) -> {
                    Map<String, Object> invitation = new LinkedHashMap<>();
                    invitation.put("id", rs.getLong("id"));
                    invitation.put("organisationId", rs.getLong("organisation_id"));
                    invitation.put("organisationName", rs.getString("name"));
                    invitation.put("email", rs.getString("email"));
                    invitation.put("role", rs.getString("role"));
                    invitation.put("createdAt", instant(rs.getTimestamp("created_at")));
                    invitation.put("expiresAt", instant(rs.getTimestamp("expires_at")));
                    invitation.put("acceptedAt", instant(rs.getTimestamp("accepted_at")));
                    invitation.put("acceptedByYou", Long.valueOf(personId).equals(rs.getObject("accepted_by")));
                    invitation.put("requestedAt", instant(rs.getTimestamp("requested_at")));
                    invitation.put("revokedAt", instant(rs.getTimestamp("revoked_at")));
                    return invitation;
                })
                .list();
    }

    /**
     * Account deletion: erases the address of every invitation addressed to the person or used by them; those not
     * used yet can no longer be (revoked, and requests made by the person withdrawn). Returns how many were erased.
     * Call before the person row is pseudonymised (the address is read from it).
     */
    public int eraseInvitations(long personId) {
        String email = people.find(personId).map(person -> person.email()).orElse(null);
        return jdbc.sql("""
                        update invitation
                           set email = null,
                               revoked_at = case when accepted_at is null then coalesce(revoked_at, :now)
                                                 else revoked_at end
                         where lower(email) = lower(cast(:email as varchar)) or accepted_by = :person
                            or requested_by = :person
                        """)
                .param("email", email)
                .param("person", personId)
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .update();
    }

    private static String instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }

    /** The person's memberships for their data export. */
    public List<Map<String, Object>> export(long personId) {
        return jdbc.sql("""
                        select m.organisation_id, o.name, m.role, m.joined_at
                          from membership m join organisation o on o.id = m.organisation_id
                         where m.person_id = :person order by o.name
                        """)
                .param("person", personId)
                .query((rs, n) -> {
                    Map<String, Object> membership = new LinkedHashMap<>();
                    membership.put("organisationId", rs.getLong("organisation_id"));
                    membership.put("organisationName", rs.getString("name"));
                    membership.put("role", rs.getString("role"));
                    membership.put(
                            "joinedAt", rs.getTimestamp("joined_at").toInstant().toString());
                    return membership;
                })
                .list();
    }

    public record Member(long personId, String displayName, MembershipRole role, Instant joinedAt) {}

    public record PendingInvitation(long id, String email, MembershipRole role, Instant createdAt, Instant expiresAt) {}

    public record InvitationView(
            long id,
            long organisationId,
            String organisationName,
            String organisationSlug,
            MembershipRole role,
            InvitationStatus status) {}

    /** The result of using a link: joined, or a request waiting for an organisation admin. */
    public record Acceptance(InvitationView invitation, boolean awaitingConfirmation) {}

    /**
     * A use of the link from another address: who asked ({@code requesterName}, {@code requesterEmail} as their
     * identity provider gave them, null for a deleted account) and the address invited.
     */
    public record InvitationRequest(
            long id,
            String invitedEmail,
            MembershipRole role,
            long requestedBy,
            String requesterName,
            String requesterEmail,
            Instant requestedAt) {}

    public enum InvitationStatus {
        PENDING,
        /** Used from another address, waiting for an organisation admin. */
        REQUESTED,
        USED,
        REVOKED,
        EXPIRED,
        UNKNOWN,
        ALREADY_MEMBER
    }

    /** The invitation cannot be accepted; nothing changed. */
    public static class InvitationRefusal extends OrganisationRefusal {

        @java.io.Serial
        private static final long serialVersionUID = 1L;

        private final InvitationStatus status;

        public InvitationRefusal(InvitationStatus status) {
            super("invitation.error." + status.name().toLowerCase(Locale.ROOT));
            this.status = status;
        }

        public InvitationStatus status() {
            return status;
        }
    }

    record InvitationState(MembershipRole role, Instant expiresAt, Long acceptedBy) {}

    record MemberState(long personId, MembershipRole role) {}
}
