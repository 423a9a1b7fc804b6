package fr.guichetbio.portal.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichetbio.portal.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Training's schema keeps a published course version as learners were assessed on it: its row (but its status),
 * modules and lessons cannot change, while a draft stays editable.
 */
class CourseVersionFreezeTest {

    static JdbcClient jdbc;

    @BeforeAll
    static void migrate() throws Exception {
        jdbc = TestDatabase.migrated();
    }

    private static long version(String code) {
        long course = jdbc.sql("insert into course (code, provider_organisation_id) values (?, 1) returning id")
                .param(code)
                .query(Long.class)
                .single();
        return jdbc.sql("""
                        insert into course_version (course_id, major, minor, language, level, title, summary,
                                                    duration_minutes)
                        values (?, 1, 0, 'fr', 'INTRODUCTORY', 'BPF', 'Les bases', 90) returning id
                        """).param(course).query(Long.class).single();
    }

    private static long module(long version, int position) {
        return jdbc.sql(
                        "insert into course_module (course_version_id, position, title) values (?, ?, 'M') returning id")
                .params(version, position)
                .query(Long.class)
                .single();
    }

    private static long lesson(long module, int position) {
        return jdbc.sql("""
                        insert into lesson (module_id, position, lesson_key, title, markdown)
                        values (?, ?, 'lecon-' || ?, 'L', 'Texte') returning id
                        """)
                .params(module, position, position)
                .query(Long.class)
                .single();
    }

    private static void publish(long version) {
        jdbc.sql("update course_version set status = 'PUBLISHED', published_at = now() where id = ?")
                .param(version)
                .update();
    }

    @Test
    void aDraftIsEditable() {
        long version = version("brouillon");
        long module = module(version, 1);
        long lesson = lesson(module, 1);

        jdbc.sql("update lesson set markdown = 'Corrigé' where id = ?")
                .param(lesson)
                .update();
        jdbc.sql("update course_version set title = 'BPF 2' where id = ?")
                .param(version)
                .update();
        jdbc.sql("delete from lesson where id = ?").param(lesson).update();

        assertThat(jdbc.sql("select count(*) from lesson where module_id = ?")
                        .param(module)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aPublishedVersionRefusesEveryChangeButItsStatus() {
        long version = version("publie");
        long module = module(version, 1);
        long lesson = lesson(module, 1);
        publish(version);

        assertThatThrownBy(() -> jdbc.sql("update lesson set markdown = 'Changé' where id = ?")
                        .param(lesson)
                        .update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("published");
        assertThatThrownBy(() -> lesson(module, 2)).hasMessageContaining("published");
        assertThatThrownBy(() -> jdbc.sql("delete from lesson where id = ?")
                        .param(lesson)
                        .update())
                .hasMessageContaining("published");
        assertThatThrownBy(() -> module(version, 2)).hasMessageContaining("published");
        assertThatThrownBy(() -> jdbc.sql("update course_module set title = 'X' where id = ?")
                        .param(module)
                        .update())
                .hasMessageContaining("published");
        assertThatThrownBy(() -> jdbc.sql("update course_version set title = 'Autre' where id = ?")
                        .param(version)
                        .update())
                .hasMessageContaining("published");

        // Admins unpublish: the status alone may change.
        jdbc.sql("update course_version set status = 'UNPUBLISHED' where id = ?")
                .param(version)
                .update();
        assertThat(jdbc.sql("select markdown from lesson where id = ?")
                        .param(lesson)
                        .query(String.class)
                        .single())
                .isEqualTo("Texte");
    }

    @Test
    void aLessonCannotMoveIntoAPublishedVersion() {
        long published = version("cible");
        long target = module(published, 1);
        publish(published);
        long draftModule = module(version("source"), 1);
        long lesson = lesson(draftModule, 1);

        assertThatThrownBy(() -> jdbc.sql("update lesson set module_id = ? where id = ?")
                        .params(target, lesson)
                        .update())
                .hasMessageContaining("published");
    }
}
