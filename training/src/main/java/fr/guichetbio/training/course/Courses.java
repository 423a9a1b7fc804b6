package fr.guichetbio.training.course;

import fr.guichetbio.training.course.CourseContent.Lesson;
import fr.guichetbio.training.course.CourseContent.Level;
import fr.guichetbio.training.course.CourseContent.Module;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Courses and their versions in training's tables ({@code course}, {@code course_version}, {@code course_module},
 * {@code lesson}). A version is written as a draft, then published in the same transaction; once published the
 * database refuses any change to it (triggers of change training-0002).
 */
@Repository
public class Courses {

    private final JdbcClient jdbc;

    /** The versions learners follow, read at their every lesson and quiz page. */
    private final FrozenVersions<PublishedCourse> versions = new FrozenVersions<>(256);

    public Courses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Publishes a version of a course, creating the course for this provider on its first version.
     *
     * @return the id of the published version
     * @throws IllegalStateException when the course belongs to another provider
     * @throws org.springframework.dao.DuplicateKeyException when this version number exists already
     */
    @Transactional
    public long publish(long providerId, int major, int minor, CourseContent content, Instant at) {
        long versionId = draft(providerId, major, minor, content);
        publishDraft(versionId, at);
        return versionId;
    }

    /**
     * Writes a draft version of a course (its modules and lessons), creating the course for this provider on its
     * first version. What else belongs to the version (its quiz) is written next, then {@link #publishDraft}.
     *
     * @return the id of the draft version
     * @throws IllegalStateException when the course belongs to another provider
     * @throws org.springframework.dao.DuplicateKeyException when this version number exists already
     */
    @Transactional
    public long draft(long providerId, int major, int minor, CourseContent content) {
        jdbc.sql("""
                        insert into course (code, provider_organisation_id) values (:code, :provider)
                        on conflict (code) do nothing
                        """)
                .param("code", content.code())
                .param("provider", providerId)
                .update();
        Map<String, Object> course = jdbc.sql("select id, provider_organisation_id from course where code = :code")
                .param("code", content.code())
                .query()
                .singleRow();
        if (((Number) course.get("provider_organisation_id")).longValue() != providerId) {
            throw new IllegalStateException("course " + content.code() + " belongs to another training provider");
        }
        long versionId = jdbc.sql("""
                        insert into course_version (course_id, major, minor, language, level, title, summary,
                                                    duration_minutes, prerequisites, outcomes, validity_months)
                        values (:course, :major, :minor, :language, :level, :title, :summary, :duration,
                                :prerequisites, :outcomes,
                                -- A new version keeps the course's certificate validity until its author changes it.
                                coalesce((select validity_months from course_version where course_id = :course
                                           order by major desc, minor desc limit 1), 24))
                        returning id
                        """)
                .param("course", course.get("id"))
                .param("major", major)
                .param("minor", minor)
                .param("language", content.language())
                .param("level", content.level().name())
                .param("title", content.title())
                .param("summary", content.summary())
                .param("duration", content.durationMinutes())
                .param("prerequisites", String.join("\n", content.prerequisites()))
                .param("outcomes", String.join("\n", content.outcomes()))
                .query(Long.class)
                .single();
        int modulePosition = 0;
        for (Module module : content.modules()) {
            long moduleId = jdbc.sql("""
                            insert into course_module (course_version_id, position, title)
                            values (:version, :position, :title) returning id
                            """)
                    .param("version", versionId)
                    .param("position", ++modulePosition)
                    .param("title", module.title())
                    .query(Long.class)
                    .single();
            int lessonPosition = 0;
            for (Lesson lesson : module.lessons()) {
                jdbc.sql("""
                                insert into lesson (module_id, position, lesson_key, title, markdown, video_url)
                                values (:module, :position, :key, :title, :markdown, :video)
                                """)
                        .param("module", moduleId)
                        .param("position", ++lessonPosition)
                        .param("key", lesson.key())
                        .param("title", lesson.title())
                        .param("markdown", lesson.markdown())
                        .param("video", lesson.videoUrl())
                        .update();
            }
        }
        return versionId;
    }

    /** Publishes a draft version: from now on the database refuses any change to it. */
    public void publishDraft(long versionId, Instant at) {
        int published = jdbc.sql("""
                        update course_version set status = 'PUBLISHED', published_at = :at
                         where id = :id and status = 'DRAFT'
                        """)
                .param("at", Timestamp.from(at))
                .param("id", versionId)
                .update();
        if (published != 1) {
            throw new IllegalStateException("course version " + versionId + " is not a draft");
        }
    }

    public boolean exists(String code) {
        return jdbc.sql("select exists (select 1 from course where code = :code)")
                .param("code", code)
                .query(Boolean.class)
                .single();
    }

    /** The latest published version of the course (highest major, then minor); unpublished ones are not shown. */
    public Optional<PublishedCourse> latestPublished(String code) {
        Optional<Map<String, Object>> version =
                jdbc.sql("""
                        select c.id course_id, c.provider_organisation_id, v.*
                          from course c join course_version v on v.course_id = c.id
                         where c.code = :code and v.status = 'PUBLISHED'
                         order by v.major desc, v.minor desc
                         limit 1
                        """).param("code", code).query().listOfRows().stream().findFirst();
        return version.map(row -> toCourse(code, row));
    }

    /**
     * A published (or since unpublished) version by its id: the one a learner enrolled in, which they keep when a
     * newer one is published.
     */
    public Optional<PublishedCourse> version(long versionId) {
        return versions.get(versionId, this::readVersion);
    }

    private Optional<PublishedCourse> readVersion(long versionId) {
        return jdbc.sql("""
                        select c.id course_id, c.code, c.provider_organisation_id, v.*
                          from course c join course_version v on v.course_id = c.id
                         where v.id = :version and v.status <> 'DRAFT'
                        """).param("version", versionId).query().listOfRows().stream()
                .findFirst()
                .map(row -> toCourse((String) row.get("code"), row));
    }

    private PublishedCourse toCourse(String code, Map<String, Object> row) {
        long versionId = ((Number) row.get("id")).longValue();
        Map<Long, String> moduleTitles = new LinkedHashMap<>();
        Map<Long, List<Lesson>> lessons = new LinkedHashMap<>();
        jdbc.sql("""
                        select m.id module_id, m.title module_title, l.lesson_key, l.title, l.markdown, l.video_url
                          from course_module m join lesson l on l.module_id = m.id
                         where m.course_version_id = :version
                         order by m.position, l.position
                        """)
                .param("version", versionId)
                .query((rs, n) -> {
                    long moduleId = rs.getLong("module_id");
                    moduleTitles.putIfAbsent(moduleId, rs.getString("module_title"));
                    lessons.computeIfAbsent(moduleId, id -> new ArrayList<>())
                            .add(new Lesson(
                                    rs.getString("lesson_key"),
                                    rs.getString("title"),
                                    rs.getString("markdown"),
                                    rs.getString("video_url")));
                    return moduleId;
                })
                .list();
        List<Module> modules = moduleTitles.entrySet().stream()
                .map(entry -> new Module(entry.getValue(), lessons.get(entry.getKey())))
                .toList();
        CourseContent content = new CourseContent(
                code,
                (String) row.get("language"),
                Level.valueOf((String) row.get("level")),
                (String) row.get("title"),
                (String) row.get("summary"),
                ((Number) row.get("duration_minutes")).intValue(),
                lines((String) row.get("prerequisites")),
                lines((String) row.get("outcomes")),
                modules);
        return new PublishedCourse(
                ((Number) row.get("course_id")).longValue(),
                versionId,
                ((Number) row.get("provider_organisation_id")).longValue(),
                ((Number) row.get("major")).intValue(),
                ((Number) row.get("minor")).intValue(),
                ((Timestamp) row.get("published_at")).toInstant(),
                content);
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }
}
