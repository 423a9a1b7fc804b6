package fr.guichetbio.portal.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The people who have signed in at least once, one row per (issuer, subject). */
@Repository
class Persons {

    private final JdbcClient jdbc;

    Persons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a login: inserts the person on first login, otherwise refreshes the profile and the last login time. */
    void recordLogin(PersonLogin login) {
        jdbc.sql("""
                        insert into person (issuer, subject, name, email, locale, first_login_at, last_login_at)
                        values (:issuer, :subject, :name, :email, :locale, current_timestamp, current_timestamp)
                        on conflict (issuer, subject) do update
                           set name = excluded.name,
                               email = excluded.email,
                               locale = excluded.locale,
                               last_login_at = excluded.last_login_at
                        """)
                .param("issuer", login.issuer())
                .param("subject", login.subject())
                .param("name", login.name())
                .param("email", login.email())
                .param("locale", login.locale())
                .update();
    }

    /** What the identity provider told us about a person at login; everything but issuer and subject may be null. */
    record PersonLogin(String issuer, String subject, String name, String email, String locale) {}
}
