package fr.guichetbio.portal.identity;

import java.util.EnumSet;
import java.util.Locale;
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
                        insert into person (issuer, subject, name, email, email_domain, locale,
                                            first_login_at, last_login_at)
                        values (:issuer, :subject, :name, :email, :domain, :locale,
                                current_timestamp, current_timestamp)
                        on conflict (issuer, subject) do update
                           set name = excluded.name,
                               email = excluded.email,
                               email_domain = excluded.email_domain,
                               locale = excluded.locale,
                               last_login_at = excluded.last_login_at
                        returning id
                        """)
                .param("issuer", login.issuer())
                .param("subject", login.subject())
                .param("name", login.name())
                .param("email", login.email())
                .param("domain", emailDomain(login.email()))
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

    /** What the identity provider told us about a person at login; everything but issuer and subject may be null. */
    record PersonLogin(String issuer, String subject, String name, String email, String locale) {}

    /** Who signed in, as the portal knows them. */
    record SignedInPerson(long id, String displayName, boolean suspended, Set<PlatformRole> roles) {}
}
