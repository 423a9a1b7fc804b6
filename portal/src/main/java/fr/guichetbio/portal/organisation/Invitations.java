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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invitations to join an organisation, and the requests made with their links (the link's token is shown once and
 * only its SHA-256 is stored).
 *
 * <p>An invitation is bound to the invited address: whoever holds the link joins at once only when signed in with that
 * address (case ignored) and the identity provider did not say it is unverified. From any other account the use of
 * the link is recorded as a request that an organisation admin confirms or refuses.
 */
@Service
public class Invitations {

    static final Duration INVITATION_VALIDITY = Duration.ofDays(7);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Organisations organisations;
    private final OrganisationAccess access;
    private final AuditTrail audit;
    private final People people;
    private final InvitationMailer mailer;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    Invitations(
            JdbcClient jdbc,
            Organisations organisations,
            OrganisationAccess access,
            AuditTrail audit,
            People people,
            InvitationMailer mailer) {
        this(jdbc, organisations, access, audit, people, mailer, Clock.systemUTC());
    }

    Invitations(
            JdbcClient jdbc,
            Organisations organisations,
            OrganisationAccess access,
            AuditTrail audit,
            People people,
            InvitationMailer mailer,
            Clock clock) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.access = access;
        this.audit = audit;
        this.people = people;
        this.mailer = mailer;
        this.clock = clock;
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
        Memberships.lockOrganisation(jdbc, invitation.organisationId());
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
                    new Memberships.MemberState(user.personId(), invitation.role())));
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
        Memberships.join(jdbc, invitation.organisationId(), user.personId(), invitation.role());
        audit.record(AuditEvent.byPerson(
                user.personId(),
                invitation.organisationId(),
                "invitation.accepted",
                "invitation",
                invitation.id(),
                null,
                new Memberships.MemberState(user.personId(), invitation.role())));
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
        Memberships.lockOrganisation(jdbc, organisationId);
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
            Memberships.join(jdbc, organisationId, request.requestedBy(), request.role());
        }
        audit.record(AuditEvent.byPerson(
                user.personId(),
                organisationId,
                "invitation.confirmed",
                "invitation",
                invitationId,
                null,
                new Memberships.MemberState(request.requestedBy(), request.role())));
    }

    /** An organisation admin refuses the request: the person does not join and the link can no longer be used. */
    @Transactional
    public void refuseRequest(PortalUser user, long organisationId, long invitationId) {
        access.requireManage(user, organisationId);
        Memberships.lockOrganisation(jdbc, organisationId);
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
                new Memberships.MemberState(request.requestedBy(), request.role()),
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
}
