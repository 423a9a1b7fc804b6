package fr.guichetbio.portal.identity;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 {@code application/problem+json} answers for the API's 401 and 403, with the bearer challenge header. */
final class ProblemResponses {

    private ProblemResponses() {}

    static AuthenticationEntryPoint unauthorized(JsonMapper json) {
        BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
        return (request, response, exception) -> {
            challenge.commence(request, response, exception);
            write(json, response, HttpStatus.UNAUTHORIZED, request.getRequestURI());
        };
    }

    static AccessDeniedHandler forbidden(JsonMapper json) {
        BearerTokenAccessDeniedHandler challenge = new BearerTokenAccessDeniedHandler();
        return (request, response, exception) -> {
            challenge.handle(request, response, exception);
            write(json, response, HttpStatus.FORBIDDEN, request.getRequestURI());
        };
    }

    private static void write(JsonMapper json, HttpServletResponse response, HttpStatus status, String path)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("instance", path);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
