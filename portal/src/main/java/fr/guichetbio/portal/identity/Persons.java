package fr.guichetbio.portal.identity;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The people who have signed in at least once, one row per (issuer, subject), and their platform roles. */
@Repository
class Persons {

    private final JdbcClient jdbc;

    Persons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a login: inserts the person on first login, otherwise refreshes what the identity provider says and the
     * last login time. Returns who the person is in the portal.
     */
    @Transactional
    SignedInPerson recordLogin(PersonLogin login) {
        long id = jdbc.sql("""
                        insert into person (issuer, subject, name, email, email_domain, email_verified, locale,
                                            first_login_at, last_login_at)
                        values (:issuer, :subject, :name, :email, :domain, :verified, :locale,
                                current_timestamp, current_timestamp)
                        on conflict (issuer, subject) do update
                           set name = excluded.name,
                               first_login_at = coalesce(person.first_login_at, excluded.first_login_at),
                               email = excluded.email,
                               email_domain = excluded.email_domain,
                               email_verified = excluded.email_verified,
                               locale = excluded.locale,
                               last_login_at = excluded.last_login_at
                        returning id
                        """)
                .param("issuer", login.issuer())
                .param("subject", login.subject())
                .param("name", login.name())
                .param("email", login.email())
                .param("domain", emailDomain(login.email()))
                .param("verified", login.emailVerified(), java.sql.Types.BOOLEAN)
                .param("locale", login.locale())
                .query(Long.class)
                .single();
        return jdbc.sql("""
                        select id, coalesce(display_name, name) as shown, suspended_at is not null as suspended
                          from person where id = :id
                        """)
                .param("id", id)
                .query((rs, n) -> new SignedInPerson(
                        rs.getLong("id"), rs.getString("shown"), rs.getBoolean("suspended"), roles(id)))
                .single();
    }

    private static final String SUMMARY_COLUMNS = """
            p.id, coalesce(p.display_name, p.name) as shown, p.email, p.language, p.suspended_at,
            p.suspension_reason, p.deleted_at, p.last_login_at,
            array(select r.role from person_role r where r.person_id = p.id order by r.role) as roles
            """;

    Optional<Long> idOf(String issuer, String subject) {
        return jdbc.sql("select id from person where issuer = :issuer and subject = :subject")
                .param("issuer", issuer)
                .param("subject", subject)
                .query(Long.class)
                .optional();
    }

    Optional<PersonSummary> find(long id) {
        return jdbc.sql("select " + SUMMARY_COLUMNS + " from person p where p.id = :id")
                .param("id", id)
                .query((rs, n) -> summary(rs))
                .optional();
    }

    List<PersonSummary> findAll(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + SUMMARY_COLUMNS + " from person p where p.id = any(:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .query((rs, n) -> summary(rs))
                .list();
    }

    List<PersonSummary> search(String text, int page, int pageSize) {
        String needle = text == null ? "" : text.strip();
        return jdbc.sql("select " + SUMMARY_COLUMNS + """
                         from person p
                        where p.deleted_at is null
                          and (:needle = '' or p.name ilike :pattern escape '\\'
                               or p.display_name ilike :pattern escape '\\'
                               or p.email ilike :pattern escape '\\'
                               or p.subject ilike :pattern escape '\\')
                        order by lower(coalesce(p.display_name, p.name, p.email, p.subject)), p.id
                        limit :limit offset :offset
                        """)
                .param("needle", needle)
                .param("pattern", "%" + likeEscaped(needle) + "%")
                .param("limit", pageSize)
                .param("offset", page * pageSize)
                .query((rs, n) -> summary(rs))
                .list();
    }

    /** What the per-request check needs: one query. Empty when the row is gone. */
    Optional<People.SessionState> sessionState(long id) {
        return jdbc.sql("""
                        select suspended_at is not null as suspended, deleted_at is not null as deleted,
                               coalesce(display_name, name) as shown,
                               array(select r.role from person_role r where r.person_id = p.id) as roles
                          from person p where p.id = :id
                        """)
                .param("id", id)
                .query((rs, n) -> new People.SessionState(
                        rs.getBoolean("suspended"), rs.getBoolean("deleted"), rs.getString("shown"), roles(rs)))
                .optional();
    }

    /** Sets the chosen name and language; returns how many rows changed (0 when the person is gone or deleted). */
    int updateProfile(long id, String displayName, String language) {
        return jdbc.sql("""
                        update person set display_name = :displayName, language = :language
                         where id = :id and deleted_at is null
                        """)
                .param("id", id)
                .param("displayName", displayName)
                .param("language", language)
                .update();
    }

    /** Grants a role; {@code false} when the person already had it. */
    boolean grant(long id, PlatformRole role, Long grantedBy) {
        return jdbc.sql("""
                        insert into person_role (person_id, role, granted_by) values (:id, :role, :by)
                        on conflict (person_id, role) do nothing
                        """)
                        .param("id", id)
                        .param("role", role.name())
                        .param("by", grantedBy)
                        .update()
                == 1;
    }

    /** Revokes a role; {@code false} when the person did not have it. */
    boolean revoke(long id, PlatformRole role) {
        return jdbc.sql("delete from person_role where person_id = :id and role = :role")
                        .param("id", id)
                        .param("role", role.name())
                        .update()
                == 1;
    }

    boolean suspend(long id, String reason) {
        return jdbc.sql("""
                        update person set suspended_at = current_timestamp, suspension_reason = :reason
                         where id = :id and deleted_at is null
                        """).param("id", id).param("reason", reason).update() == 1;
    }

    boolean unsuspend(long id) {
        return jdbc.sql("""
                        update person set suspended_at = null, suspension_reason = null
                         where id = :id and suspended_at is not null
                        """).param("id", id).update() == 1;
    }

    /**
     * Deletes an account: removes its roles and pseudonymises the row (no name, email, locale; the subject replaced,
     * so that a later login with the same subject creates a fresh person). The row itself stays: audit entries
     * refer to its id.
     */
    boolean pseudonymise(long id) {
        jdbc.sql("delete from person_role where person_id = :id")
                .param("id", id)
                .update();
        return jdbc.sql("""
                        update person
                           set subject = 'deleted-' || id, name = null, email = null, email_domain = null,
                               email_verified = null,
                               locale = null, display_name = null, language = null, suspended_at = null,
                               suspension_reason = null, deleted_at = current_timestamp
                         where id = :id and deleted_at is null
                        """).param("id", id).update() == 1;
    }

    /** Creates the person (not yet signed in) when missing; returns its id. */
    long upsert(String issuer, String subject) {
        return jdbc.sql("""
                        insert into person (issuer, subject) values (:issuer, :subject)
                        on conflict (issuer, subject) do update set issuer = excluded.issuer
                        returning id
                        """)
                .param("issuer", issuer)
                .param("subject", subject)
                .query(Long.class)
                .single();
    }

    /** The person row as stored, for the person's own data export. */
    Map<String, Object> row(long id) {
        return jdbc.sql("""
                        select id, issuer, subject, name, email, email_domain, email_verified, locale, display_name,
                               language,
                               suspended_at, suspension_reason, first_login_at, last_login_at, deleted_at
                          from person where id = :id
                        """)
                .param("id", id)
                .query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        row.put(
                                rs.getMetaData().getColumnLabel(i),
                                value instanceof Timestamp t ? t.toInstant().toString() : value);
                    }
                    return row;
                })
                .optional()
                .orElse(Map.of());
    }

    /** The roles with who granted them and when, for the data export. */
    List<Map<String, Object>> roleGrants(long id) {
        return jdbc.sql("select role, granted_by, granted_at from person_role where person_id = :id order by role")
                .param("id", id)
                .query((rs, n) -> {
                    Map<String, Object> grant = new LinkedHashMap<>();
                    grant.put("role", rs.getString("role"));
                    grant.put("grantedBy", rs.getObject("granted_by"));
                    grant.put(
                            "grantedAt",
                            rs.getTimestamp("granted_at").toInstant().toString());
                    return grant;
                })
                .list();
    }

    private static PersonSummary summary(ResultSet rs) throws SQLException {
        return new PersonSummary(
                rs.getLong("id"),
                rs.getString("shown"),
                rs.getString("email"),
                rs.getString("language"),
                roles(rs),
                instant(rs, "suspended_at"),
                rs.getString("suspension_reason"),
                instant(rs, "deleted_at"),
                instant(rs, "last_login_at"));
    }

    private static Set<PlatformRole> roles(ResultSet rs) throws SQLException {
        EnumSet<PlatformRole> roles = EnumSet.noneOf(PlatformRole.class);
        Array array = rs.getArray("roles");
        if (array != null) {
            for (Object role : (Object[]) array.getArray()) {
                roles.add(PlatformRole.valueOf((String) role));
            }
        }
        return roles;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    Set<PlatformRole> roles(long personId) {
        EnumSet<PlatformRole> roles = EnumSet.noneOf(PlatformRole.class);
        jdbc.sql("select role from person_role where person_id = :id")
                .param("id", personId)
                .query(String.class)
                .list()
                .forEach(role -> roles.add(PlatformRole.valueOf(role)));
        return roles;
    }

    static String emailDomain(String email) {
        if (email == null || email.indexOf('@') < 0) {
            return null;
        }
        return email.substring(email.lastIndexOf('@') + 1).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The address the person signed in with, lower-cased, if the identity provider did not say it is unverified
     * ({@code email_verified} true, or absent when the provider does not send that claim).
     */
    Optional<String> verifiedEmail(long id) {
        return jdbc.sql("""
                        select lower(email) from person
                         where id = :id and email is not null and deleted_at is null
                           and email_verified is distinct from false
                        """).param("id", id).query(String.class).optional();
    }

    /**
     * What the identity provider told us about a person at login; everything but issuer and subject may be null
     * ({@code emailVerified} is null when the provider sends no {@code email_verified} claim).
     */
    record PersonLogin(String issuer, String subject, String name, String email, String locale, Boolean emailVerified) {

        PersonLogin(String issuer, String subject, String name, String email, String locale) {
            this(issuer, subject, name, email, locale, null);
        }
    }

    /** Who signed in, as the portal knows them. */
    record SignedInPerson(long id, String displayName, boolean suspended, Set<PlatformRole> roles) {}
}
