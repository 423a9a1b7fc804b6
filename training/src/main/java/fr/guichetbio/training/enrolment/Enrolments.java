package fr.guichetbio.training.enrolment;

import fr.guichetbio.training.CourseCompleted;
import fr.guichetbio.training.CourseEnrolled;
import fr.guichetbio.training.Learner;
import fr.guichetbio.training.course.Courses;
import fr.guichetbio.training.course.PublishedCourse;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enrolments and progress ({@code enrolment}, {@code lesson_view}). A learner enrols in the latest published version
 * of a course and keeps it; opening a lesson records it as seen and as the place to resume; the enrolment completes
 * when every lesson of its version is seen and the quiz passed, whichever comes last, and {@link CourseCompleted} is
 * published once.
 */
@Service
public class Enrolments {

    private static final String SELECT = """
            select e.*, l.lesson_key last_lesson_key from enrolment e left join lesson l on l.id = e.last_lesson_id
            """;

    private final JdbcClient jdbc;
    private final Courses courses;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    @Autowired
    Enrolments(JdbcClient jdbc, Courses courses, ApplicationEventPublisher events) {
        this(jdbc, courses, events, Clock.systemUTC());
    }

    Enrolments(JdbcClient jdbc, Courses courses, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.courses = courses;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Enrols the learner in the latest published version of the course; an existing enrolment is kept as it is. A new
     * enrolment publishes {@link CourseEnrolled}.
     *
     * @throws NoSuchCourse when no version of the course is published
     */
    @Transactional
    public Enrolment enrol(Learner learner, String courseCode) {
        PublishedCourse course = courses.latestPublished(courseCode).orElseThrow(() -> new NoSuchCourse(courseCode));
        Instant now = clock.instant();
        int enrolled = jdbc.sql("""
                        insert into enrolment (person_id, course_id, course_version_id, enrolled_at)
                        values (:person, :course, :version, :at)
                        on conflict (person_id, course_id) do nothing
                        """)
                .param("person", learner.personId())
                .param("course", course.courseId())
                .param("version", course.versionId())
                .param("at", Timestamp.from(now))
                .update();
        Enrolment enrolment = find(learner.personId(), courseCode).orElseThrow();
        if (enrolled == 1) {
            events.publishEvent(new CourseEnrolled(
                    learner.personId(), courseCode, course.versionId(), course.major(), course.minor(), now));
        }
        return enrolment;
    }

    public Optional<Enrolment> find(long personId, String courseCode) {
        return jdbc.sql(SELECT + " join course c on c.id = e.course_id where e.person_id = :person and c.code = :code")
                .param("person", personId)
                .param("code", courseCode)
                .query((rs, n) -> enrolment(rs))
                .optional();
    }

    /**
     * The enrolment, locked until the end of the transaction: starting and submitting attempts go one at a time per
     * learner and course.
     */
    Optional<Enrolment> lock(long personId, String courseCode) {
        return jdbc.sql(SELECT + """
                         join course c on c.id = e.course_id where e.person_id = :person and c.code = :code
                         for update of e
                        """)
                .param("person", personId)
                .param("code", courseCode)
                .query((rs, n) -> enrolment(rs))
                .optional();
    }

    /**
     * Records that the learner opened this lesson of their version (the place to resume) and, the first time, checks
     * completion; one statement when nothing is new.
     *
     * @return the keys of the lessons the learner has opened, this one included
     * @throws IllegalArgumentException when the lesson is not one of the version's
     */
    @Transactional
    public Set<String> seen(Enrolment enrolment, String lessonKey) {
        View view = jdbc.sql("""
                        with target as (
                          select l.id from lesson l join course_module m on m.id = l.module_id
                           where m.course_version_id = :version and l.lesson_key = :key),
                        first_view as (
                          insert into lesson_view (enrolment_id, lesson_id, first_seen_at)
                          select :enrolment, id, :at from target
                          on conflict do nothing returning lesson_id),
                        resume as (
                          update enrolment set last_lesson_id = target.id from target
                           where enrolment.id = :enrolment and last_lesson_id is distinct from target.id
                          returning enrolment.id)
                        select exists (select 1 from target) found, exists (select 1 from first_view) first,
                               array(select l.lesson_key from lesson_view v join lesson l on l.id = v.lesson_id
                                      where v.enrolment_id = :enrolment) seen
                        """)
                .param("version", enrolment.versionId())
                .param("key", lessonKey)
                .param("enrolment", enrolment.id())
                .param("at", Timestamp.from(clock.instant()))
                .query((rs, n) ->
                        new View(rs.getBoolean("found"), rs.getBoolean("first"), new HashSet<>(Arrays.asList((String[])
                                rs.getArray("seen").getArray()))))
                .single();
        if (!view.found()) {
            throw new IllegalArgumentException("no lesson " + lessonKey + " in this version");
        }
        // A statement's parts all see the tables as they were before it: the view it records is added here.
        view.seen().add(lessonKey);
        // A new view moves the place to resume, which locks the enrolment as Quizzes.submit does: of a last lesson
        // seen and a quiz passed at the same moment, the second to commit sees the first and completes.
        if (view.first() && !enrolment.completed()) {
            completeIfDone(enrolment.id());
        }
        return view.seen();
    }

    private record View(boolean found, boolean first, Set<String> seen) {}

    /** The keys of the lessons the learner has opened. */
    public Set<String> seenLessons(long enrolmentId) {
        return new HashSet<>(jdbc.sql("""
                        select l.lesson_key from lesson_view v join lesson l on l.id = v.lesson_id
                         where v.enrolment_id = :enrolment
                        """)
                .param("enrolment", enrolmentId)
                .query(String.class)
                .list());
    }

    /** One line of "Mes formations". */
    public record Followed(
            String courseCode,
            String title,
            String language,
            Enrolment enrolment,
            int lessons,
            int lessonsSeen,
            boolean quizPassed) {

        public int percent() {
            // The quiz counts as one step, like a lesson.
            return (lessonsSeen + (quizPassed ? 1 : 0)) * 100 / (lessons + 1);
        }
    }

    /** The learner's enrolments with their progress, most recent first; one statement. */
    public List<Followed> of(long personId) {
        return jdbc.sql("""
                        select e.*, l.lesson_key last_lesson_key, c.code, v.title, v.language,
                               (select count(*) from course_module m join lesson x on x.module_id = m.id
                                 where m.course_version_id = v.id) lessons,
                               (select count(*) from lesson_view lv where lv.enrolment_id = e.id) lessons_seen,
                               exists (select 1 from quiz_attempt a where a.person_id = e.person_id
                                         and a.course_version_id = e.course_version_id
                                         and a.certificate_id is null and a.passed) quiz_passed
                          from enrolment e
                          join course c on c.id = e.course_id
                          join course_version v on v.id = e.course_version_id
                          left join lesson l on l.id = e.last_lesson_id
                         where e.person_id = :person
                         order by e.enrolled_at desc, e.id desc
                        """)
                .param("person", personId)
                .query((rs, n) -> new Followed(
                        rs.getString("code"),
                        rs.getString("title"),
                        rs.getString("language"),
                        enrolment(rs),
                        rs.getInt("lessons"),
                        rs.getInt("lessons_seen"),
                        rs.getBoolean("quiz_passed")))
                .list();
    }

    /**
     * Completes the enrolment when every lesson of its version is seen and the quiz passed; the conditional update
     * makes the event fire once, whichever request gets there first.
     */
    void completeIfDone(long enrolmentId) {
        Instant now = clock.instant();
        Optional<Completion> done = jdbc.sql("""
                        update enrolment e set completed_at = :at
                         where e.id = :id and e.completed_at is null
                           and not exists (
                                select 1 from course_module m join lesson l on l.module_id = m.id
                                 where m.course_version_id = e.course_version_id
                                   and not exists (select 1 from lesson_view v
                                                    where v.enrolment_id = e.id and v.lesson_id = l.id))
                           and exists (select 1 from quiz_attempt a where a.person_id = e.person_id
                                         and a.course_version_id = e.course_version_id
                                         and a.certificate_id is null and a.passed)
                        returning e.person_id, e.course_version_id,
                                  (select c.code from course c where c.id = e.course_id) code,
                                  (select max(a.correct * 100 / a.total) from quiz_attempt a
                                    where a.person_id = e.person_id and a.course_version_id = e.course_version_id
                                      and a.certificate_id is null
                                      and a.passed) score
                        """)
                .param("at", Timestamp.from(now))
                .param("id", enrolmentId)
                .query((rs, n) -> new Completion(
                        rs.getLong("person_id"),
                        rs.getLong("course_version_id"),
                        rs.getString("code"),
                        rs.getInt("score")))
                .optional();
        done.ifPresent(completion -> {
            PublishedCourse version = courses.version(completion.versionId()).orElseThrow();
            events.publishEvent(new CourseCompleted(
                    completion.personId(),
                    completion.code(),
                    completion.versionId(),
                    version.major(),
                    version.minor(),
                    completion.score(),
                    now));
        });
    }

    private record Completion(long personId, long versionId, String code, int score) {}

    private static Enrolment enrolment(ResultSet rs) throws SQLException {
        Timestamp completed = rs.getTimestamp("completed_at");
        return new Enrolment(
                rs.getLong("id"),
                rs.getLong("person_id"),
                rs.getLong("course_id"),
                rs.getLong("course_version_id"),
                rs.getTimestamp("enrolled_at").toInstant(),
                rs.getString("last_lesson_key"),
                completed == null ? null : completed.toInstant());
    }
}
