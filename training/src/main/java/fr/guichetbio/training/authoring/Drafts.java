package fr.guichetbio.training.authoring;

import fr.guichetbio.training.assessment.QuestionBanks;
import fr.guichetbio.training.course.CourseContent.Level;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Draft versions in training's tables ({@code course_version} with status DRAFT, its {@code course_module} and
 * {@code lesson} rows). Modules are named by position, lessons by key; positions stay 1, 2, … after every move and
 * removal. Callers lock the draft first ({@link #lockDraft}), so two tabs cannot interleave their renumbering.
 */
@Repository
class Drafts {

    private final JdbcClient jdbc;
    private final QuestionBanks banks;

    Drafts(JdbcClient jdbc, QuestionBanks banks) {
        this.jdbc = jdbc;
        this.banks = banks;
    }

    /** A course as authoring needs it: who owns it. */
    record CourseRef(long id, String code, long providerId) {}

    Optional<CourseRef> course(String code) {
        return jdbc.sql("select id, code, provider_organisation_id from course where code = :code")
                .param("code", code)
                .query((rs, n) -> new CourseRef(rs.getLong("id"), rs.getString("code"), rs.getLong(3)))
                .optional();
    }

    Optional<Long> draftId(long courseId) {
        return jdbc.sql("select id from course_version where course_id = :course and status = 'DRAFT'")
                .param("course", courseId)
                .query(Long.class)
                .optional();
    }

    /** The course's draft, locked until the end of the transaction. */
    Optional<Long> lockDraft(long courseId) {
        return jdbc.sql("select id from course_version where course_id = :course and status = 'DRAFT' for update")
                .param("course", courseId)
                .query(Long.class)
                .optional();
    }

    /** The latest published version's id, major and minor. */
    Optional<long[]> latestPublished(long courseId) {
        return jdbc.sql("""
                        select id, major, minor from course_version
                         where course_id = :course and status = 'PUBLISHED'
                         order by major desc, minor desc limit 1
                        """)
                .param("course", courseId)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .optional();
    }

    /** Whether administrators withdrew the course: versions were unpublished and none is published now. */
    boolean withdrawn(long courseId) {
        return jdbc.sql("""
                        select exists (select 1 from course_version where course_id = :course and status = 'UNPUBLISHED')
                           and not exists (select 1 from course_version where course_id = :course
                                              and status = 'PUBLISHED')
                        """).param("course", courseId).query(Boolean.class).single();
    }

    /** The highest version number ever given (published, unpublished or draft): a new one goes above it. */
    Optional<int[]> highestVersion(long courseId) {
        return jdbc.sql("""
                        select major, minor from course_version where course_id = :course
                         order by major desc, minor desc limit 1
                        """)
                .param("course", courseId)
                .query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)})
                .optional();
    }

    void createdBy(long versionId, long personId) {
        jdbc.sql("update course_version set created_by = :by where id = :id and status = 'DRAFT'")
                .param("by", personId)
                .param("id", versionId)
                .update();
    }

    Draft read(CourseRef course, long versionId) {
        Map<String, Object> version = jdbc.sql("select * from course_version where id = :id")
                .param("id", versionId)
                .query()
                .singleRow();
        Map<Integer, String> moduleTitles = new LinkedHashMap<>();
        Map<Integer, List<Draft.Lesson>> lessons = new LinkedHashMap<>();
        jdbc.sql("""
                        select m.position module_position, m.title module_title, l.position, l.lesson_key, l.title,
                               l.markdown, l.video_url
                          from course_module m left join lesson l on l.module_id = m.id
                         where m.course_version_id = :version
                         order by m.position, l.position
                        """)
                .param("version", versionId)
                .query((rs, n) -> {
                    int module = rs.getInt("module_position");
                    moduleTitles.putIfAbsent(module, rs.getString("module_title"));
                    List<Draft.Lesson> ofModule = lessons.computeIfAbsent(module, position -> new ArrayList<>());
                    if (rs.getString("lesson_key") != null) {
                        ofModule.add(new Draft.Lesson(
                                rs.getInt("position"),
                                rs.getString("lesson_key"),
                                rs.getString("title"),
                                rs.getString("markdown"),
                                rs.getString("video_url")));
                    }
                    return module;
                })
                .list();
        List<Draft.Module> modules = moduleTitles.entrySet().stream()
                .map(entry -> new Draft.Module(entry.getKey(), entry.getValue(), lessons.get(entry.getKey())))
                .toList();
        Description description = Description.of(new Description.Valid(
                (String) version.get("language"),
                Level.valueOf((String) version.get("level")),
                (String) version.get("title"),
                (String) version.get("summary"),
                ((Number) version.get("duration_minutes")).intValue(),
                lines((String) version.get("prerequisites")),
                lines((String) version.get("outcomes")),
                ((Number) version.get("validity_months")).intValue()));
        String published = latestPublished(course.id())
                .map(latest -> latest[1] + "." + latest[2])
                .orElse(null);
        return new Draft(
                course.code(),
                course.providerId(),
                ((Number) version.get("major")).intValue(),
                ((Number) version.get("minor")).intValue(),
                published,
                description,
                modules,
                banks.quiz(versionId).orElse(null));
    }

    void describe(long versionId, Description.Valid description) {
        jdbc.sql("""
                        update course_version
                           set language = :language, level = :level, title = :title, summary = :summary,
                               duration_minutes = :duration, prerequisites = :prerequisites, outcomes = :outcomes,
                               validity_months = :validity
                         where id = :id and status = 'DRAFT'
                        """)
                .param("validity", description.validityMonths())
                .param("language", description.language())
                .param("level", description.level().name())
                .param("title", description.title())
                .param("summary", description.summary())
                .param("duration", description.durationMinutes())
                .param("prerequisites", String.join("\n", description.prerequisites()))
                .param("outcomes", String.join("\n", description.outcomes()))
                .param("id", versionId)
                .update();
    }

    void addModule(long versionId, String title) {
        jdbc.sql("""
                        insert into course_module (course_version_id, position, title)
                        select :version, coalesce(max(position), 0) + 1, :title from course_module
                         where course_version_id = :version
                        """).param("version", versionId).param("title", title).update();
    }

    Optional<Long> moduleId(long versionId, int position) {
        return jdbc.sql("select id from course_module where course_version_id = :version and position = :position")
                .param("version", versionId)
                .param("position", position)
                .query(Long.class)
                .optional();
    }

    void renameModule(long moduleId, String title) {
        jdbc.sql("update course_module set title = :title where id = :id")
                .param("title", title)
                .param("id", moduleId)
                .update();
    }

    /** Swaps the module with its neighbour; nothing when it is first (up) or last (down). */
    void moveModule(long versionId, int position, boolean up) {
        swap("course_module", "course_version_id", versionId, position, up ? position - 1 : position + 1);
    }

    void removeModule(long versionId, long moduleId, int position) {
        jdbc.sql("delete from course_module where id = :id")
                .param("id", moduleId)
                .update();
        closeGap("course_module", "course_version_id", versionId, position);
    }

    /** The lesson of this key in the draft: its id, its module's id and its position there. */
    record LessonRef(long id, long moduleId, int position) {}

    Optional<LessonRef> lesson(long versionId, String key) {
        return jdbc.sql("""
                        select l.id, l.module_id, l.position from lesson l join course_module m on m.id = l.module_id
                         where m.course_version_id = :version and l.lesson_key = :key
                        """)
                .param("version", versionId)
                .param("key", key)
                .query((rs, n) -> new LessonRef(rs.getLong(1), rs.getLong(2), rs.getInt(3)))
                .optional();
    }

    void addLesson(long moduleId, String key, String title, String markdown, String videoUrl) {
        jdbc.sql("""
                        insert into lesson (module_id, position, lesson_key, title, markdown, video_url)
                        select :module, coalesce(max(position), 0) + 1, :key, :title, :markdown, :video from lesson
                         where module_id = :module
                        """)
                .param("module", moduleId)
                .param("key", key)
                .param("title", title)
                .param("markdown", markdown)
                .param("video", videoUrl)
                .update();
    }

    void editLesson(long lessonId, String title, String markdown, String videoUrl) {
        jdbc.sql("update lesson set title = :title, markdown = :markdown, video_url = :video where id = :id")
                .param("title", title)
                .param("markdown", markdown)
                .param("video", videoUrl)
                .param("id", lessonId)
                .update();
    }

    void moveLesson(LessonRef lesson, boolean up) {
        swap(
                "lesson",
                "module_id",
                lesson.moduleId(),
                lesson.position(),
                up ? lesson.position() - 1 : lesson.position() + 1);
    }

    void removeLesson(LessonRef lesson) {
        jdbc.sql("delete from lesson where id = :id").param("id", lesson.id()).update();
        closeGap("lesson", "module_id", lesson.moduleId(), lesson.position());
    }

    void publishedBy(long versionId, long personId) {
        jdbc.sql("update course_version set published_by = :by where id = :id and status = 'DRAFT'")
                .param("by", personId)
                .param("id", versionId)
                .update();
    }

    /** Deletes the draft; a course left with no version at all (a first draft discarded) goes with it. */
    void discard(long courseId, long versionId) {
        jdbc.sql("delete from quiz where course_version_id = :id")
                .param("id", versionId)
                .update();
        jdbc.sql("delete from question where course_version_id = :id")
                .param("id", versionId)
                .update();
        jdbc.sql("delete from course_version where id = :id and status = 'DRAFT'")
                .param("id", versionId)
                .update();
        jdbc.sql("""
                        delete from course c where c.id = :course
                           and not exists (select 1 from course_version v where v.course_id = c.id)
                           and not exists (select 1 from learning_path_course p where p.course_id = c.id)
                        """).param("course", courseId).update();
    }

    /** Unpublishes every published version of the course; returns how many. */
    int unpublish(long courseId, long personId, Instant at) {
        return jdbc.sql("""
                        update course_version set status = 'UNPUBLISHED', unpublished_at = :at, unpublished_by = :by
                         where course_id = :course and status = 'PUBLISHED'
                        """)
                .param("at", Timestamp.from(at))
                .param("by", personId)
                .param("course", courseId)
                .update();
    }

    /** One line of an instructor's workshop. */
    record Entry(long providerId, String code, String title, String published, String draft, boolean withdrawn) {}

    List<Entry> ofProviders(List<Long> providerIds) {
        if (providerIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select c.provider_organisation_id, c.code,
                               coalesce(d.title, p.title, u.title) title,
                               p.major || '.' || p.minor published,
                               d.major || '.' || d.minor draft,
                               p.id is null and u.id is not null withdrawn
                          from course c
                          left join course_version d on d.course_id = c.id and d.status = 'DRAFT'
                          left join lateral (select * from course_version v where v.course_id = c.id
                                                and v.status = 'PUBLISHED' order by major desc, minor desc limit 1) p
                                 on true
                          left join lateral (select * from course_version v where v.course_id = c.id
                                                and v.status = 'UNPUBLISHED' order by major desc, minor desc limit 1) u
                                 on true
                         where c.provider_organisation_id in (:providers)
                         order by 3
                        """)
                .param("providers", providerIds)
                .query((rs, n) -> new Entry(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getBoolean(6)))
                .list();
    }

    // Positions are unique per parent and checked row by row: moving through a free (negative) position avoids a
    // transient duplicate.
    private void swap(String table, String parent, long parentId, int from, int to) {
        if (to < 1) {
            return;
        }
        boolean exists = jdbc.sql("select exists (select 1 from " + table + " where " + parent + " = :parent"
                        + " and position = :to)")
                .param("parent", parentId)
                .param("to", to)
                .query(Boolean.class)
                .single();
        if (!exists) {
            return;
        }
        String move = "update " + table + " set position = :target where " + parent + " = :parent and position = :at";
        jdbc.sql(move)
                .param("target", -1)
                .param("parent", parentId)
                .param("at", from)
                .update();
        jdbc.sql(move)
                .param("target", from)
                .param("parent", parentId)
                .param("at", to)
                .update();
        jdbc.sql(move)
                .param("target", to)
                .param("parent", parentId)
                .param("at", -1)
                .update();
    }

    private void closeGap(String table, String parent, long parentId, int removed) {
        jdbc.sql("update " + table + " set position = -position where " + parent + " = :parent and position > :p")
                .param("parent", parentId)
                .param("p", removed)
                .update();
        jdbc.sql("update " + table + " set position = -position - 1 where " + parent + " = :parent and position < 0")
                .param("parent", parentId)
                .update();
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
}
