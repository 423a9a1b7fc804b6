package fr.guichetbio.infra.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The stack's Elasticsearch: one node, or a cluster of three or more on loopback (every node master-eligible and
 * holding data, so that any one may stop; the catalogue index then keeps one replica of its shard,
 * {@code auto_expand_replicas} 0-1). Clients are given every node's address and move to another when one stops.
 */
public final class ElasticsearchCluster {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final List<ElasticsearchNode> nodes;

    private ElasticsearchCluster(List<ElasticsearchNode> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /**
     * One node in {@code folder} on the given ports, or {@code size} nodes in {@code folder/node-N}: node 1 on the given
     * ports, the others on the next ports when free (9200, 9201, 9202 by default), else on any free port.
     */
    static ElasticsearchCluster of(
            int size, Path distribution, Path pluginZip, Path folder, int httpPort, int transportPort) {
        if (size == 1) {
            return new ElasticsearchCluster(
                    List.of(new ElasticsearchNode(distribution, pluginZip, folder, httpPort, transportPort)));
        }
        List<Integer> httpPorts = ports(httpPort, size, List.of(transportPort));
        List<Integer> transportPorts = ports(transportPort, size, httpPorts);
        List<String> names = IntStream.rangeClosed(1, size)
                .mapToObj(i -> "elasticsearch-" + i)
                .toList();
        List<ElasticsearchNode> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            nodes.add(new ElasticsearchNode(
                    distribution,
                    pluginZip,
                    folder.resolve("node-" + (i + 1)),
                    httpPorts.get(i),
                    transportPorts.get(i),
                    new ElasticsearchNode.Discovery("guichet-cluster", names.get(i), transportPorts, names)));
        }
        return new ElasticsearchCluster(nodes);
    }

    private static List<Integer> ports(int first, int count, List<Integer> taken) {
        List<Integer> ports = new ArrayList<>(List.of(first));
        for (int candidate = first + 1; ports.size() < count; candidate++) {
            int port = candidate;
            if (taken.contains(port) || !Probes.canListen(port)) {
                port = Probes.freePort();
            }
            if (!ports.contains(port) && !taken.contains(port)) {
                ports.add(port);
            }
        }
        return ports;
    }

    public List<ElasticsearchNode> nodes() {
        return nodes;
    }

    public ElasticsearchNode node(int index) {
        return nodes.get(index);
    }

    /** The first node's address (tests and tools that talk to one node). */
    public String url() {
        return nodes.getFirst().url();
    }

    /** Every node's address, comma-separated, as the portal's {@code spring.elasticsearch.uris} takes them. */
    public String urls() {
        return String.join(",", nodes.stream().map(ElasticsearchNode::url).toList());
    }

    public String version() {
        return nodes.getFirst().version();
    }

    void prepare(Progress progress) throws IOException, InterruptedException {
        for (ElasticsearchNode node : nodes) {
            node.prepare(progress);
        }
    }

    /** Starts every node that does not run; they form (or rejoin) the cluster while the rest of the stack starts. */
    public void start(Progress progress) throws IOException, InterruptedException {
        for (ElasticsearchNode node : nodes) {
            node.start(progress);
        }
    }

    /** Waits until every node answers and, for a cluster, all of them have joined it. */
    public void awaitReady(Progress progress) {
        for (ElasticsearchNode node : nodes) {
            node.awaitReady(progress);
        }
        if (nodes.size() > 1) {
            String health = url() + "/_cluster/health?wait_for_nodes=" + nodes.size() + "&timeout=1s";
            Probes.await("Elasticsearch cluster", START_TIMEOUT, () -> true, () -> Probes.status(health) == 200);
            progress.step("Elasticsearch: a cluster of %d nodes", nodes.size());
        }
    }

    /** Some node that runs answers at least yellow: searches and writes can be served. */
    public boolean healthy() {
        return nodes.stream().filter(ElasticsearchNode::running).anyMatch(ElasticsearchNode::healthy);
    }

    /** Stops every node. */
    public void stop() {
        nodes.forEach(ElasticsearchNode::stop);
    }

    /** The running processes, for status lines. */
    List<ManagedProcess> processes() {
        return nodes.stream()
                .filter(ElasticsearchNode::running)
                .map(ElasticsearchNode::process)
                .toList();
    }
}
