package fr.guichetbio.training.course;

import fr.guichetbio.training.course.CourseContent.Level;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The public list of courses: the latest published version of each, filtered in SQL by role (the courses of that
 * role's learning paths), level, language, provider and duration.
 */
@Repository
public class CourseCatalogue {

    private final JdbcClient jdbc;

    CourseCatalogue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What to list; {@code null} means any.
     *
     * @param role a bioproduction role code: courses of that role's paths
     * @param maxMinutes courses estimated to take at most this long
     */
    public record Filter(String role, Level level, String language, Long providerId, Integer maxMinutes) {

        public static final Filter ALL = new Filter(null, null, null, null, null);
    }

    /** A course as listed: its latest published version's description and size. */
    public record Entry(
            String code,
            long providerId,
            String title,
            String summary,
            String language,
            Level level,
            int durationMinutes,
            int major,
            int minor,
            int lessons) {

        public String version() {
            return major + "." + minor;
        }
    }

    /** The published courses matching the filter, by title. */
    public List<Entry> published(Filter filter) {
        return jdbc.sql("""
                        select * from (
                          select distinct on (c.id) c.code, c.provider_organisation_id, v.title, v.summary, v.language,
                                 v.level, v.duration_minutes, v.major, v.minor,
                                 (select count(*) from course_module m join lesson l on l.module_id = m.id
                                   where m.course_version_id = v.id) lessons
                            from course c join course_version v on v.course_id = c.id
                           where v.status = 'PUBLISHED'
                             and (cast(:role as varchar) is null or exists (
                                   select 1 from learning_path p join learning_path_course pc on pc.path_id = p.id
                                    where p.role = :role and pc.course_id = c.id))
                             and (cast(:provider as bigint) is null or c.provider_organisation_id = :provider)
                           order by c.id, v.major desc, v.minor desc
                        ) latest
                         where (cast(:level as varchar) is null or level = :level)
                           and (cast(:language as varchar) is null or language = :language)
                           and (cast(:maxMinutes as integer) is null or duration_minutes <= :maxMinutes)
                         order by title
                        """)
                .param("role", filter.role())
                .param("provider", filter.providerId())
                .param("level", filter.level() == null ? null : filter.level().name())
                .param("language", filter.language())
                .param("maxMinutes", filter.maxMinutes())
                .query((rs, n) -> new Entry(
                        rs.getString("code"),
                        rs.getLong("provider_organisation_id"),
                        rs.getString("title"),
                        rs.getString("summary"),
                        rs.getString("language"),
                        Level.valueOf(rs.getString("level")),
                        rs.getInt("duration_minutes"),
                        rs.getInt("major"),
                        rs.getInt("minor"),
                        rs.getInt("lessons")))
                .list();
    }

    /** The providers that have at least one published course (for the provider filter). */
    public List<Long> providers() {
        return jdbc.sql("""
                        select distinct c.provider_organisation_id from course c
                         where exists (select 1 from course_version v where v.course_id = c.id and v.status = 'PUBLISHED')
                        """).query(Long.class).list();
    }
}
