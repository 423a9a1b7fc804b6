package fr.guichetbio.training.certification;

import fr.guichetbio.training.CertificateExpiring;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reminds holders 90, 30 and 7 days before their certificate ends (its validity, or an earlier renewal deadline).
 * Each reminder is a row of {@code certificate_reminder} inserted before its event is published, in one transaction:
 * on several replicas running this at once, the primary key lets one insert win and the others insert nothing, so
 * each reminder goes exactly once. A certificate already closer to its end than a threshold gets only the nearest
 * reminder (a certificate found at 20 days does not also get the 90- and 30-day ones).
 */
@Component
public class ExpiryReminders {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    @Autowired
    ExpiryReminders(JdbcClient jdbc, ApplicationEventPublisher events) {
        this(jdbc, events, Clock.systemUTC());
    }

    ExpiryReminders(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** Every hour (a reminder is a few hours late at most); {@code guichet.training.reminders-cron} to change it. */
    // Runs on every replica: certificate_reminder's primary key lets one insert per reminder win (see above).
    @Scheduled(cron = "${guichet.training.reminders-cron:0 7 * * * *}", zone = "Europe/Paris")
    // Its own transaction: sendDue called from here bypasses the proxy, and the reminders' events, published outside
    // a transaction, would reach no after-commit listener (they stayed incomplete in the publication registry).
    @Transactional
    void scheduled() {
        sendDue();
    }

    /** Publishes the reminders due now that no replica has sent yet. */
    @Transactional
    public List<CertificateExpiring> sendDue() {
        Instant now = clock.instant();
        List<CertificateExpiring> due = jdbc.sql("""
                        with current as (
                          select t.id, t.person_id, c.code, v.title,
                                 least(t.valid_until, coalesce(t.renewal_required_by, t.valid_until)) expires_at
                            from certificate t
                            join course c on c.id = t.course_id
                            join course_version v on v.id = t.course_version_id
                           where t.revoked_at is null and t.superseded_by is null),
                        due as (
                          select current.*,
                                 (select min(d) from unnest(array[90, 30, 7]) d
                                   where current.expires_at <= cast(:now as timestamptz) + d * interval '1 day') days
                            from current
                           where current.expires_at > :now),
                        sent as (
                          insert into certificate_reminder (certificate_id, days_before, sent_at)
                          select id, days, :now from due where days is not null
                          on conflict do nothing
                          returning certificate_id, days_before)
                        select due.*, sent.days_before from sent join due on due.id = sent.certificate_id
                        """)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new CertificateExpiring(
                        rs.getString("id"),
                        rs.getLong("person_id"),
                        rs.getString("code"),
                        rs.getString("title"),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getInt("days_before")))
                .list();
        due.forEach(events::publishEvent);
        return due;
    }
}
