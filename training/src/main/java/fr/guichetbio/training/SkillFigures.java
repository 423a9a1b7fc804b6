package fr.guichetbio.training;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Skills as aggregates, the one read API of training for the agency dashboards and the open data: counts of people,
 * certificates and enrolments, never a person. Each figure is one SQL statement. A certificate is current when neither
 * revoked nor superseded and not yet expired. Its region is the holder's workplace when it was issued (the
 * application's {@link Learners} tells it); {@code null} when unknown, e.g. for certificates issued before regions
 * were recorded. Small counts are returned as they are: the reader applies its small-cell rule.
 */
@Service
public class SkillFigures {

    /**
     * People holding a current certificate of a course of the learning path of a role (path role code), whose
     * certificate was issued while they worked in a region ({@code regionCode}: INSEE code, {@code null} unknown).
     */
    public record CertifiedByRole(String role, String regionCode, long people) {}

    /**
     * A course's funnel: people enrolled, people who completed it, quiz attempts submitted and passed ({@code title}:
     * the title of its latest version).
     */
    public record CourseRates(String course, String title, long enrolled, long completed, long attempts, long passed) {}

    /** Current certificates of a course expiring in a month ({@code 2027-03}). */
    public record Expiring(String month, String course, long certificates) {}

    /**
     * How many people received a certificate of a course in a quarter (Europe/Paris, {@code 2026-Q3}) while working in
     * a region ({@code null}: unknown); revoked certificates left out, a person certified twice in the quarter (a
     * renewal) counts once.
     */
    public record Certified(String quarter, String courseCode, String regionCode, long people) {}

    /**
     * Enrolments in a course in a quarter (Europe/Paris, by date of enrolment) and completions of it in a quarter (by
     * date of completion): each fixed once its quarter has ended. One enrolment per person and course.
     */
    public record Completions(String quarter, String courseCode, long enrolled, long completed) {}

    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    /** The condition of a current certificate {@code c}, with {@code :now}. */
    private static final String CURRENT = "c.revoked_at is null and c.superseded_by is null and c.valid_until > :now";

    private final JdbcClient jdbc;

    SkillFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * People with a current certificate, by role and region; a person certified for two roles counts once in each.
     *
     * @param region an INSEE region code to count that region only, or {@code null} for all (unknown included)
     */
    @Transactional(readOnly = true)
    public List<CertifiedByRole> certifiedByRole(Instant now, String region) {
        // Each person once per role, though they may hold several courses of a role's path: the roles of each course
        // as a bit set (a few rows), OR-ed per holder and region (one pass over the current certificates, read from
        // certificate_current_person_ix), then people counted per region and role set, a few dozen rows that are
        // finally spread over the roles. Never a join of every certificate with every path (150,000 rows to sort).
        // A bigint holds 63 roles; learning paths have seven.
        return jdbc.sql("""
                        with roles as (
                            select role, (row_number() over (order by role))::int - 1 bit
                              from (select distinct role from learning_path) r),
                        course_roles as (
                            select pc.course_id, bit_or(1::bigint << r.bit) roles
                              from learning_path_course pc
                              join learning_path p on p.id = pc.path_id
                              join roles r on r.role = p.role
                             group by pc.course_id),
                        holders as (
                            select c.region_code, bit_or(cr.roles) roles
                              from certificate c join course_roles cr on cr.course_id = c.course_id
                             where %s %s
                             group by c.person_id, c.region_code),
                        role_sets as (
                            select region_code, roles, count(*) people from holders group by region_code, roles)
                        select r.role, s.region_code, sum(s.people)::bigint people
                          from role_sets s join roles r on s.roles & (1::bigint << r.bit) <> 0
                         group by r.role, s.region_code
                         order by r.role, s.region_code nulls last
                        """.formatted(CURRENT, regionCondition(region)))
                .param("now", Timestamp.from(now))
                .params(regionParameter(region))
                .query((rs, n) ->
                        new CertifiedByRole(rs.getString("role"), rs.getString("region_code"), rs.getLong("people")))
                .list();
    }

    /** People holding at least one current certificate. */
    @Transactional(readOnly = true)
    public long certifiedPeople(Instant now) {
        return jdbc.sql("select count(distinct c.person_id) from certificate c where " + CURRENT)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
    }

    /**
     * Each course that has enrolments: enrolled, completed, attempts and passes, by course code. Enrolments carry no
     * region: these figures are national.
     */
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

    /**
     * Current certificates expiring from now to {@code months} months ahead, by month (in France) and course.
     *
     * @param region an INSEE region code to count that region only, or {@code null} for all (unknown included)
     */
    @Transactional(readOnly = true)
    public List<Expiring> expiring(Instant now, int months, String region) {
        Instant until = now.atZone(FRANCE).plusMonths(months).toInstant();
        // Grouped by month as a timestamp, formatted once per group (certificate_current_expiry_ix, index-only).
        return jdbc.sql("""
                        select to_char(x.month, 'YYYY-MM') expiry_month, k.code, x.certificates
                          from (select date_trunc('month', c.valid_until at time zone 'Europe/Paris') as month,
                                       c.course_id, count(*) certificates
                                  from certificate c
                                 where %s and c.valid_until <= :until %s
                                 group by 1, c.course_id) x
                          join course k on k.id = x.course_id
                         order by x.month, k.code
                        """.formatted(CURRENT, regionCondition(region)))
                .param("now", Timestamp.from(now.truncatedTo(ChronoUnit.SECONDS)))
                .param("until", Timestamp.from(until))
                .params(regionParameter(region))
                .query((rs, n) ->
                        new Expiring(rs.getString("expiry_month"), rs.getString("code"), rs.getLong("certificates")))
                .list();
    }

    /** People certified per quarter of issue, course and region, for the open data (every quarter, ended or not). */
    @Transactional(readOnly = true)
    public List<Certified> certifiedByQuarterCourseAndRegion() {
        return jdbc.sql("""
                        select to_char(c.issued_at at time zone 'Europe/Paris', 'YYYY-"Q"Q') quarter, k.code,
                               c.region_code, count(distinct c.person_id) people
                          from certificate c join course k on k.id = c.course_id
                         where c.revoked_at is null
                         group by 1, k.code, c.region_code
                         order by 1, k.code, c.region_code nulls last
                        """)
                .query((rs, n) -> new Certified(
                        rs.getString("quarter"),
                        rs.getString("code"),
                        rs.getString("region_code"),
                        rs.getLong("people")))
                .list();
    }

    /** People enrolled and people completing per quarter and course, for the open data (every quarter). */
    @Transactional(readOnly = true)
    public List<Completions> completionsByQuarterAndCourse() {
        return jdbc.sql("""
                        with events as (
                            select e.course_id, to_char(e.enrolled_at at time zone 'Europe/Paris', 'YYYY-"Q"Q') quarter,
                                   1 enrolled, 0 completed
                              from enrolment e
                            union all
                            select e.course_id, to_char(e.completed_at at time zone 'Europe/Paris', 'YYYY-"Q"Q'), 0, 1
                              from enrolment e where e.completed_at is not null)
                        select x.quarter, k.code, sum(x.enrolled) enrolled, sum(x.completed) completed
                          from events x join course k on k.id = x.course_id
                         group by x.quarter, k.code
                         order by x.quarter, k.code
                        """)
                .query((rs, n) -> new Completions(
                        rs.getString("quarter"), rs.getString("code"), rs.getLong("enrolled"), rs.getLong("completed")))
                .list();
    }

    private static String regionCondition(String region) {
        return region == null ? "" : "and c.region_code = :region";
    }

    private static Map<String, Object> regionParameter(String region) {
        return region == null ? Map.of() : Map.of("region", region);
    }
}
