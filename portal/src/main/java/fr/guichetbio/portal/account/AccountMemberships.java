package fr.guichetbio.portal.account;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What account deletion and export need from the membership table. (Candidates to move into the organisation
 * module's public API; kept here to avoid two engineers editing the same class at once.)
 */
@Repository
class AccountMemberships {

    private final JdbcClient jdbc;

    AccountMemberships(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Organisations with other members where the person is the only admin: they must hand over first. */
    List<String> blockingOrganisations(long personId) {
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

    /** Removes every membership of the person; returns the organisations left. */
    List<Long> leaveAll(long personId) {
        return jdbc.sql("delete from membership where person_id = :person returning organisation_id")
                .param("person", personId)
                .query(Long.class)
                .list();
    }

    /** The person's memberships for their data export. */
    List<Map<String, Object>> export(long personId) {
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
}
