package fr.guichetbio.portal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * While PostgreSQL cannot be reached (restarted, failing over to the replica), a request that needs it answers 503
 * with {@code Retry-After} — the page "service momentarily unavailable" ({@code error/503.html}), or
 * {@code application/problem+json} under {@code /api/} — instead of a 500. It answers within the pool's connection
 * timeout ({@code spring.datasource.hikari.connection-timeout}); once the server is back, the pool's next connections
 * work again: nothing to restart. Error pages read nothing from the database (see the header's unread counter), so
 * that this one renders.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseUnavailable {

    /** A restart or a failover takes seconds. */
    static final int RETRY_AFTER_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);

    /** Around everything but the request id (whose filter comes first), Spring Security's filters included. */
    @Bean
    FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter(JsonMapper json) {
        FilterRegistrationBean<DatabaseUnavailableFilter> registration =
                new FilterRegistrationBean<>(new DatabaseUnavailableFilter(json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * Whether the failure is the database being unreachable: the pool found no connection in time, or the driver lost
     * or could not open one (SQLSTATE class 08), or the server is shutting down or starting (57P01–57P03). A failed
     * rollback hides the failure that caused it: that one is looked at too.
     */
    static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.matches("57P0[123]")) {
                    return true;
                }
            }
            if (cause instanceof TransactionSystemException rollback
                    && rollback.getApplicationException() != null
                    && unreachable(rollback.getApplicationException())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    static final class DatabaseUnavailableFilter extends OncePerRequestFilter {

        /** As the API's security filter chain matches its requests. */
        private static final RequestMatcher API =
                PathPatternRequestMatcher.withDefaults().matcher("/api/**");

        private final JsonMapper json;

        DatabaseUnavailableFilter(JsonMapper json) {
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            try {
                chain.doFilter(request, response);
            } catch (ServletException | IOException | RuntimeException e) {
                if (!unreachable(e) || response.isCommitted()) {
                    throw e;
                }
                log.warn(
                        "Database unreachable, answered 503 to {} {}: {}",
                        request.getMethod(),
                        request.getRequestURI(),
                        rootMessage(e));
                answer(request, response);
            }
        }

        private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.resetBuffer();
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            if (!API.matches(request)) {
                response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
                return;
            }
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase());
            problem.put("status", HttpStatus.SERVICE_UNAVAILABLE.value());
            problem.put(
                    "detail",
                    "The service is momentarily unavailable (its database cannot be reached); retry after "
                            + RETRY_AFTER_SECONDS + " s.");
            problem.put("instance", request.getRequestURI());
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            json.writeValue(response.getOutputStream(), problem);
        }

        private static String rootMessage(Throwable failure) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName() + ": " + root.getMessage();
        }
    }
}
