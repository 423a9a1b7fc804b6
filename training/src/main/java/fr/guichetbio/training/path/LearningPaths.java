package fr.guichetbio.training.path;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Learning paths ({@code learning_path}, {@code learning_path_course}). */
@Repository
public class LearningPaths {

    private static final String SELECT = """
            select p.*, array(select c.code from learning_path_course pc join course c on c.id = pc.course_id
                               where pc.path_id = p.id order by pc.position) course_codes
              from learning_path p
            """;

    private final JdbcClient jdbc;

    public LearningPaths(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every path, in the order of the roles. */
    public List<LearningPath> all() {
        return jdbc.sql(SELECT).query((rs, n) -> path(rs)).list().stream()
                .sorted((a, b) -> a.role() == b.role()
                        ? a.code().compareTo(b.code())
                        : a.role().compareTo(b.role()))
                .toList();
    }

    public Optional<LearningPath> byCode(String code) {
        return jdbc.sql(SELECT + " where p.code = :code")
                .param("code", code)
                .query((rs, n) -> path(rs))
                .optional();
    }

    /** The paths that include this course. */
    public List<LearningPath> including(String courseCode) {
        return all().stream()
                .filter(path -> path.courseCodes().contains(courseCode))
                .toList();
    }

    /**
     * Creates or replaces a path; its courses must exist (by code).
     *
     * @throws IllegalArgumentException when a course does not exist
     */
    @Transactional
    public void save(LearningPath path) {
        long id = jdbc.sql("""
                        insert into learning_path (code, title_fr, title_en, role, outcome_fr, outcome_en)
                        values (:code, :titleFr, :titleEn, :role, :outcomeFr, :outcomeEn)
                        on conflict (code) do update set title_fr = excluded.title_fr, title_en = excluded.title_en,
                            role = excluded.role, outcome_fr = excluded.outcome_fr, outcome_en = excluded.outcome_en
                        returning id
                        """)
                .param("code", path.code())
                .param("titleFr", path.titleFr())
                .param("titleEn", path.titleEn())
                .param("role", path.role().name())
                .param("outcomeFr", path.outcomeFr())
                .param("outcomeEn", path.outcomeEn())
                .query(Long.class)
                .single();
        jdbc.sql("delete from learning_path_course where path_id = :id")
                .param("id", id)
                .update();
        int position = 0;
        for (String course : path.courseCodes()) {
            int added = jdbc.sql("""
                            insert into learning_path_course (path_id, position, course_id)
                            select :id, :position, id from course where code = :code
                            """)
                    .param("id", id)
                    .param("position", ++position)
                    .param("code", course)
                    .update();
            if (added != 1) {
                throw new IllegalArgumentException("no course " + course + " for path " + path.code());
            }
        }
    }

    private static LearningPath path(ResultSet rs) throws SQLException {
        return new LearningPath(
                rs.getString("code"),
                BioproductionRole.valueOf(rs.getString("role")),
                rs.getString("title_fr"),
                rs.getString("title_en"),
                rs.getString("outcome_fr"),
                rs.getString("outcome_en"),
                List.of((String[]) rs.getArray("course_codes").getArray()));
    }
}
