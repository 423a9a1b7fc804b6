package fr.guichetbio.portal.notification;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The e-mail sender's settings ({@code guichet.mail.*}); the SMTP server itself is Spring Boot's {@code spring.mail.*}
 * ({@code SPRING_MAIL_HOST}, {@code SPRING_MAIL_PORT}, {@code SPRING_MAIL_USERNAME}, {@code SPRING_MAIL_PASSWORD}).
 *
 * @param enabled whether this process sends the outbox's e-mails (env {@code GUICHET_MAIL_ENABLED}); any number of
 *     portals may: each e-mail is claimed by one
 * @param from the sender address, e.g. {@code Guichet Bioproduction <ne-pas-repondre@guichet-bioproduction.fr>}
 *     (env {@code GUICHET_MAIL_FROM}); required when an SMTP host is set
 * @param batch how many e-mails one transaction claims
 * @param maxAttempts attempts before an e-mail is given up (its last error kept in {@code mail_outbox.last_error})
 * @param firstRetry the wait after a first failure, doubled at each failure up to {@code maxRetry}
 * @param workerName written in {@code mail_outbox.sent_by}; default {@code host:pid}
 */
@ConfigurationProperties("guichet.mail")
public record MailProperties(
        @DefaultValue("true") boolean enabled,
        String from,
        @DefaultValue("20") int batch,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("30s") Duration firstRetry,
        @DefaultValue("1h") Duration maxRetry,
        String workerName) {

    public MailProperties {
        if (batch < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("guichet.mail.batch and guichet.mail.max-attempts must be at least 1");
        }
        if (workerName == null || workerName.isBlank()) {
            workerName = hostName() + ":" + ProcessHandle.current().pid();
        }
        workerName =
                workerName.strip().substring(0, Math.min(100, workerName.strip().length()));
    }

    /** The wait before attempt {@code failures + 1}: first retry × 2^(failures − 1), at most the maximum. */
    Duration retryAfter(int failures) {
        Duration wait = firstRetry;
        for (int i = 1; i < failures && wait.compareTo(maxRetry) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetry) < 0 ? wait : maxRetry;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String host = System.getenv("HOSTNAME");
            return host == null ? "unknown" : host;
        }
    }
}
