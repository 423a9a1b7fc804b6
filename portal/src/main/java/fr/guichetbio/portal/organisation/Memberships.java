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
                           and expires_at > :now
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
        // Another organisation's invitation is not found (404); one of this organisation's, already used, is refused.
        jdbc.sql("select id from invitation where id = :id and organisation_id = :organisation for update")
                .param("id", invitationId)
                .param("organisation", organisationId)
                .query(Long.class)
                .optional()
                .orElseThrow(OrganisationNotFound::new);
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
        return jdbc.sql("""
                        select i.id, i.organisation_id, o.name, o.slug, i.role, i.expires_at, i.accepted_at,
                               i.revoked_at
                          from invitation i join organisation o on o.id = i.organisation_id
                         where i.token_hash = :hash
                        """)
                .param("hash", hash(token))
                .query((rs, n) -> new InvitationView(
                        rs.getLong("id"),
                        rs.getLong("organisation_id"),
                        rs.getString("name"),
                        rs.getString("slug"),
                        MembershipRole.valueOf(rs.getString("role")),
                        state(
                                rs.getTimestamp("accepted_at"),
                                rs.getTimestamp("revoked_at"),
                                rs.getTimestamp("expires_at").toInstant())))
                .optional();
    }

    private InvitationStatus state(java.sql.Timestamp acceptedAt, java.sql.Timestamp revokedAt, Instant expiresAt) {
        if (acceptedAt != null) {
            return InvitationStatus.USED;
        }
        if (revokedAt != null) {
            return InvitationStatus.REVOKED;
        }
        return expiresAt.isAfter(clock.instant()) ? InvitationStatus.PENDING : InvitationStatus.EXPIRED;
    }

    /**
     * The signed-in person accepts: single use. Refuses (changing nothing) an unknown, used, revoked or expired
     * token, and a person already member.
     */
    @Transactional
    public InvitationView accept(PortalUser user, String token) {
        if (user == null) {
            throw new AccessDeniedException("Sign in to accept an invitation");
        }
        InvitationView invitation =
                invitation(token).orElseThrow(() -> new InvitationRefusal(InvitationStatus.UNKNOWN));
        lockOrganisation(invitation.organisationId());
        // Claim the invitation atomically: a concurrent acceptance of the same link updates nothing.
        int claimed = jdbc.sql("""
                        update invitation set accepted_at = :now, accepted_by = :person
                         where id = :id and accepted_at is null and revoked_at is null and expires_at > :now
                        """)
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .param("person", user.personId())
                .param("id", invitation.id())
                .update();
        if (claimed == 0) {
            InvitationStatus status =
                    invitation(token).map(InvitationView::status).orElse(InvitationStatus.UNKNOWN);
            throw new InvitationRefusal(status == InvitationStatus.PENDING ? InvitationStatus.USED : status);
        }
        if (organisations.roleOf(user.personId(), invitation.organisationId()).isPresent()) {
            throw new InvitationRefusal(InvitationStatus.ALREADY_MEMBER);
        }
        jdbc.sql("insert into membership (organisation_id, person_id, role) values (:organisation, :person, :role)")
                .param("organisation", invitation.organisationId())
                .param("person", user.personId())
                .param("role", invitation.role().name())
                .update();
        audit.record(AuditEvent.byPerson(
                user.personId(),
                invitation.organisationId(),
                "invitation.accepted",
                "invitation",
                invitation.id(),
                null,
                new MemberState(user.personId(), invitation.role())));
        return invitation;
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

    public enum InvitationStatus {
        PENDING,
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
