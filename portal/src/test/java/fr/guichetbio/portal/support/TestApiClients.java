package fr.guichetbio.portal.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.web.servlet.MockMvc;

/** API clients of a test database, registered as the portal requires, and their tokens from the token endpoint. */
public final class TestApiClients {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final String SECRET = "secret";

    private TestApiClients() {}

    /**
     * An access token of a new client of the organisation with these scopes. The client is registered by a new admin
     * of the organisation: a client whose creator is not one gets no token.
     */
    public static String token(MockMvc mvc, JdbcClient jdbc, long organisation, String scopes) throws Exception {
        String clientId = "gb_test_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                        with admin as (
                          insert into person (issuer, subject, name, first_login_at, last_login_at)
                          values ('http://localhost:1/issuer', :id, :id, now(), now()) returning id),
                        joined as (
                          insert into membership (organisation_id, person_id, role)
                          select :o, id, 'ADMIN' from admin)
                        insert into api_client (client_id, secret_hash, organisation_id, name, scopes, created_by)
                        select :id, :hash, :o, :id, :scopes, id from admin
                        """)
                .param("id", clientId)
                .param(
                        "hash",
                        PasswordEncoderFactories.createDelegatingPasswordEncoder()
                                .encode(SECRET))
                .param("o", organisation)
                .param("scopes", scopes)
                .update();
        String body = mvc.perform(post("/api/oauth/token")
                        .with(httpBasic(clientId, SECRET))
                        .param("grant_type", "client_credentials"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        Matcher matcher = ACCESS_TOKEN.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }
}
