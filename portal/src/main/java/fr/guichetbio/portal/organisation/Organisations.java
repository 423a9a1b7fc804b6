package fr.guichetbio.portal.organisation;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads organisations and memberships. Changes go through the services that check access and write the audit. */
@Repository
public class Organisations {

    static final RowMapper<Organisation> ROW = (rs, n) -> new Organisation(
            rs.getLong("id"),
            rs.getString("slug"),
            rs.getString("name"),
            OrganisationKind.valueOf(rs.getString("kind")),
            rs.getString("website"),
            rs.getString("description"),
            OrganisationStatus.valueOf(rs.getString("status")),
            rs.getInt("version"));

    static final String COLUMNS = "id, slug, name, kind, website, description, status, version";

    private final JdbcClient jdbc;

    Organisations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Organisation> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from organisation where id = :id")
                .param("id", id)
                .query(ROW)
                .optional();
    }

    public Optional<Organisation> findBySlug(String slug) {
        return jdbc.sql("select " + COLUMNS + " from organisation where slug = :slug")
                .param("slug", slug)
                .query(ROW)
                .optional();
    }

    /** The person's role in the organisation, empty when not a member. */
    public Optional<MembershipRole> roleOf(long personId, long organisationId) {
        return jdbc.sql("select role from membership where person_id = :person and organisation_id = :organisation")
                .param("person", personId)
                .param("organisation", organisationId)
                .query(String.class)
                .optional()
                .map(MembershipRole::valueOf);
    }

    /** The organisations a person belongs to, by name. */
    public List<Organisation> ofPerson(long personId) {
        return jdbc.sql("select o." + COLUMNS.replace(", ", ", o.")
                        + " from organisation o join membership m on m.organisation_id = o.id"
                        + " where m.person_id = :person order by o.name")
                .param("person", personId)
                .query(ROW)
                .list();
    }
}
