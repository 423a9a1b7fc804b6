package fr.guichetbio.portal.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.portal.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One writing module per table: {@code table-owners.csv} gives each table of the database its module, and no main
 * code of another module INSERTs, UPDATEs or DELETEs its rows (other modules call the owner's API or react to its
 * events). Every table the migrations create must have an owner, so a new table cannot slip past the rule.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1"
        })
class TableOwnershipTests {

    private static final String BASE = "fr.guichetbio.portal";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void noModuleWritesAnotherModulesTable() throws IOException {
        TableWrites writes = TableWrites.scan(Path.of("src/main/java"), BASE);

        assertThat(writes.writes()).as("SQL writes found in the portal's code").isNotEmpty();
        assertThat(writes.foreign(owners()))
                .as("writes to a table another module owns")
                .isEmpty();
    }

    @Test
    void everyTableOfTheDatabaseHasAnOwner() throws IOException {
        Set<String> tables = new TreeSet<>(
                jdbc.sql("select table_name from information_schema.tables where table_schema = current_schema()")
                        .query(String.class)
                        .list());

        assertThat(owners().keySet()).as("tables of table-owners.csv").containsExactlyInAnyOrderElementsOf(tables);
    }

    /** The canary: the same check finds a catalogue class that writes the organisation module's table. */
    @Test
    void theCheckFindsAWriteToAnotherModulesTable() throws IOException {
        String source = """
                package fr.guichetbio.portal.catalogue;

                class Sneaky {
                    void rename(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
                        jdbc.sql("update organisation set name = 'x' where id = 1").update();
                        jdbc.sql("insert into site (site_key) values ('k')").update();
                    }
                }
                """;
        TableWrites writes = new TableWrites(TableWrites.scan(source, "Sneaky.java", BASE));

        assertThat(writes.writes()).hasSize(2);
        assertThat(writes.foreign(owners())).singleElement().satisfies(write -> {
            assertThat(write.table()).isEqualTo("organisation");
            assertThat(write.module()).isEqualTo("catalogue");
            assertThat(write.line()).isEqualTo(5);
        });
    }

    static Map<String, String> owners() throws IOException {
        Map<String, String> owners = new LinkedHashMap<>();
        for (String line : new ClassPathResource("table-owners.csv")
                .getContentAsString(StandardCharsets.UTF_8)
                .split("\n")) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("table,")) {
                continue;
            }
            String[] cells = line.strip().split(",");
            owners.put(cells[0], cells[1]);
        }
        return owners;
    }
}
