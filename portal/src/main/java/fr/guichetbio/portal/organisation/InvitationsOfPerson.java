package fr.guichetbio.portal.organisation;

import fr.guichetbio.portal.identity.People;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The invitations of one person, as personal data: their export, and their erasure when the account is deleted. */
@Service
public class InvitationsOfPerson {

    private final JdbcClient jdbc;
    private final People people;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    InvitationsOfPerson(JdbcClient jdbc, People people) {
        this(jdbc, people, Clock.systemUTC());
    }

    InvitationsOfPerson(JdbcClient jdbc, People people, Clock clock) {
        this.jdbc = jdbc;
        this.people = people;
        this.clock = clock;
    }

    /**
     * The invitations addressed to the person (their current address, case ignored) or used by them, for their data
     * export.
     */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> export(long personId) {
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
    @Transactional(propagation = Propagation.MANDATORY)
    public int erase(long personId) {
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
}
