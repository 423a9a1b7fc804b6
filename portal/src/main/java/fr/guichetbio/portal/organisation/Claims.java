package fr.guichetbio.portal.organisation;

import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.identity.People;
import fr.guichetbio.portal.identity.PortalUser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person asks to act for an existing organisation ("claim"); a platform admin approves (the claimant joins, as
 * administrator if the organisation has none) or rejects with a reason the claimant sees.
 */
@Service
public class Claims {

    public static final int MIN_JUSTIFICATION = 20;
    public static final int MAX_JUSTIFICATION = 2000;

    private static final String SELECT = """
            select c.id, c.organisation_id, o.slug, o.name, c.person_id, c.justification, c.status, c.reason,
                   c.created_at, c.decided_at
              from organisation_claim c join organisation o on o.id = c.organisation_id
            """;

    private final JdbcClient jdbc;
    private final Organisations organisations;
    private final OrganisationAccess access;
    private final AuditTrail audit;
    private final People people;

    Claims(JdbcClient jdbc, Organisations organisations, OrganisationAccess access, AuditTrail audit, People people) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.access = access;
        this.audit = audit;
        this.people = people;
    }

    /** A signed-in non-member claims a visible organisation; at most one pending claim per person and organisation. */
    @Transactional
    public long claim(PortalUser user, long organisationId, String justification) {
        if (user == null) {
            throw new AccessDeniedException("Sign in to claim an organisation");
        }
        Organisation organisation = organisations.find(organisationId).orElseThrow(OrganisationNotFound::new);
        if (!access.canSee(user, organisation)) {
            throw new OrganisationNotFound();
        }
        if (organisations.roleOf(user.personId(), organisationId).isPresent()) {
            throw new OrganisationRefusal("claim.error.alreadyMember");
        }
        String text = justification == null ? "" : justification.strip();
        if (text.length() < MIN_JUSTIFICATION || text.length() > MAX_JUSTIFICATION) {
            throw new OrganisationRefusal("claim.error.justification");
        }
        if (pendingOf(user.personId(), organisationId).isPresent()) {
            throw new OrganisationRefusal("claim.error.alreadyPending");
        }
        long id;
        try {
            id = jdbc.sql("""
                            insert into organisation_claim (organisation_id, person_id, justification, status)
                            values (:organisation, :person, :justification, 'PENDING') returning id
                            """)
                    .param("organisation", organisationId)
                    .param("person", user.personId())
                    .param("justification", text)
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            // A concurrent request of the same person won the unique partial index.
            throw new OrganisationRefusal("claim.error.alreadyPending");
        }
        audit.record(AuditEvent.byPerson(
                user.personId(),
                organisationId,
                "claim.created",
                "claim",
                id,
                null,
                new ClaimState(user.personId(), ClaimStatus.PENDING, null)));
        return id;
    }

    /** A platform admin approves: the claimant becomes administrator if the organisation has none, else member. */
    @Transactional
    public MembershipRole approve(PortalUser user, long claimId) {
        access.requirePlatformAdmin(user);
        Claim claim = find(claimId).orElseThrow(OrganisationNotFound::new);
        jdbc.sql("select id from organisation where id = :id for update")
                .param("id", claim.organisationId())
                .query(Long.class)
                .single();
        decide(user, claim, ClaimStatus.APPROVED, null);
        boolean hasAdmin = jdbc.sql("select count(*) from membership where organisation_id = :organisation"
                                + " and role = 'ADMIN'")
                        .param("organisation", claim.organisationId())
                        .query(Long.class)
                        .single()
                > 0;
        MembershipRole role = hasAdmin ? MembershipRole.MEMBER : MembershipRole.ADMIN;
        // Already a member meanwhile (e.g. invited): keep the membership, only ever raise the role.
        jdbc.sql("""
                        insert into membership (organisation_id, person_id, role) values (:organisation, :person, :role)
                        on conflict (organisation_id, person_id) do update
                           set role = case when excluded.role = 'ADMIN' then 'ADMIN' else membership.role end
                        """)
                .param("organisation", claim.organisationId())
                .param("person", claim.personId())
                .param("role", role.name())
                .update();
        audit.record(AuditEvent.byPerson(
                user.personId(),
                claim.organisationId(),
                "claim.approved",
                "claim",
                claimId,
                new ClaimState(claim.personId(), ClaimStatus.PENDING, null),
                new ClaimState(claim.personId(), ClaimStatus.APPROVED, role)));
        return role;
    }

    /** A platform admin rejects with a mandatory reason, shown to the claimant. */
    @Transactional
    public void reject(PortalUser user, long claimId, String reason) {
        access.requirePlatformAdmin(user);
        if (reason == null || reason.isBlank()) {
            throw new OrganisationRefusal("admin.organisations.error.reasonRequired");
        }
        Claim claim = find(claimId).orElseThrow(OrganisationNotFound::new);
        decide(user, claim, ClaimStatus.REJECTED, reason.strip());
        audit.record(AuditEvent.byPerson(
                user.personId(),
                claim.organisationId(),
                "claim.rejected",
                "claim",
                claimId,
                new ClaimState(claim.personId(), ClaimStatus.PENDING, null),
                new ClaimState(claim.personId(), ClaimStatus.REJECTED, null)));
    }

    private void decide(PortalUser user, Claim claim, ClaimStatus status, String reason) {
        int updated = jdbc.sql("""
                        update organisation_claim
                           set status = :status, reason = :reason, decided_by = :person, decided_at = current_timestamp
                         where id = :id and status = 'PENDING'
                        """)
                .param("status", status.name())
                .param("reason", reason)
                .param("person", user.personId())
                .param("id", claim.id())
                .update();
        if (updated == 0) {
            throw new OrganisationRefusal("admin.organisations.error.claimNotPending");
        }
    }

    @Transactional(readOnly = true)
    public Optional<Claim> find(long claimId) {
        return jdbc.sql(SELECT + " where c.id = :id")
                .param("id", claimId)
                .query(row())
                .optional()
                .map(claim -> withNames(List.of(claim)).getFirst());
    }

    @Transactional(readOnly = true)
    public Optional<Claim> pendingOf(long personId, long organisationId) {
        return jdbc.sql(SELECT + " where c.person_id = :person and c.organisation_id = :organisation"
                        + " and c.status = 'PENDING'")
                .param("person", personId)
                .param("organisation", organisationId)
                .query(row())
                .optional()
                .map(claim -> withNames(List.of(claim)).getFirst());
    }

    /** The person's claims, newest first, with the decision and its reason. */
    @Transactional(readOnly = true)
    public List<Claim> of(long personId) {
        return withNames(jdbc.sql(SELECT + " where c.person_id = :person order by c.created_at desc, c.id desc")
                .param("person", personId)
                .query(row())
                .list());
    }

    /** The person's claims with their justification and decision, for their data export. */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> export(long personId) {
        return of(personId).stream()
                .map(claim -> {
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    row.put("id", claim.id());
                    row.put("organisationId", claim.organisationId());
                    row.put("organisationName", claim.organisationName());
                    row.put("justification", claim.justification());
                    row.put("status", claim.status().name());
                    row.put("reason", claim.reason());
                    row.put("createdAt", claim.createdAt().toString());
                    row.put(
                            "decidedAt",
                            claim.decidedAt() == null ? null : claim.decidedAt().toString());
                    return row;
                })
                .toList();
    }

    /**
     * Account deletion: erases the justification of every claim of the person; a pending one is closed as rejected
     * (nobody is left to approve). Returns how many claims were erased.
     */
    @Transactional
    public int erase(long personId) {
        return jdbc.sql("""
                        update organisation_claim
                           set justification = null,
                               status = case when status = 'PENDING' then 'REJECTED' else status end,
                               decided_at = case when status = 'PENDING' then current_timestamp else decided_at end
                         where person_id = :person
                        """).param("person", personId).update();
    }

    /** Claims waiting for a platform admin, oldest first. */
    @Transactional(readOnly = true)
    public List<Claim> pending() {
        return withNames(jdbc.sql(SELECT + " where c.status = 'PENDING' order by c.created_at, c.id")
                .query(row())
                .list());
    }

    /** The claimants' names, read in one query for the whole list. */
    private List<Claim> withNames(List<Claim> claims) {
        Map<Long, String> names =
                people.displayNames(claims.stream().map(Claim::personId).toList());
        return claims.stream()
                .map(c -> new Claim(
                        c.id(),
                        c.organisationId(),
                        c.organisationSlug(),
                        c.organisationName(),
                        c.personId(),
                        names.get(c.personId()),
                        c.justification(),
                        c.status(),
                        c.reason(),
                        c.createdAt(),
                        c.decidedAt()))
                .toList();
    }

    private RowMapper<Claim> row() {
        return (rs, n) -> {
            long personId = rs.getLong("person_id");
            return new Claim(
                    rs.getLong("id"),
                    rs.getLong("organisation_id"),
                    rs.getString("slug"),
                    rs.getString("name"),
                    personId,
                    null, // filled by withNames, one query for the whole list
                    rs.getString("justification"),
                    ClaimStatus.valueOf(rs.getString("status")),
                    rs.getString("reason"),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("decided_at") == null
                            ? null
                            : rs.getTimestamp("decided_at").toInstant());
        };
    }

    public enum ClaimStatus {
        PENDING,
        APPROVED,
        REJECTED
    }

    /** A claim as pages show it; {@code claimantName} is null for a deleted account. */
    public record Claim(
            long id,
            long organisationId,
            String organisationSlug,
            String organisationName,
            long personId,
            String claimantName,
            String justification,
            ClaimStatus status,
            String reason,
            Instant createdAt,
            Instant decidedAt) {}

    record ClaimState(long personId, ClaimStatus status, MembershipRole role) {}
}
