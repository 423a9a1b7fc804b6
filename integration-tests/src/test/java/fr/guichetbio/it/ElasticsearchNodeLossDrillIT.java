package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import fr.guichetbio.catalogue.index.CatalogueIndexSchema;
import fr.guichetbio.infra.launcher.ElasticsearchNode;
import fr.guichetbio.infra.launcher.Progress;
import fr.guichetbio.infra.launcher.Stack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Drill: the Elasticsearch node holding the catalogue's primary shard is killed (SIGKILL) while people search through
 * the load balancer and a CDMO member keeps saving their sites through both portal replicas. Every search keeps
 * answering (the replica shard is promoted), no save is lost (each becomes searchable, with its last version), and the
 * cluster is green again once the node is back.
 */
@ExtendWith(RunningCluster.class)
class ElasticsearchNodeLossDrillIT {

    private static final String[] QUERIES = {"anticorps", "vecteurs viraux", "thérapie cellulaire", "ARNm", "Lyon"};

    private static final Duration BEFORE = Duration.ofSeconds(5);
    private static final Duration NODE_DOWN = Duration.ofSeconds(20);

    @Test
    void searchesKeepAnsweringAndNoSaveIsLostWhenANodeDies(Stack stack) throws Exception {
        StackCatalogue catalogue = new StackCatalogue(stack);
        try (ElasticsearchClient client = ElasticsearchClient.of(b -> b.hosts(stack.elasticsearch().nodes().stream()
                .map(node -> java.net.URI.create(node.url()))
                .toList()))) {
            catalogue.awaitIndexed(client);
            awaitGreen(client);
            ElasticsearchNode victim = primaryHolder(stack, client);
            SiteEditor editor = new SiteEditor(stack);
            List<String> sites = editor.sites();

            AtomicBoolean running = new AtomicBoolean(true);
            Map<Integer, AtomicInteger> searchAnswers = new ConcurrentHashMap<>();
            AtomicInteger searchesWithResults = new AtomicInteger();
            List<String> searchFailures = new CopyOnWriteArrayList<>();
            List<SiteEditor.Save> saves = new CopyOnWriteArrayList<>();
            Instant killedAt;
            try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> work = new ArrayList<>();
                for (int u = 0; u < 4; u++) {
                    int user = u;
                    work.add(users.submit(() -> {
                        PortalClient portal = new PortalClient(stack.portalUrl());
                        for (int i = user; running.get(); i++) {
                            String query = QUERIES[i % QUERIES.length];
                            try {
                                PortalClient.Page page =
                                        portal.get("/recherche?q=" + java.net.URLEncoder.encode(query, "UTF-8"));
                                searchAnswers
                                        .computeIfAbsent(page.status(), s -> new AtomicInteger())
                                        .incrementAndGet();
                                if (!page.document().select(".search-result").isEmpty()) {
                                    searchesWithResults.incrementAndGet();
                                }
                            } catch (Exception e) {
                                searchFailures.add(query + ": " + e);
                            }
                        }
                        return null;
                    }));
                }
                work.add(users.submit(() -> {
                    for (int i = 0; running.get(); i++) {
                        saves.add(editor.rename(stack.portalUrls().get(i % 2), sites.get(i % sites.size())));
                        Thread.sleep(200);
                    }
                    return null;
                }));

                Thread.sleep(BEFORE.toMillis());
                killedAt = Instant.now();
                victim.kill();
                Thread.sleep(NODE_DOWN.toMillis());
                running.set(false);
                for (Future<?> future : work) {
                    future.get();
                }
            }

            // Every save is searchable with the site's last version while the node is still down…
            Set<String> edited = new HashSet<>();
            for (SiteEditor.Save save : saves) {
                edited.add(save.site());
            }
            Map<String, SiteEditor.Save> last = new java.util.HashMap<>();
            saves.forEach(save -> last.put(save.site(), save));
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        for (SiteEditor.Save save : last.values()) {
                            assertThat(SiteEditor.searchResultsNaming(stack.portalUrl(), save.word()))
                                    .as("results naming %s's last name", save.site())
                                    .isEqualTo(1);
                        }
                    });
            assertThat(catalogue.pendingOutboxRows()).isZero();
            catalogue.assertIndexedVersionsAreCurrent(client, edited);

            // …and the node comes back: the cluster is green with its three nodes.
            victim.start(new Progress(System.out));
            victim.awaitReady(new Progress(System.out));
            var health = awaitGreen(client);
            assertThat(health.numberOfNodes()).isEqualTo(3);
            assertThat(StackCatalogue.indexedCount(client)).isEqualTo(catalogue.publicSiteCount());

            int searches =
                    searchAnswers.values().stream().mapToInt(AtomicInteger::get).sum();
            System.out.printf(
                    "Node loss drill: killed %s at %s; %d searches (statuses %s, %d with results, %d failed), %d saves%n",
                    victim.name(),
                    killedAt,
                    searches,
                    searchAnswers,
                    searchesWithResults.get(),
                    searchFailures.size(),
                    saves.size());
            assertThat(searchFailures).as("searches without an answer").isEmpty();
            assertThat(searchAnswers.keySet()).as("search answers' statuses").containsOnly(200);
            assertThat(saves).as("saves during the drill").isNotEmpty();
        }
    }

    private static co.elastic.clients.elasticsearch.cluster.HealthResponse awaitGreen(ElasticsearchClient client)
            throws Exception {
        var health = client.cluster()
                .health(h ->
                        h.waitForStatus(HealthStatus.Green).waitForNodes("3").timeout(t -> t.time("120s")));
        assertThat(health.status()).as("cluster health").isEqualTo(HealthStatus.Green);
        return health;
    }

    /** The node holding the primary shard of the catalogue index. */
    private static ElasticsearchNode primaryHolder(Stack stack, ElasticsearchClient client) throws Exception {
        String name = client.cat().shards(s -> s.index(CatalogueIndexSchema.ALIAS)).shards().stream()
                .filter(shard -> "p".equals(shard.prirep()))
                .map(shard -> shard.node())
                .findFirst()
                .orElseThrow();
        return stack.elasticsearch().nodes().stream()
                .filter(node -> node.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no node named " + name));
    }
}
