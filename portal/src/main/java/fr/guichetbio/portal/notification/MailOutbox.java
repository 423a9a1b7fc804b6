package fr.guichetbio.portal.notification;

import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The e-mails to send ({@code mail_outbox}, written by {@link Notifications}), as the sender claims and settles them. */
@Component
class MailOutbox {

    private final JdbcClient jdbc;

    MailOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An e-mail due now, with its notice. {@code attempts}: how many were made before. */
    record Pending(
            long id,
            int attempts,
            long personId,
            String category,
            String messageKey,
            List<String> arguments,
            String link) {}

    /**
     * Claims up to {@code limit} due e-mails, locked until the caller's transaction ends and skipped by every other
     * sender meanwhile ({@code for update skip locked}): two senders never take the same row.
     */
    List<Pending> claim(int limit) {
        return jdbc.sql("""
                        select o.id, o.attempts, n.person_id, n.category, n.message_key, n.arguments, n.link
                          from mail_outbox o join notification n on n.id = o.notification_id
                         where o.sent_at is null and o.abandoned_at is null and o.next_attempt_at <= now()
                         order by o.next_attempt_at, o.id
                         limit :limit
                           for update of o skip locked""")
                .param("limit", limit)
                .query((rs, n) -> new Pending(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getString(5),
                        Notifications.strings(rs.getArray(6)),
                        rs.getString(7)))
                .list();
    }

    void sent(long id, String worker) {
        jdbc.sql("""
                        update mail_outbox set sent_at = now(), sent_by = :worker, attempts = attempts + 1,
                               last_error = null where id = :id""").param("id", id).param("worker", worker).update();
    }

    void retryLater(long id, Duration wait, String error) {
        jdbc.sql("""
                        update mail_outbox set attempts = attempts + 1, last_error = :error,
                               next_attempt_at = now() + make_interval(secs => :seconds) where id = :id""")
                .param("id", id)
                .param("error", truncate(error))
                .param("seconds", wait.toMillis() / 1000.0)
                .update();
    }

    /** Gives up: the e-mail stays in the table with the reason, never to be sent. */
    void abandon(long id, String error, boolean attempted) {
        jdbc.sql("""
                        update mail_outbox set abandoned_at = now(), last_error = :error,
                               attempts = attempts + :attempted where id = :id""")
                .param("id", id)
                .param("error", truncate(error))
                .param("attempted", attempted ? 1 : 0)
                .update();
    }

    private static String truncate(String error) {
        String text = error == null ? "unknown error" : error;
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
