package fr.guichetbio.portal.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestImages;
import fr.guichetbio.training.course.CourseContent;
import fr.guichetbio.training.course.CourseFiles;
import fr.guichetbio.training.course.Courses;
import fr.guichetbio.training.demo.GmpFundamentals;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Course files on real PostgreSQL: the type comes from the content's signature and must match the name; SVG (which
 * may hold script), empty, oversized and badly named files are refused with their reason; files are frozen with their
 * version and a new version starts with a copy of them.
 */
class CourseFilesTest {

    static JdbcClient jdbc;
    static Courses courses;
    static CourseFiles files;

    @BeforeAll
    static void migrate() throws Exception {
        jdbc = TestDatabase.migrated();
        courses = new Courses(jdbc);
        files = new CourseFiles(jdbc);
    }

    @Test
    void filesAreCheckedByContentFrozenWithTheirVersionAndCopiedToTheNext() {
        CourseContent gmp = GmpFundamentals.course().content();
        long draft = courses.draft(4, 1, 0, gmp);

        assertThat(files.store(draft, "Schema-Zones.PNG", TestImages.PNG).name())
                .isEqualTo("schema-zones.png");
        files.store(draft, "fiche.pdf", "%PDF-1.7\n%%EOF".getBytes(StandardCharsets.US_ASCII));
        assertThat(refusal(draft, "a.png", "<svg onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("type");
        assertThat(refusal(draft, "dessin.svg", TestImages.PNG)).isEqualTo("name");
        assertThat(refusal(draft, "deguise.pdf", TestImages.PNG))
                .as("a PNG named .pdf")
                .isEqualTo("type");
        assertThat(refusal(draft, "../etc.png", TestImages.PNG)).isEqualTo("name");
        assertThat(refusal(draft, "vide.png", new byte[0])).isEqualTo("empty");
        byte[] huge = Arrays.copyOf(TestImages.PNG, CourseFiles.MAX_BYTES + 1);
        assertThat(refusal(draft, "enorme.png", huge)).isEqualTo("size");
        assertThat(refusal(draft, "schema-zones.png", TestImages.PNG)).isEqualTo("taken");
        assertThat(files.list(draft))
                .extracting(CourseFiles.Listed::name)
                .containsExactly("fiche.pdf", "schema-zones.png");

        courses.publishDraft(draft, Instant.now());
        assertThatThrownBy(() -> files.store(draft, "tard.png", TestImages.PNG)).hasMessageContaining("is published");
        assertThatThrownBy(() -> files.delete(draft, "fiche.pdf")).hasMessageContaining("is published");

        long next = courses.draft(4, 1, 1, gmp);
        files.copy(draft, next);
        assertThat(files.find(next, "schema-zones.png").orElseThrow().content()).isEqualTo(TestImages.PNG);
    }

    private static String refusal(long version, String name, byte[] content) {
        try {
            files.store(version, name, content);
            throw new AssertionError(name + " was accepted");
        } catch (CourseFiles.Refused refused) {
            return refused.reason();
        }
    }
}
