package fr.guichetbio.portal.learning;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.portal.support.TestDatabase;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database already at the schema of the portal before training had tables (the master changelog without the
 * training folder) takes training's changes from the master changelog and nothing else: no portal change runs
 * again, none is reported as modified.
 */
class TrainingChangelogUpgradeTest {

    @Test
    void aDatabaseAtThePreviousSchemaGetsTrainingsTablesAndKeepsItsHistory() throws Exception {
        DataSource dataSource = TestDatabase.dataSource(TestDatabase.create());
        JdbcClient jdbc = JdbcClient.create(dataSource);
        migrate(dataSource, "classpath:db/changelog/master-before-training.yaml");
        List<Map<String, Object>> before = history(jdbc);
        assertThat(before).isNotEmpty();
        assertThat(tableExists(jdbc)).isFalse();

        migrate(dataSource, "classpath:db/changelog/db.changelog-master.yaml");

        List<Map<String, Object>> after = history(jdbc);
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        assertThat(after.subList(before.size(), after.size()))
                .extracting(row -> row.get("filename"))
                .isNotEmpty()
                // Only the folders of modules that got tables since (training, then matchmaking, notification,
                // dashboards, the shared sessions of identity and the rate-limit buckets): nothing of the portal's
                // earlier changes runs again.
                .allSatisfy(file -> assertThat((String) file)
                        .matches("db/changelog/(training|matchmaking|notification|dashboards|identity|ratelimit)/.*"))
                .anySatisfy(file -> assertThat((String) file).startsWith("db/changelog/training/"));
        assertThat(tableExists(jdbc)).isTrue();

        // Once more: nothing left to run.
        migrate(dataSource, "classpath:db/changelog/db.changelog-master.yaml");
        assertThat(history(jdbc)).isEqualTo(after);
    }

    private static void migrate(DataSource dataSource, String changelog) throws Exception {
        SpringLiquibase liquibase = new SpringLiquibase();
        liquibase.setDataSource(dataSource);
        liquibase.setChangeLog(changelog);
        liquibase.setResourceLoader(new DefaultResourceLoader());
        liquibase.afterPropertiesSet();
    }

    private static List<Map<String, Object>> history(JdbcClient jdbc) {
        return jdbc.sql("""
                        select id, author, filename, md5sum, orderexecuted, exectype from databasechangelog
                         order by orderexecuted
                        """).query().listOfRows();
    }

    private static boolean tableExists(JdbcClient jdbc) {
        return jdbc.sql("select to_regclass('learning_path') is not null")
                .query(Boolean.class)
                .single();
    }
}
