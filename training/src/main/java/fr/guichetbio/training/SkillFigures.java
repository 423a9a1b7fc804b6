package fr.guichetbio.training;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Skills as aggregates for the agency dashboards (read API of training): counts of people and certificates, never
 * a person. Each figure is one SQL statement. A certificate is current when neither revoked nor superseded and not
 * yet expired.
 */
@Service
public class SkillFigures {

    /** People holding a current certificate of a course of the learning path of a role (path role code). */
    public record CertifiedByRole(String role, long people) {}

    /**
     * A course's funnel: people enrolled, people who completed it, quiz attempts submitted and passed ({@code title}:
     * the title of its latest version).
     */
    public record CourseRates(String course, String title, long enrolled, long completed, long attempts, long passed) {}

    /** Current certificates of a course expiring in a month ({@code 2027-03}). */
    public record Expiring(String month, String course, long certificates) {}

    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    private final JdbcClient jdbc;

    SkillFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** People with a current certificate, by role; a person certified for two roles counts once in each. */
    @Transactional(readOnly = true)
    public List<CertifiedByRole> certifiedByRole(Instant now) {
        return jdbc.sql("""
                        select p.role, count(distinct c.person_id) people
                          from certificate c
                          join learning_path_course pc on pc.course_id = c.course_id
                          join learning_path p on p.id = pc.path_id
                         where c.revoked_at is null and c.superseded_by is null and c.valid_until > :now
                         group by p.role
                         order by people desc, p.role
                        """)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new CertifiedByRole(rs.getString("role"), rs.getLong("people")))
                .list();
    }

    /** People holding at least one current certificate. */
    @Transactional(readOnly = true)
    public long certifiedPeople(Instant now) {
        return jdbc.sql("""
                        select count(distinct person_id) from certificate
                         where revoked_at is null and superseded_by is null and valid_until > :now
                        """).param("now", Timestamp.from(now)).query(Long.class).single();
    }

    /** Each course that has enrolments: enrolled, completed, attempts and passes, by course code. */
    @Transactional(readOnly = true)
    public List<CourseRates> courseRates() {
        return jdbc.sql("""
                        with enrolled as (
                            select course_id, count(*) enrolled, count(completed_at) completed
                              from enrolment group by course_id),
                        attempted as (
                            select v.course_id, count(*) attempts, count(*) filter (where a.passed) passed
                              from quiz_attempt a join course_version v on v.id = a.course_version_id
                             where a.submitted_at is not null group by v.course_id)
                        select c.code,
                               (select v.title from course_version v where v.course_id = c.id
                                 order by v.major desc, v.minor desc limit 1) title,
                               e.enrolled, e.completed, coalesce(a.attempts, 0) attempts, coalesce(a.passed, 0) passed
                          from enrolled e join course c on c.id = e.course_id
                          left join attempted a on a.course_id = e.course_id
                         order by c.code
                        """)
                .query((rs, n) -> new CourseRates(
                        rs.getString("code"),
                        rs.getString("title"),
                        rs.getLong("enrolled"),
                        rs.getLong("completed"),
                        rs.getLong("attempts"),
                        rs.getLong("passed")))
                .list();
    }

    /** Current certificates expiring from now to {@code months} months ahead, by month (in France) and course. */
    @Transactional(readOnly = true)
    public List<Expiring> expiring(Instant now, int months) {
        Instant until = now.atZone(FRANCE).plusMonths(months).toInstant();
        return jdbc.sql("""
                        select to_char(c.valid_until at time zone 'Europe/Paris', 'YYYY-MM') expiry_month, k.code,
                               count(*) certificates
                          from certificate c join course k on k.id = c.course_id
                         where c.revoked_at is null and c.superseded_by is null
                           and c.valid_until > :now and c.valid_until <= :until
                         group by 1, k.code
                         order by 1, k.code
                        """)
                .param("now", Timestamp.from(now.truncatedTo(ChronoUnit.SECONDS)))
                .param("until", Timestamp.from(until))
                .query((rs, n) ->
                        new Expiring(rs.getString("expiry_month"), rs.getString("code"), rs.getLong("certificates")))
                .list();
    }
}
