package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import fr.guichetbio.catalogue.index.CatalogueFields;
import fr.guichetbio.catalogue.index.CatalogueIndexAdmin;
import fr.guichetbio.catalogue.index.CatalogueIndexSchema;
import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.Stack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup and restore drill of issue 19, with the operator's scripts ({@code infra/backup/backup} and
 * {@code restore}) and the portal jar's rebuild command: the stack's database, with fresh edits, is backed up; the
 * backup is restored into a new database (the stack's portal keeps running on its own: the other tests share it, so
 * the "lost" database is a new one, dropped and re-created by {@code restore --force}); the search index is rebuilt
 * from the restored database; every public listing is found again in the new index and the restored tables hold the
 * same rows. The rebuilt index is swapped behind the stack's alias: its content is the live database's, restored, so
 * the tests after this one search the same catalogue.
 */
@ExtendWith(RunningStack.class)
class BackupRestoreDrillIT {

    /** Tables compared row for row by count after the restore, beside the listings compared one by one. */
    private static final List<String> COUNTED = List.of(
            "person",
            "organisation",
            "membership",
            "site",
            "capability",
            "availability_slot",
            "outbox",
            "course_version",
            "certificate",
            "audit_entry");

    private static final String LISTINGS = "select s.id, s.name, s.version from site s join organisation o"
            + " on o.id = s.organisation_id where " + StackCatalogue.PUBLIC_SITE + " order by s.id";

    private record Listing(long id, String name, int version) {}

    private record Run(int exitCode, String output) {}

    @Test
    void aBackupRestoredIntoANewDatabaseAndReindexedHoldsEveryListing(Stack stack, @TempDir Path dir) throws Exception {
        StackCatalogue catalogue = new StackCatalogue(stack);
        catalogue.awaitIndexed();
        Path project = Path.of(System.getProperty("guichet.project.dir", ".."));
        Path jar = Path.of(System.getProperty("guichet.stack.dir", "../infra/launcher/target/stack"), "portal.jar");
        String restoredName = databaseName(stack.database().url()) + "_restored";
        String restoredUrl = stack.database().url().replaceFirst("/[^/]+$", "/" + restoredName);
        dropDatabase(stack, restoredName);

        // 1. Fresh rows: two listings renamed as the editor saves them, a trainee's first sign-in and certificate.
        List<Long> renamed = catalogue.publicSites(2);
        for (long site : renamed) {
            catalogue.rename(site, "Plateforme sauvegardée " + site);
        }
        DemoAccount trainee = stack.account("trainee");
        PortalSession.signIn(stack.portalUrl(), trainee.username(), trainee.password());
        StackCertificates.ofTheTrainee(stack);
        catalogue.awaitIndexed();
        List<Listing> listings = listings(stack.database().url(), stack);
        Map<String, Long> counts = counts(stack.database().url(), stack);
        assertThat(listings).extracting(Listing::name).contains("Plateforme sauvegardée " + renamed.getFirst());
        assertThat(counts.get("certificate")).isPositive();

        // 2. The backup: the dump and its checksum, nothing left half-written.
        Path dump = dir.resolve("guichet.dump");
        Run backup = script(project, dir, stack, stack.database().url(), "backup", "--output", dump.toString());
        assertThat(backup.exitCode()).as(backup.output()).isZero();
        assertThat(dump).isNotEmptyFile();
        assertThat(dump.resolveSibling("guichet.dump.sha256")).isNotEmptyFile();
        assertThat(dump.resolveSibling("guichet.dump.partial")).doesNotExist();

        // 3. A damaged copy is refused before anything is touched.
        Path damaged = dir.resolve("damaged.dump");
        Files.copy(dump, damaged);
        Files.copy(dump.resolveSibling("guichet.dump.sha256"), dir.resolve("damaged.dump.sha256"));
        try (var channel = Files.newByteChannel(damaged, StandardOpenOption.WRITE)) {
            channel.position(Files.size(damaged) / 2).write(java.nio.ByteBuffer.wrap(new byte[] {0x5a, 0x5a}));
        }
        Run refused = script(project, dir, stack, restoredUrl, "restore", damaged.toString());
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(3);
        assertThat(refused.output()).contains("Corrupt backup");
        assertThat(databaseExists(stack, restoredName)).isFalse();

        // 4. Restore into the new database; again over it: refused without --force, dropped and re-created with it.
        Run restored = script(project, dir, stack, restoredUrl, "restore", dump.toString());
        assertThat(restored.exitCode()).as(restored.output()).isZero();
        Run overwrite = script(project, dir, stack, restoredUrl, "restore", dump.toString());
        assertThat(overwrite.exitCode()).as(overwrite.output()).isEqualTo(4);
        assertThat(overwrite.output()).contains("refusing to restore over it");
        Run forced = script(project, dir, stack, restoredUrl, "restore", "--force", dump.toString());
        assertThat(forced.exitCode()).as(forced.output()).isZero();
        assertThat(forced.output()).contains("Dropping database " + restoredName);

        assertThat(listings(restoredUrl, stack)).isEqualTo(listings);
        assertThat(counts(restoredUrl, stack)).isEqualTo(counts);

        // 5. The index rebuilt from the restored database: a new index behind the alias, every listing in it.
        ElasticsearchClient client =
                ElasticsearchClient.of(b -> b.host(stack.elasticsearch().url()));
        CatalogueIndexAdmin admin = new CatalogueIndexAdmin(client);
        String before = admin.currentIndex().orElseThrow();
        List<String> rebuild = new ArrayList<>(List.of(
                StackCatalogue.java(),
                "-jar",
                jar.toString(),
                "--spring.datasource.url=" + restoredUrl,
                "--spring.datasource.username=" + stack.database().username(),
                "--spring.datasource.password=" + stack.database().password(),
                "--spring.elasticsearch.uris=" + stack.elasticsearch().url(),
                "--guichet.index.rebuild",
                "--server.port=0"));
        Commands.run(dir.resolve("rebuild.log"), rebuild);
        String after = admin.currentIndex().orElseThrow();
        assertThat(after).isNotEqualTo(before);
        assertThat(latestRebuild(restoredUrl, stack))
                .as("the restored database's rebuild")
                .isEqualTo(after);

        client.indices().refresh(r -> r.index(CatalogueIndexSchema.ALIAS));
        assertThat(client.count(c -> c.index(CatalogueIndexSchema.ALIAS)).count())
                .isEqualTo(listings.size());
        List<Listing> missing = new ArrayList<>();
        for (Listing listing : listings) {
            if (!foundByName(client, listing)) {
                missing.add(listing);
            }
        }
        assertThat(missing)
                .as("listings not found by their name in the rebuilt index")
                .isEmpty();
        System.out.printf(
                "Backup and restore drill: %d listings and %s restored from %d bytes; index %s rebuilt from %s%n",
                listings.size(), counts, Files.size(dump), after, restoredName);
        dropDatabase(stack, restoredName);
    }

    /** Whether a search of the listing's whole name (every word) finds the listing's document. */
    private static boolean foundByName(ElasticsearchClient client, Listing listing) throws IOException {
        return client.search(
                                s -> s.index(CatalogueIndexSchema.ALIAS)
                                        .query(q -> q.bool(b -> b.must(
                                                        m -> m.match(match -> match.field(CatalogueFields.NAME)
                                                                .query(listing.name())
                                                                .operator(Operator.And)))
                                                .filter(f -> f.ids(ids -> ids.values(Long.toString(listing.id())))))),
                                Void.class)
                        .hits()
                        .hits()
                        .size()
                == 1;
    }

    private static Run script(Path project, Path dir, Stack stack, String databaseUrl, String name, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(project.resolve("infra/backup").resolve(name).toString()));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(dir, name, ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("GUICHET_DATABASE_URL", databaseUrl);
        builder.environment().put("GUICHET_DATABASE_USERNAME", stack.database().username());
        builder.environment().put("GUICHET_DATABASE_PASSWORD", stack.database().password());
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(name + " ended").isTrue();
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static List<Listing> listings(String url, Stack stack) throws Exception {
        List<Listing> listings = new ArrayList<>();
        try (Connection db = connect(url, stack);
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(LISTINGS)) {
            while (rows.next()) {
                listings.add(new Listing(rows.getLong(1), rows.getString(2), rows.getInt(3)));
            }
        }
        assertThat(listings).as("public listings").isNotEmpty();
        return listings;
    }

    private static Map<String, Long> counts(String url, Stack stack) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection db = connect(url, stack);
                Statement statement = db.createStatement()) {
            for (String table : COUNTED) {
                try (ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        }
        return counts;
    }

    /** The index the latest rebuild recorded in that database wrote. */
    private static String latestRebuild(String url, Stack stack) throws Exception {
        try (Connection db = connect(url, stack);
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select state, index_name from index_rebuild order by id desc limit 1")) {
            assertThat(rows.next()).as("a rebuild recorded").isTrue();
            assertThat(rows.getString(1)).isEqualTo("DONE");
            return rows.getString(2);
        }
    }

    private static boolean databaseExists(Stack stack, String name) throws Exception {
        try (Connection db = connect(maintenanceUrl(stack), stack);
                PreparedStatement query = db.prepareStatement("select count(*) from pg_database where datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1) == 1;
            }
        }
    }

    private static void dropDatabase(Stack stack, String name) throws Exception {
        try (Connection db = connect(maintenanceUrl(stack), stack);
                Statement statement = db.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        }
    }

    private static String maintenanceUrl(Stack stack) {
        return stack.database().url().replaceFirst("/[^/]+$", "/postgres");
    }

    private static String databaseName(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static Connection connect(String url, Stack stack) throws Exception {
        return DriverManager.getConnection(
                url, stack.database().username(), stack.database().password());
    }
}
