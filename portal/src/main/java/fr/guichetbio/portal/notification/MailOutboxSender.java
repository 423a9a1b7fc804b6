package fr.guichetbio.portal.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox's e-mails: every few seconds ({@code guichet.mail.check-every}, default 5 s), claims a batch of
 * due rows ({@code for update skip locked}: several portals never send the same e-mail twice), sends each through
 * SMTP and records the outcome in the same transaction. A failed e-mail is tried again later (waits doubling from
 * {@code guichet.mail.first-retry} up to {@code max-retry}) and given up after {@code max-attempts}, its last error
 * kept. An e-mail is sent at least once: a process stopped between SMTP's acceptance and the commit sends it again.
 */
@Component
@ConditionalOnMailSending
class MailOutboxSender {

    private static final Logger log = LoggerFactory.getLogger(MailOutboxSender.class);

    private final MailOutbox outbox;
    private final MailComposer composer;
    private final JavaMailSender mailSender;
    private final TransactionTemplate transactions;
    private final MailProperties properties;
    private final Counter retried;
    private final Counter abandoned;

    MailOutboxSender(
            MailOutbox outbox,
            MailComposer composer,
            JavaMailSender mailSender,
            TransactionTemplate transactions,
            MailProperties properties,
            MeterRegistry meters) {
        if (properties.from() == null || properties.from().isBlank()) {
            throw new IllegalStateException(
                    "guichet.mail.from (GUICHET_MAIL_FROM) is required when an SMTP host is set (spring.mail.host)");
        }
        this.outbox = outbox;
        this.composer = composer;
        this.mailSender = mailSender;
        this.transactions = transactions;
        this.properties = properties;
        // SMTP refusals and outages, by outcome: tried again later, or given up (max-attempts reached).
        this.retried = failures(meters, "retry");
        this.abandoned = failures(meters, "abandoned");
    }

    private static Counter failures(MeterRegistry meters, String outcome) {
        return Counter.builder("guichet.mail.failures")
                .description("E-mails the SMTP server did not take")
                .tag("outcome", outcome)
                .register(meters);
    }

    // Runs on every replica: each batch is claimed FOR UPDATE SKIP LOCKED, so one replica sends each e-mail.
    @Scheduled(
            fixedDelayString = "${guichet.mail.check-every:5s}",
            initialDelayString = "${guichet.mail.check-every:5s}")
    void tick() {
        try {
            int claimed;
            do {
                claimed = sendBatch();
            } while (claimed == properties.batch());
        } catch (RuntimeException e) {
            log.warn("Mail outbox: batch failed, trying again later: {}", e.toString());
        }
    }

    /** Sends one batch in one transaction; returns how many e-mails it claimed. */
    int sendBatch() {
        Integer claimed = transactions.execute(status -> {
            List<MailOutbox.Pending> due = outbox.claim(properties.batch());
            due.forEach(this::send);
            return due.size();
        });
        return claimed == null ? 0 : claimed;
    }

    private void send(MailOutbox.Pending pending) {
        SimpleMailMessage mail;
        try {
            mail = composer.compose(pending, properties.from()).orElse(null);
        } catch (RuntimeException e) {
            outbox.abandon(pending.id(), "could not write the e-mail: " + e, false);
            log.warn("Mail {} given up: could not write it", pending.id(), e);
            return;
        }
        if (mail == null) {
            outbox.abandon(pending.id(), "no address: account deleted, no e-mail or unverified", false);
            return;
        }
        try {
            mailSender.send(mail);
            outbox.sent(pending.id(), properties.workerName());
        } catch (MailException e) {
            int failures = pending.attempts() + 1;
            String error = e.getMessage() != null ? e.getMessage() : e.toString();
            if (failures >= properties.maxAttempts()) {
                outbox.abandon(pending.id(), error, true);
                abandoned.increment();
                log.warn("Mail {} given up after {} attempts: {}", pending.id(), failures, error);
            } else {
                outbox.retryLater(pending.id(), properties.retryAfter(failures), error);
                retried.increment();
                log.warn(
                        "Mail {} not sent (attempt {} of {}), retrying in {}: {}",
                        pending.id(),
                        failures,
                        properties.maxAttempts(),
                        properties.retryAfter(failures),
                        error);
            }
        }
    }
}
