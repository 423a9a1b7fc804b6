package fr.guichetbio.portal.organisation;

import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.identity.People;
import fr.guichetbio.portal.identity.PortalUser;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who belongs to an organisation: the members, removal, role changes, leaving ({@link Invitations} bring people in).
 * An organisation keeps at least one administrator while it has members.
 */
@Service
public class Memberships {

    private final JdbcClient jdbc;
    private final Organisations organisations;
    private final OrganisationAccess access;
    private final AuditTrail audit;
    private final People people;
    private final ApplicationEventPublisher events;

    Memberships(
            JdbcClient jdbc,
            Organisations organisations,
            OrganisationAccess access,
            AuditTrail audit,
            People people,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.access = access;
        this.audit = audit;
        this.people = people;
        this.events = events;
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

    /** Adds the person to the organisation, in the caller's transaction (an invitation used or confirmed). */
    static void join(JdbcClient jdbc, long organisationId, long personId, MembershipRole role) {
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

    private void lockOrganisation(long organisationId) {
        lockOrganisation(jdbc, organisationId);
    }

    /** Serialises membership changes of one organisation, so that two admins cannot demote each other at once. */
    static void lockOrganisation(JdbcClient jdbc, long organisationId) {
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

    /** A member as the members page shows them; {@code displayName} is null for a deleted account. */
    public record Member(long personId, String displayName, MembershipRole role, Instant joinedAt) {}

    record MemberState(long personId, MembershipRole role) {}
}
