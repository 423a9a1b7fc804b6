package fr.guichetbio.portal.matchmaking.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;

import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.identity.PortalUser;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** People and organisations of the matchmaking page tests, written straight into the test database. */
final class MatchmakingPeople {

    private MatchmakingPeople() {}

    static long person(JdbcClient jdbc, String subject) {
        return jdbc.sql("""
                        insert into person (issuer, subject, name, email, first_login_at, last_login_at)
                        values ('http://localhost:1/issuer', :subject, :subject, :email, now(), now())
                        returning id
                        """)
                .param("subject", subject)
                .param("email", subject + "@example.org")
                .query(Long.class)
                .single();
    }

    /** An active organisation of {@code kind} ({@code SPONSOR}, {@code MANUFACTURER}…). */
    static long organisation(JdbcClient jdbc, String slug, String name, String kind) {
        return jdbc.sql("""
                        insert into organisation (slug, name, kind, website, website_domain, status)
                        values (:slug, :name, :kind, 'https://x.example', 'x.example', 'ACTIVE') returning id
                        """)
                .param("slug", slug)
                .param("name", name)
                .param("kind", kind)
                .query(Long.class)
                .single();
    }

    static void member(JdbcClient jdbc, long organisation, long person) {
        jdbc.sql("insert into membership (organisation_id, person_id, role) values (:o, :p, 'MEMBER')")
                .param("o", organisation)
                .param("p", person)
                .update();
    }

    /** Signed in as the person. */
    static RequestPostProcessor as(long personId) {
        OidcIdToken token = OidcIdToken.withTokenValue("id-token")
                .issuer("http://localhost:1/issuer")
                .subject("person-" + personId)
                .build();
        return oidcLogin()
                .oidcUser(new PortalUser(
                        new DefaultOidcUser(List.of(), token),
                        personId,
                        "Person " + personId,
                        Set.of(PlatformRole.SPONSOR)));
    }
}
