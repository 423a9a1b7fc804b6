package fr.guichetbio.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An unreachable database gives 503 with Retry-After (the error page for pages, problem details for the API); other
 * failures keep their own handling.
 */
class DatabaseUnavailableTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What Spring's JPA transaction manager throws when Hikari finds no connection within its timeout. */
    private static final RuntimeException NO_CONNECTION = new CannotCreateTransactionException(
            "Could not open JPA EntityManager for transaction",
            new SQLTransientConnectionException(
                    "HikariPool-1 - Connection is not available, request timed out after 3000ms.",
                    "08001",
                    new SQLException("Connection to 127.0.0.1:5433 refused.", "08001")));

    @Test
    void aPageGetsTheErrorDispatchOf503WithRetryAfter() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/catalogue");
        MockHttpServletResponse response =
                filter(request, new ServletException("Request processing failed", NO_CONNECTION));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getErrorMessage()).isNull();
        assertThat(response.getHeader("Retry-After")).isEqualTo("10");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void theApiGetsProblemDetails() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/sites");
        request.setServletPath("/api/v1/sites");
        MockHttpServletResponse response = filter(request, NO_CONNECTION);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader("Retry-After")).isEqualTo("10");
        JsonNode problem = JSON.readTree(response.getContentAsString());
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/sites");
        assertThat(problem.get("detail").asString()).contains("retry after 10 s");
    }

    @Test
    void aServerShuttingDownOrALostConnectionCountsAsUnreachable() {
        assertThat(DatabaseUnavailable.unreachable(new SQLException("terminating connection", "57P01")))
                .isTrue();
        assertThat(DatabaseUnavailable.unreachable(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
        assertThat(DatabaseUnavailable.unreachable(
                        new RuntimeException(new SQLException("An I/O error occurred while sending", "08006"))))
                .isTrue();
    }

    @Test
    void aRollbackFailureHidingALostConnectionCountsAsUnreachable() {
        TransactionSystemException rollback =
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new SQLException("An I/O error occurred while sending", "08006"));

        assertThat(DatabaseUnavailable.unreachable(rollback)).isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNotHidden() {
        DataIntegrityViolationException duplicate = new DataIntegrityViolationException(
                "duplicate key", new SQLException("duplicate key value violates unique constraint", "23505"));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/organisations");

        assertThatThrownBy(() -> filter(request, duplicate)).isSameAs(duplicate);
        assertThat(DatabaseUnavailable.unreachable(new IllegalStateException("no cause")))
                .isFalse();
    }

    private static MockHttpServletResponse filter(MockHttpServletRequest request, Exception failure) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new DatabaseUnavailable.DatabaseUnavailableFilter(JSON)
                .doFilter(request, response, new MockFilterChain(new HttpServlet() {
                    @Override
                    protected void service(HttpServletRequest req, HttpServletResponse res) throws ServletException {
                        if (failure instanceof ServletException servlet) {
                            throw servlet;
                        }
                        throw (RuntimeException) failure;
                    }
                }));
        return response;
    }
}
