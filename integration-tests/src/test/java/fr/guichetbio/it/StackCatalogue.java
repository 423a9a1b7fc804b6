package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import fr.guichetbio.catalogue.index.CatalogueFields;
import fr.guichetbio.catalogue.index.CatalogueIndexSchema;
import fr.guichetbio.infra.launcher.Stack;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack's catalogue as the indexing tests and benchmarks read and edit it behind the portal's back: plain JDBC on
 * the stack's database, edits made the way the catalogue code makes them (new site version and outbox row in one
 * transaction), and the portal jar started as another process on the same database and Elasticsearch.
 */
final class StackCatalogue {

    /** The public sites' rule (the portal's {@code PublicSites.CONDITION}) on {@code s} the site, {@code o} its organisation. */
    static final String PUBLIC_SITE =
            "o.status = 'ACTIVE' and exists (select 1 from capability pc where pc.site_id = s.id)";

    private static final String PUBLIC_SITES =
            "from site s join organisation o on o.id = s.organisation_id where " + PUBLIC_SITE;

    /** An edit: the outbox row it wrote and the site's new version. */
    record Edit(long outboxRow, int version) {}

    private final Stack stack;

    StackCatalogue(Stack stack) {
        this.stack = stack;
    }

    Connection connection() throws Exception {
        return DriverManager.getConnection(
                stack.database().url(),
                stack.database().username(),
                stack.database().password());
    }

    /** The first column of the first row of {@code sql}. */
    long queryLong(String sql) throws Exception {
        try (Connection connection = connection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    long publicSiteCount() throws Exception {
        return queryLong("select count(*) " + PUBLIC_SITES);
    }

    /** The first {@code count} public sites by id (at least one). */
    List<Long> publicSites(int count) throws Exception {
        List<Long> sites = new ArrayList<>();
        try (Connection connection = connection();
                PreparedStatement statement =
                        connection.prepareStatement("select s.id " + PUBLIC_SITES + " order by s.id limit ?")) {
            statement.setInt(1, count);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    sites.add(rs.getLong(1));
                }
            }
        }
        assertThat(sites).as("public sites").isNotEmpty();
        return sites;
    }

    long pendingOutboxRows() throws Exception {
        return queryLong("select count(*) from outbox where processed_at is null");
    }

    boolean rebuildRunning() throws Exception {
        return queryLong("select count(*) from index_rebuild where state = 'RUNNING'") > 0;
    }

    /** {@link #awaitIndexed(ElasticsearchClient)} with a client of its own. */
    void awaitIndexed() throws Exception {
        try (ElasticsearchClient client =
                ElasticsearchClient.of(b -> b.host(stack.elasticsearch().url()))) {
            awaitIndexed(client);
        }
    }

    /** Renames the site as the catalogue code changes a site: new version and outbox row in one transaction. */
    Edit rename(long site, String name) throws Exception {
        try (Connection connection = connection()) {
            return rename(connection, site, name);
        }
    }

    /** Same, on the caller's connection (bursts of edits). */
    static Edit rename(Connection connection, long site, String name) throws Exception {
        connection.setAutoCommit(false);
        int version;
        try (PreparedStatement update = connection.prepareStatement(
                "update site set name = ?, version = version + 1 where id = ? returning version")) {
            update.setString(1, name);
            update.setLong(2, site);
            try (ResultSet rs = update.executeQuery()) {
                rs.next();
                version = rs.getInt(1);
            }
        }
        long row;
        try (PreparedStatement outbox = connection.prepareStatement(
                "insert into outbox (aggregate_type, aggregate_id, version) values ('site', ?, ?) returning id")) {
            outbox.setLong(1, site);
            outbox.setInt(2, version);
            try (ResultSet rs = outbox.executeQuery()) {
                rs.next();
                row = rs.getLong(1);
            }
        }
        connection.commit();
        return new Edit(row, version);
    }

    /** Whether searching the index for {@code word} in site names finds {@code site}. */
    static boolean findsByName(ElasticsearchClient client, String word, long site) throws IOException {
        return client
                .search(
                        s -> s.index(CatalogueIndexSchema.ALIAS)
                                .query(q -> q.match(
                                        m -> m.field(CatalogueFields.NAME).query(word))),
                        Void.class)
                .hits()
                .hits()
                .stream()
                .anyMatch(hit -> hit.id().equals(Long.toString(site)));
    }

    /** Waits until the catalogue seeded at the first start is indexed, once, and no rebuild runs. */
    void awaitIndexed(ElasticsearchClient client) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(240))
                .pollInterval(java.time.Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> publicSiteCount() > 0
                        && pendingOutboxRows() == 0
                        && !rebuildRunning()
                        && indexedCount(client) == publicSiteCount());
    }

    /** The worker that processed the outbox row, null while it waits. */
    String processedBy(long row) throws Exception {
        try (Connection connection = connection();
                PreparedStatement statement = connection.prepareStatement(
                        "select processed_by from outbox where id = ? and processed_at is not null")) {
            statement.setLong(1, row);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The documents behind the catalogue alias, after a refresh (what a search sees next). */
    static long indexedCount(ElasticsearchClient client) throws IOException {
        client.indices().refresh(r -> r.index(CatalogueIndexSchema.ALIAS));
        return client.count(c -> c.index(CatalogueIndexSchema.ALIAS)).count();
    }

    /** The site's document version in the index (external versioning: the site's version). */
    static long indexedVersion(ElasticsearchClient client, long site) throws IOException {
        return client.get(g -> g.index(CatalogueIndexSchema.ALIAS).id(Long.toString(site)), Void.class)
                .version();
    }

    /** Every edited site's document holds the site's current version: no older write overtook a newer one. */
    void assertIndexedVersionsAreCurrent(ElasticsearchClient client, java.util.Collection<String> siteKeys)
            throws Exception {
        for (String key : siteKeys) {
            long id = queryLong("select id from site where site_key = '" + key + "'");
            long version = queryLong("select version from site where site_key = '" + key + "'");
            assertThat(indexedVersion(client, id))
                    .as("indexed version of %s", key)
                    .isEqualTo(version);
        }
    }

    /** The command starting the portal jar on the stack's database and Elasticsearch, with {@code arguments}. */
    List<String> portalCommand(Path jar, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                java(),
                "-jar",
                jar.toString(),
                "--spring.datasource.url=" + stack.database().url(),
                "--spring.datasource.username=" + stack.database().username(),
                "--spring.datasource.password=" + stack.database().password(),
                "--spring.elasticsearch.uris=" + stack.elasticsearch().urls()));
        command.addAll(List.of(arguments));
        return command;
    }

    /** The java command running these tests (a JDK 21+), for the processes they start. */
    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
