package fr.guichetbio.portal.support;

import fr.guichetbio.portal.identity.PortalUser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Sessions as the portal keeps them, in PostgreSQL (Spring Session JDBC): a signed-in session stored directly in the
 * portal's session repository, for requests that carry its cookie as a browser would.
 */
public final class TestSessions {

    /** The session cookie's name ({@code server.servlet.session.cookie.name}). */
    public static final String COOKIE = "GUICHET_SESSION";

    /** The client registration people sign in through ({@code spring.security.oauth2.client.registration}). */
    public static final String REGISTRATION_ID = "guichet";

    private TestSessions() {}

    /** The authentication the OpenID Connect sign-in gives the person. */
    public static OAuth2AuthenticationToken authentication(PortalUser user) {
        return new OAuth2AuthenticationToken(user, user.getAuthorities(), REGISTRATION_ID);
    }

    /**
     * Stores a session as the sign-in leaves it (the security context with the person), with {@code more} attributes;
     * returns its cookie value (the session id in Base64, as Spring Session writes it).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static String signedIn(SessionRepository sessions, PortalUser user, Map<String, Object> more) {
        Session session = sessions.createSession();
        session.setAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                new SecurityContextImpl(authentication(user)));
        more.forEach(session::setAttribute);
        sessions.save(session);
        return Base64.getEncoder().encodeToString(session.getId().getBytes(StandardCharsets.UTF_8));
    }

    /** The session id of a cookie value. */
    public static String id(String cookie) {
        return new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
    }
}
