package fr.guichetbio.infra.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An Elasticsearch node from Elastic's minimal distribution (unpacked by the Maven build), with our analysis plugin
 * installed, bound to loopback: alone (single-node discovery) or one of an {@link ElasticsearchCluster}. Its home is a
 * copy under the work folder, so that the plugin can be installed and the unprivileged user can own it; data and logs
 * stay there between runs.
 */
public final class ElasticsearchNode {

    private static final String HEAP = "-Xms512m -Xmx512m";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path distribution;
    private final Path pluginZip;
    private final Path folder;
    private final int httpPort;
    private final int transportPort;
    private final Discovery discovery;
    private ManagedProcess process;

    /**
     * How the node finds its cluster.
     *
     * @param nodeName also the name of its process in the launcher's status lines
     * @param seedTransportPorts the transport ports of every node of the cluster; empty: single-node discovery
     */
    record Discovery(String clusterName, String nodeName, List<Integer> seedTransportPorts, List<String> masterNodes) {

        static Discovery singleNode() {
            return new Discovery("elasticsearch", "elasticsearch", List.of(), List.of());
        }

        boolean single() {
            return seedTransportPorts.isEmpty();
        }
    }

    ElasticsearchNode(Path distribution, Path pluginZip, Path folder, int httpPort, int transportPort) {
        this(distribution, pluginZip, folder, httpPort, transportPort, Discovery.singleNode());
    }

    ElasticsearchNode(
            Path distribution, Path pluginZip, Path folder, int httpPort, int transportPort, Discovery discovery) {
        this.distribution = distribution;
        this.pluginZip = pluginZip;
        this.folder = folder;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
        this.discovery = discovery;
    }

    public String name() {
        return discovery.nodeName();
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String version() {
        return distribution.getFileName().toString().replace("elasticsearch-", "");
    }

    /** Copies the distribution and installs the plugin, unless the home already has this exact plugin build. */
    void prepare(Progress progress) throws IOException, InterruptedException {
        Path home = home();
        String wanted = distribution.getFileName() + " " + sha256(pluginZip);
        Path marker = folder.resolve("home.version");
        if (Files.isDirectory(home)
                && Files.exists(marker)
                && Files.readString(marker).equals(wanted)) {
            return;
        }
        progress.step("Elasticsearch: preparing %s with the analysis plugin", home);
        deleteRecursively(home);
        copyRecursively(distribution, home);
        ProcessBuilder install = new ProcessBuilder(
                        home.resolve("bin/elasticsearch-plugin").toString(),
                        "install",
                        "--batch",
                        pluginZip.toUri().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Files.createDirectories(folder.resolve("logs"))
                        .resolve("plugin-install.log")
                        .toFile()));
        install.environment().put("ES_JAVA_HOME", System.getProperty("java.home"));
        if (install.start().waitFor() != 0) {
            throw new IllegalStateException("Installing the analysis plugin failed; see " + folder.resolve("logs"));
        }
        Files.writeString(marker, wanted);
    }

    /** Starts the node and waits until the cluster answers at least yellow. */
    public void start(Progress progress) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        if (Probes.listening("127.0.0.1", httpPort)) {
            throw new IllegalStateException("Port " + httpPort
                    + " is already in use: another Elasticsearch or program is listening there."
                    + " Stop it, or choose another port (--elasticsearch-port).");
        }
        boolean firstStart = !Files.isDirectory(folder.resolve("data")) || isEmpty(folder.resolve("data"));
        Files.createDirectories(folder.resolve("data"));
        Files.createDirectories(folder.resolve("logs"));
        Unprivileged.handOver(folder);
        List<String> arguments = new java.util.ArrayList<>();
        arguments.add(home().resolve("bin/elasticsearch").toString());
        if (discovery.single()) {
            arguments.add("-Ediscovery.type=single-node");
        } else {
            arguments.add("-Ecluster.name=" + discovery.clusterName());
            arguments.add("-Enode.name=" + discovery.nodeName());
            arguments.add("-Ediscovery.seed_hosts="
                    + String.join(
                            ",",
                            discovery.seedTransportPorts().stream()
                                    .map(port -> "127.0.0.1:" + port)
                                    .toList()));
            if (firstStart) {
                // Only when the cluster forms for the first time: a restarted node rejoins the cluster it knows.
                arguments.add("-Ecluster.initial_master_nodes=" + String.join(",", discovery.masterNodes()));
            }
        }
        List<String> command = Unprivileged.command(Stream.concat(
                        arguments.stream(),
                        Stream.of(
                                "-Expack.security.enabled=false",
                                "-Enetwork.host=127.0.0.1",
                                "-Ehttp.port=" + httpPort,
                                "-Etransport.port=" + transportPort,
                                "-Epath.data=" + folder.resolve("data"),
                                "-Epath.logs=" + folder.resolve("logs"),
                                // A nearly full development disk must not turn the index read-only.
                                "-Ecluster.routing.allocation.disk.threshold_enabled=false"))
                .toList());
        Map<String, String> env = Map.of("ES_JAVA_HOME", System.getProperty("java.home"), "ES_JAVA_OPTS", HEAP);
        progress.step("Elasticsearch %s: starting %s on %s", version(), name(), url());
        process = ManagedProcess.start(name(), command, home(), env, folder.resolve("logs/console.log"));
    }

    public void awaitReady(Progress progress) {
        ManagedProcess running = process;
        try {
            Probes.await(name(), START_TIMEOUT, running::isAlive, this::healthy);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + System.lineSeparator() + running.logTail(30), e);
        }
        progress.step("%s: ready (pid %d)", name(), running.pid());
    }

    /** Whether the node's process runs (it may still be starting). */
    public boolean running() {
        return process != null && process.isAlive();
    }

    public boolean healthy() {
        return Probes.status(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s") == 200;
    }

    /** Stops the node (as an operator killing it would); {@link #start} brings it back with its data. */
    public void stop() {
        if (process != null) {
            process.stop();
        }
    }

    /** Kills the node (SIGKILL), as a crashed machine would leave it; {@link #start} brings it back with its data. */
    public void kill() {
        if (process != null) {
            process.kill();
        }
    }

    public ManagedProcess process() {
        return process;
    }

    private Path home() {
        return folder.resolve("home");
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            // The plugin zip is small: reading it whole is simplest.
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
