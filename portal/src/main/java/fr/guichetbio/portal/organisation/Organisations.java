package fr.guichetbio.portal.organisation;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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

    /** The organisations of these ids that exist, by id in the order given; one statement whatever their number. */
    public Map<Long, Organisation> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, Organisation> found = jdbc
                .sql("select " + COLUMNS + " from organisation where id = any(:ids)")
                .param("ids", ids.stream().distinct().toArray(Long[]::new))
                .query(ROW)
                .list()
                .stream()
                .collect(Collectors.toMap(Organisation::id, organisation -> organisation));
        Map<Long, Organisation> ordered = new LinkedHashMap<>();
        ids.stream().filter(found::containsKey).forEach(id -> ordered.put(id, found.get(id)));
        return ordered;
    }

    /** The names of the organisations of these ids that exist, in the order given; one statement. */
    public Map<Long, String> namesOf(Collection<Long> ids) {
        Map<Long, String> names = new LinkedHashMap<>();
        findAll(ids).forEach((id, organisation) -> names.put(id, organisation.name()));
        return names;
    }

    public Optional<Organisation> findBySlug(String slug) {
        return jdbc.sql("select " + COLUMNS + " from organisation where slug = :slug")
                .param("slug", slug)
                .query(ROW)
                .optional();
    }

    /** Whether an organisation has this slug. */
    public boolean slugTaken(String slug) {
        return jdbc.sql("select count(*) from organisation where slug = :slug")
                        .param("slug", slug)
                        .query(Long.class)
                        .single()
                > 0;
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

    /** The organisations a person belongs to, in the order they joined them (the first joined first). */
    public List<Long> joinedBy(long personId) {
        return jdbc.sql("select organisation_id from membership where person_id = :person"
                        + " order by joined_at, organisation_id")
                .param("person", personId)
                .query(Long.class)
                .list();
    }

    /**
     * The website domain counts only once proven: an admin of the organisation signed in with an address on that
     * domain, not said unverified by their identity provider. Otherwise anyone could name a website to be suggested to
     * that domain's people.
     */
    private static final String PROVEN_DOMAIN = """
            exists (select 1 from membership a join person ap on ap.id = a.person_id
                     where a.organisation_id = o.id and a.role = 'ADMIN' and ap.deleted_at is null
                       and ap.email_domain = o.website_domain and ap.email_verified is distinct from false)
            """;

    /** The person's verified address is on the domain of the organisation's (proven) website. */
    private static final String DOMAIN_MATCH = """
            p.email_domain = o.website_domain and p.email_verified is distinct from false and
            """ + PROVEN_DOMAIN;

    /**
     * Active organisations whose proven website domain is the person's verified email domain and which they do not
     * belong to yet.
     */
    public List<Organisation> suggestedFor(long personId) {
        return jdbc.sql("select o." + COLUMNS.replace(", ", ", o.") + " from organisation o"
                        + " join person p on p.id = :person"
                        + " where o.status = 'ACTIVE' and " + DOMAIN_MATCH
                        + " and not exists (select 1 from membership m"
                        + " where m.organisation_id = o.id and m.person_id = :person) order by o.name")
                .param("person", personId)
                .query(ROW)
                .list();
    }

    /** Whether the person's verified email domain is the organisation's proven website domain. */
    public boolean emailDomainMatches(long personId, long organisationId) {
        return jdbc.sql("select count(*) from organisation o join person p on p.id = :person"
                                + " where o.id = :organisation and " + DOMAIN_MATCH)
                        .param("organisation", organisationId)
                        .param("person", personId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Organisations whose name contains the text (case ignored; all when blank), optionally by status. */
    public List<Organisation> search(String text, OrganisationStatus status, int limit) {
        return jdbc.sql("select " + COLUMNS + " from organisation"
                        + " where (cast(:status as varchar) is null or status = cast(:status as varchar))"
                        + " and (cast(:text as varchar) is null or lower(name) like lower(cast(:text as varchar)))"
                        + " order by name limit :limit")
                .param("status", status == null ? null : status.name())
                .param("text", text == null || text.isBlank() ? null : "%" + escapeLike(text.strip()) + "%")
                .param("limit", limit)
                .query(ROW)
                .list();
    }

    /** The members with their role, admins first; names are looked up by the caller. */
    public List<MembershipRow> memberships(long organisationId) {
        return jdbc.sql("select person_id, role, joined_at from membership where organisation_id = :organisation"
                        + " order by case role when 'ADMIN' then 0 else 1 end, joined_at, person_id")
                .param("organisation", organisationId)
                .query((rs, n) -> new MembershipRow(
                        rs.getLong("person_id"),
                        MembershipRole.valueOf(rs.getString("role")),
                        rs.getTimestamp("joined_at").toInstant()))
                .list();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** One membership as stored. */
    public record MembershipRow(long personId, MembershipRole role, Instant joinedAt) {}
}
