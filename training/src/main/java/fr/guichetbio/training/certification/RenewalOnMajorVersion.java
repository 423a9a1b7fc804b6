package fr.guichetbio.training.certification;

import fr.guichetbio.training.CertificateRenewalRequired;
import fr.guichetbio.training.CourseVersionPublished;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A major version of a course (x.0 after the first) changes what the course certifies: the current certificates of
 * earlier major versions must be renewed within {@link #RENEWAL_PERIOD}, and their holders are told; those ending
 * before that deadline anyway keep their own end. A minor version changes nothing for holders.
 */
@Component
class RenewalOnMajorVersion {

    /** Six months to renew: time to follow the new version around work, short enough for a changed practice. */
    static final Duration RENEWAL_PERIOD = Duration.ofDays(182);

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    RenewalOnMajorVersion(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @ApplicationModuleListener
    void on(CourseVersionPublished published) {
        if (!published.majorVersion() || published.major() <= 1) {
            return;
        }
        Instant deadline = published.publishedAt().plus(RENEWAL_PERIOD);
        jdbc.sql("""
                        update certificate t set renewal_required_by = :deadline
                          from course_version v, course c
                         where v.id = t.course_version_id and c.id = t.course_id and c.code = :code
                           and v.major < :major and t.revoked_at is null and t.superseded_by is null
                           and t.renewal_required_by is null and t.valid_until > :deadline
                        returning t.id, t.person_id, c.code, v.title
                        """)
                .param("deadline", Timestamp.from(deadline))
                .param("code", published.courseCode())
                .param("major", published.major())
                .query((rs, n) -> new CertificateRenewalRequired(
                        rs.getString("id"),
                        rs.getLong("person_id"),
                        rs.getString("code"),
                        rs.getString("title"),
                        deadline))
                .list()
                .forEach(events::publishEvent);
    }
}
