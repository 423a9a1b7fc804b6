package fr.guichetbio.portal.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;

import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.identity.PortalUser;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** People of a test database, and MockMvc requests signed in as one of them (the portal's own principal). */
public final class TestPeople {

    private TestPeople() {}

    /** A person as the first sign-in records them, with platform roles. */
    public static long person(JdbcClient jdbc, String name, String email, PlatformRole... roles) {
        long id = jdbc.sql("""
                        insert into person (issuer, subject, name, email, email_domain, first_login_at, last_login_at)
                        values ('http://localhost:1/issuer', :subject, :name, :email, :domain, now(), now())
                        returning id
                        """)
                .param("subject", UUID.randomUUID().toString())
                .param("name", name)
                .param("email", email)
                .param("domain", email.substring(email.indexOf('@') + 1))
                .query(Long.class)
                .single();
        for (PlatformRole role : roles) {
            jdbc.sql("insert into person_role (person_id, role) values (:id, :role)")
                    .param("id", id)
                    .param("role", role.name())
                    .update();
        }
        return id;
    }

    /** Signed in as the person, with the name and roles the database holds for them. */
    public static RequestPostProcessor signedIn(JdbcClient jdbc, long personId) {
        return oidcLogin().oidcUser(portalUser(jdbc, personId));
    }

    /** The person as the sign-in makes them the principal: the name and roles the database holds for them. */
    public static PortalUser portalUser(JdbcClient jdbc, long personId) {
        String name = jdbc.sql("select name from person where id = :id")
                .param("id", personId)
                .query(String.class)
                .single();
        Set<PlatformRole> roles = Set.copyOf(jdbc.sql("select role from person_role where person_id = :id")
                .param("id", personId)
                .query((rs, n) -> PlatformRole.valueOf(rs.getString(1)))
                .list());
        OidcIdToken token = OidcIdToken.withTokenValue("id-token")
                .issuer("http://localhost:1/issuer")
                .subject("person-" + personId)
                .claim("name", name)
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(3600))
                .build();
        return new PortalUser(
                new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")), token, "name"),
                personId,
                name,
                roles);
    }
}
