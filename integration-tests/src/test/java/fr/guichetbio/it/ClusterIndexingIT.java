package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import fr.guichetbio.catalogue.index.CatalogueIndexSchema;
import fr.guichetbio.infra.launcher.ManagedProcess;
import fr.guichetbio.infra.launcher.Stack;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Production's shape on loopback ({@code infra/run --cluster}): three Elasticsearch nodes holding the catalogue index
 * and its replica, two portals behind the load balancer sharing their sessions, two indexer workers sharing the outbox.
 * A CDMO member signs in once through the load balancer and saves their sites through one replica, then the other, in
 * turn: every save becomes searchable on both replicas exactly once — one result, one document per site, each site's
 * last version indexed, each outbox row processed by exactly one of the two workers — and both workers take part.
 */
@ExtendWith(RunningCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIndexingIT {

    /** Saves at least, and at most while waiting to see both workers take one. */
    private static final int MIN_SAVES = 12;

    private static final int MAX_SAVES = 100;

    private Stack stack;
    private StackCatalogue catalogue;
    private ElasticsearchClient client;

    @BeforeAll
    void connect(Stack stack) {
        this.stack = stack;
        this.catalogue = new StackCatalogue(stack);
        client = ElasticsearchClient.of(b -> b.host(stack.elasticsearch().url()));
        catalogue.awaitIndexed(client);
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
        SiteEditor editor = new SiteEditor(stack);
        List<String> replicas = stack.portalUrls();
        List<String> sites = editor.sites();

        Map<Long, String> processedBy = new LinkedHashMap<>();
        Map<String, Integer> savesPerReplica = new LinkedHashMap<>();
        Set<String> edited = new HashSet<>();
        for (int i = 0; i < MAX_SAVES && (i < MIN_SAVES || new HashSet<>(processedBy.values()).size() < 2); i++) {
            String replica = replicas.get(i % replicas.size());
            String other = replicas.get((i + 1) % replicas.size());
            SiteEditor.Save save = editor.rename(replica, sites.get(i % sites.size()));
            savesPerReplica.merge(replica, 1, Integer::sum);
            edited.add(save.site());
            // Searchable through both replicas, as one result (each shard copy refreshes on its own: a search may
            // reach the copy not refreshed yet for up to a second).
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> catalogue.processedBy(save.outboxRow()) != null
                            && SiteEditor.searchResultsNaming(other, save.word()) == 1
                            && SiteEditor.searchResultsNaming(replica, save.word()) == 1);
            processedBy.put(save.outboxRow(), catalogue.processedBy(save.outboxRow()));
        }

        assertThat(savesPerReplica.keySet()).containsExactlyInAnyOrderElementsOf(replicas);
        assertThat(new HashSet<>(processedBy.values()))
                .as("workers that processed the %d saves (the portals run none)", processedBy.size())
                .containsExactlyInAnyOrder("indexer-1", "indexer-2");
        assertThat(StackCatalogue.indexedCount(client))
                .as("one document per public site")
                .isEqualTo(catalogue.publicSiteCount());
        catalogue.assertIndexedVersionsAreCurrent(client, edited);
        System.out.printf(
                "Cluster: %d saves %s, outbox rows processed by %s%n",
                processedBy.size(),
                savesPerReplica,
                processedBy.values().stream().collect(Collectors.groupingBy(w -> w, Collectors.counting())));
    }
}
