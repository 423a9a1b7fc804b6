package fr.guichetbio.training.record;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forwards the learning records to an external LRS ({@code guichet.training.lrs.endpoint}; no bean without it): every
 * {@code guichet.training.lrs.interval}, the due statements, oldest first, in batches POSTed to
 * {@code <endpoint>/statements} with the xAPI version header. A failed batch is retried later, the wait doubling from
 * {@code first-retry} up to {@code max-retry}, until {@code max-attempts}; then it stays in the database with its last
 * error. Batches are claimed with {@code FOR UPDATE SKIP LOCKED}, so several portal replicas never send one twice.
 * Runs on the scheduler's thread: a slow or absent LRS never delays a learner.
 */
@Component
@ConditionalOnProperty(prefix = "guichet.training.lrs", name = "endpoint")
public class LrsForwarder {

    private static final Logger log = LoggerFactory.getLogger(LrsForwarder.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final LearningRecordsProperties.Lrs lrs;
    private final HttpClient http;
    private final Clock clock;

    @Autowired
    LrsForwarder(JdbcClient jdbc, PlatformTransactionManager transactions, LearningRecordsProperties properties) {
        this(jdbc, transactions, properties, Clock.systemUTC());
    }

    LrsForwarder(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            LearningRecordsProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.lrs = properties.lrs();
        this.http = HttpClient.newBuilder()
                .connectTimeout(lrs.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.clock = clock;
    }

    // Runs on every replica: batches claimed FOR UPDATE SKIP LOCKED, so one replica forwards each statement.
    @Scheduled(
            initialDelayString = "${guichet.training.lrs.interval:15s}",
            fixedDelayString = "${guichet.training.lrs.interval:15s}")
    void scheduled() {
        try {
            forwardDue();
        } catch (RuntimeException e) {
            log.warn("Forwarding learning records failed; retried at the next run", e);
        }
    }

    /** Sends the statements due now, batch after batch, until none is due or a batch fails; returns how many went. */
    public int forwardDue() {
        int sent = 0;
        while (true) {
            Integer batch = transactions.execute(status -> forwardOneBatch());
            if (batch == null || batch <= 0) {
                return sent;
            }
            sent += batch;
        }
    }

    record Due(UUID id, String statement, int attempts) {}

    /** One batch in one transaction: its rows stay locked while it is sent. Returns the count sent, -1 on failure. */
    private int forwardOneBatch() {
        Instant now = clock.instant();
        List<Due> due = jdbc.sql("""
                        select id, statement::text statement, forward_attempts from learning_statement
                         where forwarded_at is null and next_attempt_at <= :now
                         order by stored_at, id limit :limit
                         for update skip locked
                        """)
                .param("now", Timestamp.from(now))
                .param("limit", lrs.batchSize())
                .query((rs, n) -> new Due(
                        rs.getObject("id", UUID.class), rs.getString("statement"), rs.getInt("forward_attempts")))
                .list();
        if (due.isEmpty()) {
            return 0;
        }
        String error =
                send("[" + String.join(",", due.stream().map(Due::statement).toList()) + "]");
        List<UUID> ids = due.stream().map(Due::id).toList();
        if (error == null) {
            jdbc.sql("""
                            update learning_statement
                               set forwarded_at = :now, next_attempt_at = null, last_error = null,
                                   forward_attempts = forward_attempts + 1
                             where id in (:ids)
                            """).param("now", Timestamp.from(now)).param("ids", ids).update();
            return due.size();
        }
        log.warn("The LRS refused or missed {} learning records: {}", due.size(), error);
        for (Due statement : due) {
            int failures = statement.attempts() + 1;
            jdbc.sql("""
                            update learning_statement
                               set forward_attempts = :failures, last_error = :error, next_attempt_at = :next
                             where id = :id
                            """)
                    .param("failures", failures)
                    .param("error", error.length() > 500 ? error.substring(0, 500) : error)
                    .param(
                            "next",
                            failures >= lrs.maxAttempts() ? null : Timestamp.from(now.plus(lrs.backoff(failures))))
                    .param("id", statement.id())
                    .update();
        }
        return -1;
    }

    /** POSTs the statements; returns {@code null} when the LRS stored them, otherwise what went wrong. */
    private String send(String statements) {
        HttpRequest.Builder request = HttpRequest.newBuilder(statementsUri())
                .timeout(lrs.timeout())
                .header("Content-Type", "application/json")
                .header("X-Experience-API-Version", Statements.VERSION)
                .POST(HttpRequest.BodyPublishers.ofString(statements, StandardCharsets.UTF_8));
        if (lrs.username() != null) {
            String credentials = lrs.username() + ":" + (lrs.password() == null ? "" : lrs.password());
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                return null;
            }
            String body = response.body() == null ? "" : response.body();
            return "HTTP " + response.statusCode() + " " + body.substring(0, Math.min(body.length(), 200));
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private URI statementsUri() {
        String endpoint = lrs.endpoint().toString();
        return URI.create(endpoint + (endpoint.endsWith("/") ? "" : "/") + "statements");
    }
}
