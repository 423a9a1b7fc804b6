package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import fr.guichetbio.catalogue.index.CatalogueIndexSchema;
import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.ManagedProcess;
import fr.guichetbio.infra.launcher.Stack;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Production's shape on loopback ({@code infra/run --cluster}): three Elasticsearch nodes holding the catalogue index
 * and its replica, two portals behind the load balancer sharing their sessions, two indexer workers sharing the outbox.
 * A CDMO member signs in once and saves their site through one replica, then the other, in turn: every save becomes
 * searchable on both replicas exactly once — one result, one document per site, the site's last version indexed, each
 * outbox row processed by exactly one of the two workers — and both workers take part.
 */
@ExtendWith(RunningCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIndexingIT {

    private static final String ORGANISATION = "demo-cdmo";

    /** Saves at least, and at most while waiting to see both workers take one. */
    private static final int MIN_EDITS = 12;

    private static final int MAX_EDITS = 100;

    private Stack stack;
    private StackCatalogue catalogue;
    private ElasticsearchClient client;

    @BeforeAll
    void connect(Stack stack) {
        this.stack = stack;
        this.catalogue = new StackCatalogue(stack);
        client = ElasticsearchClient.of(b -> b.host(stack.elasticsearch().url()));
        await().atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> catalogue.publicSiteCount() > 0
                        && catalogue.pendingOutboxRows() == 0
                        && !catalogue.rebuildRunning()
                        && indexedCount() == catalogue.publicSiteCount());
    }

    @AfterAll
    void close() throws Exception {
        client.close();
    }

    @Test
    void theStackRunsThreeSearchNodesTwoPortalsAndTwoIndexerWorkers() throws Exception {
        assertThat(stack.topology().clustered()).isTrue();
        assertThat(stack.portalUrls()).hasSize(2).doesNotContain(stack.portalUrl());
        assertThat(stack.indexers()).hasSize(2).allMatch(ManagedProcess::isAlive);

        var health = client.cluster()
                .health(h -> h.index(CatalogueIndexSchema.ALIAS)
                        .waitForStatus(HealthStatus.Green)
                        .timeout(t -> t.time("60s")));
        assertThat(health.numberOfNodes()).isEqualTo(3);
        assertThat(health.status()).isEqualTo(HealthStatus.Green);
        // One primary and its replica, on two different nodes: any one node may stop.
        var shards =
                client.cat().shards(s -> s.index(CatalogueIndexSchema.ALIAS)).shards();
        assertThat(shards).hasSize(2);
        assertThat(shards.stream().map(shard -> shard.node()).distinct()).hasSize(2);
    }

    @Test
    void savesThroughEitherReplicaBecomeSearchableExactlyOnce() throws Exception {
        DemoAccount cdmo = stack.account("cdmo");
        // Signed in through the load balancer; the same cookies then reach each replica directly.
        PortalSession browser = PortalSession.signIn(stack.portalUrl(), cdmo.username(), cdmo.password());
        List<String> replicas = stack.portalUrls();
        List<String> sites = demoSites();

        Map<Long, String> processedBy = new LinkedHashMap<>();
        Map<String, Integer> savesPerReplica = new LinkedHashMap<>();
        Set<String> edited = new HashSet<>();
        for (int i = 0; i < MAX_EDITS && (i < MIN_EDITS || new HashSet<>(processedBy.values()).size() < 2); i++) {
            String replica = replicas.get(i % replicas.size());
            String other = replicas.get((i + 1) % replicas.size());
            String key = sites.get(i % sites.size());
            String word = "grappe" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "");
            PortalSession onReplica = browser.at(replica);

            PortalSession.Page editor = onReplica.get(editorPath(key));
            assertThat(editor.uri().toString())
                    .as("the editor through %s, with the session opened through the load balancer", replica)
                    .isEqualTo(replica + editorPath(key));
            PortalSession.Page saved = onReplica.submit(editor, "#site-form", Map.of("name", "Site " + word));
            assertThat(saved.status()).isEqualTo(200);
            assertThat(saved.document().getElementById("conflict")).isNull();
            assertThat(saved.document().select(".fr-alert--error")).isEmpty();
            savesPerReplica.merge(replica, 1, Integer::sum);
            edited.add(key);

            long row = outboxRowOfCurrentVersion(key);
            // Searchable through the other replica too, as one result.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> searchResultsNaming(other, word) == 1 && processedBy(row) != null);
            assertThat(searchResultsNaming(replica, word)).isEqualTo(1);
            processedBy.put(row, processedBy(row));
        }

        assertThat(savesPerReplica.keySet()).containsExactlyInAnyOrderElementsOf(replicas);
        assertThat(new HashSet<>(processedBy.values()))
                .as("workers that processed the %d saves (portals run none)", processedBy.size())
                .containsExactlyInAnyOrder("indexer-1", "indexer-2");
        // One document per public site, and each edited site's document is of its last version.
        assertThat(indexedCount()).isEqualTo(catalogue.publicSiteCount());
        for (String key : edited) {
            long id = catalogue.queryLong("select id from site where site_key = '" + key + "'");
            long version = catalogue.queryLong("select version from site where site_key = '" + key + "'");
            assertThat(client.get(g -> g.index(CatalogueIndexSchema.ALIAS).id(Long.toString(id)), Void.class)
                            .version())
                    .as("indexed version of %s", key)
                    .isEqualTo(version);
        }
        System.out.printf(
                "Cluster: %d saves (%s), outbox rows processed by %s%n",
                processedBy.size(),
                savesPerReplica,
                processedBy.values().stream()
                        .collect(java.util.stream.Collectors.groupingBy(
                                w -> w, java.util.stream.Collectors.counting())));
    }

    private static String editorPath(String key) {
        return "/organisations/" + ORGANISATION + "/sites/" + key + "/modifier";
    }

    /** The demo CDMO's public sites, by key. */
    private List<String> demoSites() throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection connection = catalogue.connection();
                PreparedStatement statement = connection.prepareStatement("select s.site_key from site s join"
                        + " organisation o on o.id = s.organisation_id where o.slug = ? and "
                        + StackCatalogue.PUBLIC_SITE + " order by s.id")) {
            statement.setString(1, ORGANISATION);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        assertThat(keys).as("public sites of " + ORGANISATION).isNotEmpty();
        return keys;
    }

    /** The one outbox row written for the site's current version. */
    private long outboxRowOfCurrentVersion(String key) throws Exception {
        return catalogue.queryLong("select o.id from outbox o join site s on s.id = o.aggregate_id"
                + " where o.aggregate_type = 'site' and o.version = s.version and s.site_key = '" + key + "'");
    }

    private static int searchResultsNaming(String portal, String word) throws Exception {
        PortalClient.Page page =
                new PortalClient(portal).get("/recherche?q=" + URLEncoder.encode(word, StandardCharsets.UTF_8));
        assertThat(page.status()).as("search on %s", portal).isEqualTo(200);
        return (int) page.document().select(".search-result").stream()
                .filter(result -> result.text().contains(word))
                .count();
    }

    private String processedBy(long row) throws Exception {
        try (Connection connection = catalogue.connection();
                PreparedStatement statement = connection.prepareStatement(
                        "select processed_by from outbox where id = ? and processed_at is not null")) {
            statement.setLong(1, row);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private long indexedCount() throws Exception {
        client.indices().refresh(r -> r.index(CatalogueIndexSchema.ALIAS));
        return client.count(c -> c.index(CatalogueIndexSchema.ALIAS)).count();
    }
}
