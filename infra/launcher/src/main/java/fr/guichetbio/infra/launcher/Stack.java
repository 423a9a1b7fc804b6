package fr.guichetbio.infra.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole local stack: Elasticsearch with our plugin, PostgreSQL, the development identity provider, the local mail
 * catcher and the portal — or, with {@link Topology#CLUSTER}, production's shape on loopback: an Elasticsearch cluster,
 * portal replicas behind a load balancer and separate indexer workers.
 * The run command and the integration tests start it the same way; closing it stops everything it started.
 */
public final class Stack implements AutoCloseable {

    private static final Duration JAVA_SERVICE_TIMEOUT = Duration.ofSeconds(300);

    private final StackSettings settings;
    private final Progress progress;
    private final DevSecrets secrets;
    private final ElasticsearchCluster elasticsearch;
    private final PostgresProvider postgres;
    private final PostgresReplication replication;
    private final MailCatcher mail;
    private final Path logs;
    private Database database;
    private ManagedProcess identityProvider;
    /** The portals of the topology, in order; one more may be started by {@link #startPortalReplica}. */
    private final List<ManagedProcess> portals = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final List<ManagedProcess> replicas = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<ManagedProcess> indexers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private LoadBalancer loadBalancer;

    private Stack(StackSettings settings, Progress progress, Path serverDir) throws IOException {
        this.settings = settings;
        this.progress = progress;
        this.logs = settings.workDir().resolve("logs");
        this.secrets = DevSecrets.loadOrCreate(settings.workDir().resolve("dev-idp/secrets.properties"));
        this.elasticsearch = ElasticsearchCluster.of(
                settings.topology().elasticsearchNodes(),
                distribution(settings.stackDir()),
                artifact(settings.stackDir(), "guichet-analysis-plugin.zip"),
                serverDir.resolve("elasticsearch"),
                settings.elasticsearchPort(),
                settings.elasticsearchTransportPort());
        this.postgres = new PostgresProvider(
                serverDir.resolve("postgres"),
                settings.databaseName(),
                settings.recreateDatabase(),
                settings.privatePostgresPort());
        // A database given by configuration (GUICHET_DATABASE_URL) is used as is, without a replica of ours.
        this.replication = settings.topology().postgresReplica()
                        && settings.configuredDatabase().isEmpty()
                ? new PostgresReplication(
                        serverDir, settings.databaseName(), settings.recreateDatabase(), settings.privatePostgresPort())
                : null;
        this.mail = new MailCatcher(
                artifact(settings.stackDir(), "greenmail-standalone.jar"),
                settings.mailSmtpPort(),
                settings.mailApiPort());
    }

    /** Starts everything and returns once the portal answers; on failure stops what was started and throws. */
    public static Stack start(StackSettings settings, Progress progress) throws Exception {
        Path serverDir = serverDir(settings.workDir(), progress);
        Stack stack = new Stack(settings, progress, serverDir);
        try {
            stack.startAll();
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        for (int port : List.of(
                settings.portalPort(),
                settings.identityProviderPort(),
                settings.mailSmtpPort(),
                settings.mailApiPort())) {
            if (Probes.listening("127.0.0.1", port)) {
                throw new IllegalStateException("Port " + port + " is already in use (another run of the stack?)."
                        + " Stop that program or choose other ports (see --help).");
            }
        }
        elasticsearch.prepare(progress);
        elasticsearch.start(progress); // slowest to start: it warms up while the others start
        database = replication != null
                ? replication.start(progress)
                : postgres.provide(settings.configuredDatabase(), settings.forcePrivatePostgres(), progress);
        mail.start(javaExecutable(), settings.workDir(), logs.resolve("mail.log"), progress);
        identityProvider = startJava("dev-idp", "-Xmx192m", identityProviderEnvironment());
        mail.awaitReady(progress);
        awaitAnswer(identityProvider, identityProviderUrl() + "/.well-known/openid-configuration");
        Topology topology = settings.topology();
        if (topology.portals() == 1) {
            portals.add(startJava("portal", "-Xmx512m", portalEnvironment()));
            awaitAnswer(portals.getFirst(), portalUrl() + "/actuator/health");
        } else {
            // One after the other: the first migrates the schema and seeds the demo data alone.
            List<Integer> ports = nextFreePorts(settings.portalPort() + 1, topology.portals());
            for (int port : ports) {
                ManagedProcess replica = startJava("portal-" + port, "portal", "-Xmx512m", replicaEnvironment(port));
                portals.add(replica);
                awaitAnswer(replica, "http://localhost:" + port + "/actuator/health");
            }
            loadBalancer = LoadBalancer.start(
                    settings.portalPort(),
                    ports.stream().map(port -> "http://127.0.0.1:" + port).toList());
            progress.step(
                    "Load balancer: %s → portals on ports %s (round robin, no sticky sessions)", portalUrl(), ports);
        }
        List<ManagedProcess> started = new ArrayList<>();
        for (int i = 1; i <= topology.indexerWorkers(); i++) {
            started.add(launchIndexer("indexer-" + i));
        }
        started.forEach(this::awaitIndexer);
        elasticsearch.awaitReady(progress);
    }

    private Map<String, String> replicaEnvironment(int port) {
        Map<String, String> env = portalEnvironment();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SPRING_DATASOURCE_URL", withApplicationName(database.url(), "portal-" + port));
        // Behind the load balancer: the original host and client address come in X-Forwarded-* headers.
        env.put("SERVER_FORWARD_HEADERS_STRATEGY", "native");
        return env;
    }

    /**
     * Starts an indexer worker ({@code portal.jar} with the {@code indexer} profile: the outbox worker alone, no port)
     * on this stack's database and Elasticsearch; stopped with the stack. Ready once its worker has started.
     */
    public ManagedProcess startIndexer(String name) throws IOException {
        ManagedProcess indexer = launchIndexer(name);
        awaitIndexer(indexer);
        return indexer;
    }

    private ManagedProcess launchIndexer(String name) throws IOException {
        Map<String, String> env = portalEnvironment();
        env.remove("SERVER_PORT");
        env.remove("GUICHET_INDEXING_ENABLED");
        env.put("SPRING_PROFILES_ACTIVE", "indexer");
        env.put("GUICHET_INDEXING_WORKER_NAME", name);
        env.put("SPRING_DATASOURCE_URL", withApplicationName(database.url(), name));
        ManagedProcess indexer = startJava(name, "portal", "-Xmx384m", env);
        // A worker started again under its name replaces the one that died.
        indexers.removeIf(old -> old.name().equals(name) && !old.isAlive());
        indexers.add(indexer);
        return indexer;
    }

    private void awaitIndexer(ManagedProcess indexer) {
        String name = indexer.name();
        try {
            Probes.await(
                    name,
                    JAVA_SERVICE_TIMEOUT,
                    indexer::isAlive,
                    () -> indexer.printed("Outbox worker " + name + " started"));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(
                    e.getMessage() + " (log: " + indexer.log() + ")" + System.lineSeparator() + indexer.logTail(40), e);
        }
        progress.step("%s: outbox worker started (pid %d)", name, indexer.pid());
    }

    /** The process's name in PostgreSQL's {@code pg_stat_activity}: which process holds which connection. */
    private static String withApplicationName(String jdbcUrl, String name) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "ApplicationName=" + name;
    }

    private static List<Integer> nextFreePorts(int first, int count) {
        List<Integer> ports = new ArrayList<>();
        for (int port = first; ports.size() < count; port++) {
            ports.add(Probes.canListen(port) ? port : Probes.freePort());
        }
        return ports;
    }

    private ManagedProcess startJava(String name, String heap, Map<String, String> env) throws IOException {
        return startJava(name, name, heap, env);
    }

    private ManagedProcess startJava(String name, String artifact, String heap, Map<String, String> env)
            throws IOException {
        Path jar = artifact(settings.stackDir(), artifact + ".jar");
        progress.step("%s: starting", name);
        ManagedProcess process = ManagedProcess.start(
                name,
                List.of(javaExecutable(), heap, "-XX:+UseSerialGC", "-jar", jar.toString()),
                settings.workDir(),
                env,
                logs.resolve(name + ".log"));
        return process;
    }

    /** Ready when the URL answers at all: the portal's health may be 503 while Elasticsearch is still starting. */
    private void awaitAnswer(ManagedProcess process, String url) {
        try {
            Probes.await(process.name(), JAVA_SERVICE_TIMEOUT, process::isAlive, () -> Probes.status(url) > 0);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(
                    e.getMessage() + " (log: " + process.log() + ")" + System.lineSeparator() + process.logTail(40), e);
        }
        progress.step("%s: ready on %s (pid %d)", process.name(), url.replaceAll("(//[^/]+).*", "$1"), process.pid());
    }

    private Map<String, String> identityProviderEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_PORT", Integer.toString(settings.identityProviderPort()));
        // The development identity provider refuses to start without it.
        env.put("SPRING_PROFILES_ACTIVE", "local");
        env.put("DEVIDP_ISSUER", identityProviderUrl());
        env.put("DEVIDP_PORTAL_CLIENT_CLIENT_ID", "guichet-portal");
        env.put("DEVIDP_PORTAL_CLIENT_CLIENT_SECRET", secrets.portalClientSecret());
        env.put("DEVIDP_PORTAL_CLIENT_BASE_URL", portalUrl());
        for (DemoAccount account : secrets.accounts()) {
            String prefix = "DEVIDP_ACCOUNTS_" + account.username().toUpperCase() + "_";
            env.put(prefix + "PASSWORD", account.password());
            env.put(prefix + "NAME", account.name());
            env.put(prefix + "EMAIL", account.email());
        }
        return env;
    }

    private Map<String, String> portalEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_PORT", Integer.toString(settings.portalPort()));
        // Development defaults and demo data: without this profile the portal requires its production settings.
        env.put("SPRING_PROFILES_ACTIVE", "local");
        env.put("GUICHET_PUBLIC_BASE_URL", portalUrl());
        env.put("SPRING_DATASOURCE_URL", database.url());
        env.put("SPRING_DATASOURCE_USERNAME", database.username());
        env.put("SPRING_DATASOURCE_PASSWORD", database.password());
        if (replication != null) {
            // The dashboards' figures and the open data read from the replica (README, PostgreSQL).
            env.put("GUICHET_DATASOURCE_REPLICA_URL", replication.readUrl());
        }
        env.put("SPRING_ELASTICSEARCH_URIS", elasticsearch.urls());
        if (settings.topology().indexerWorkers() > 0) {
            // The indexer workers take the outbox; the portals serve pages only.
            env.put("GUICHET_INDEXING_ENABLED", "false");
        }
        env.put("GUICHET_OIDC_ISSUER_URI", identityProviderUrl());
        env.put("GUICHET_OIDC_CLIENT_ID", "guichet-portal");
        env.put("GUICHET_OIDC_CLIENT_SECRET", secrets.portalClientSecret());
        env.put("GUICHET_API_SIGNING_KEY", secrets.apiSigningKey());
        env.put("GUICHET_BADGES_SIGNING_KEYS", secrets.badgesSigningKeys());
        env.put("GUICHET_METRICS_TOKEN", secrets.metricsToken());
        // Notification e-mails go to the local mail catcher.
        env.put("SPRING_MAIL_HOST", "127.0.0.1");
        env.put("SPRING_MAIL_PORT", Integer.toString(mail.smtpPort()));
        // Demo data: the portal grants each demo account its role and seeds the demo organisations.
        env.put(
                "GUICHET_DEMO_ACCOUNTS",
                secrets.accounts().stream()
                        .map(account -> account.username() + ":" + account.role())
                        .collect(java.util.stream.Collectors.joining(",")));
        env.putAll(settings.portalOverrides());
        return env;
    }

    /** Where people reach the portal: the portal itself, or the load balancer in front of the replicas. */
    public String portalUrl() {
        return "http://localhost:" + settings.portalPort();
    }

    /** Each portal of the topology reached directly, bypassing the load balancer (the single portal's URL alone). */
    public List<String> portalUrls() {
        if (loadBalancer == null) {
            return List.of(portalUrl());
        }
        return portals.stream()
                .map(p -> "http://localhost:" + p.name().substring("portal-".length()))
                .toList();
    }

    /** The portal processes of the topology, in the order of {@link #portalUrls()}. */
    public List<ManagedProcess> portals() {
        return List.copyOf(portals);
    }

    /** The indexer workers running, in the order they started. */
    public List<ManagedProcess> indexers() {
        return List.copyOf(indexers);
    }

    public Topology topology() {
        return settings.topology();
    }

    public String identityProviderUrl() {
        return "http://localhost:" + settings.identityProviderPort();
    }

    public ElasticsearchCluster elasticsearch() {
        return elasticsearch;
    }

    /** The local mail catcher, where the portal's e-mails arrive. */
    public MailCatcher mail() {
        return mail;
    }

    public Database database() {
        return database;
    }

    /**
     * The PostgreSQL primary and streaming replica of a topology with {@link Topology#postgresReplica()}, with the
     * controls of the database drills.
     *
     * @throws IllegalStateException when this stack runs a single PostgreSQL
     */
    public PostgresReplication postgres() {
        if (replication == null) {
            throw new IllegalStateException("This stack runs no PostgreSQL replica (Topology.postgresReplica)");
        }
        return replication;
    }

    /** The bearer token of the portal's {@code /actuator/prometheus} (in {@code dev-idp/secrets.properties}). */
    public String metricsToken() {
        return secrets.metricsToken();
    }

    public List<DemoAccount> accounts() {
        return secrets.accounts();
    }

    /** The demo account of that username (e.g. {@code cdmo}, {@code admin}). */
    public DemoAccount account(String username) {
        return secrets.accounts().stream()
                .filter(account -> account.username().equals(username))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No demo account " + username));
    }

    public Path logs() {
        return logs;
    }

    /** The processes this stack runs now, for status lines. */
    public List<ManagedProcess> processes() {
        List<ManagedProcess> running = new ArrayList<>();
        Stream.of(portals.stream(), replicas.stream(), indexers.stream(), Stream.of(identityProvider, mail.process()))
                .flatMap(s -> s)
                .filter(p -> p != null && p.isAlive())
                .forEach(running::add);
        running.addAll(elasticsearch.processes());
        postgres.privateServer().filter(ManagedProcess::isAlive).ifPresent(running::add);
        if (replication != null) {
            running.addAll(replication.processes());
        }
        return running;
    }

    /**
     * Starts another portal instance on this stack's database, Elasticsearch and mail catcher (what a second replica
     * behind a load balancer shares), and returns once it answers; stopped with the stack, or by its caller. Its
     * sign-in is not registered at the identity provider: it serves what needs no session (scheduled jobs, public
     * pages).
     *
     * @param overrides environment variables for this instance only (e.g. a faster schedule)
     */
    public ManagedProcess startPortalReplica(int port, Map<String, String> overrides) throws IOException {
        Map<String, String> env = portalEnvironment();
        env.put("SERVER_PORT", Integer.toString(port));
        env.putAll(overrides);
        ManagedProcess replica = startJava("portal-" + port, "portal", "-Xmx384m", env);
        replicas.add(replica);
        awaitAnswer(replica, "http://localhost:" + port + "/actuator/health");
        return replica;
    }

    /** Stops in the reverse order of start; safe to call more than once. */
    @Override
    public void close() {
        if (loadBalancer != null) {
            loadBalancer.close();
        }
        indexers.forEach(ManagedProcess::stop);
        replicas.forEach(ManagedProcess::stop);
        portals.forEach(ManagedProcess::stop);
        for (ManagedProcess process : new ManagedProcess[] {identityProvider}) {
            if (process != null) {
                process.stop();
            }
        }
        mail.stop();
        elasticsearch.stop();
        postgres.stop();
        if (replication != null) {
            replication.stop();
        }
    }

    private static Path serverDir(Path workDir, Progress progress) throws IOException, InterruptedException {
        if (Unprivileged.canWriteAsServerUser(workDir.resolve("servers"))) {
            return workDir.resolve("servers");
        }
        // Under a private home (e.g. /root) the unprivileged server user cannot reach the project folder.
        Path fallback = Path.of(
                "/var/tmp",
                "guichet-bioproduction-"
                        + Integer.toHexString(workDir.toAbsolutePath().hashCode()));
        progress.step(
                "Note: user 'nobody' cannot reach %s; Elasticsearch and PostgreSQL keep their data in %s",
                workDir, fallback);
        if (!Unprivileged.canWriteAsServerUser(fallback)) {
            throw new IllegalStateException("User 'nobody' can write neither " + workDir + " nor " + fallback);
        }
        return fallback;
    }

    private static Path distribution(Path stackDir) throws IOException {
        try (Stream<Path> entries = Files.list(requireDir(stackDir))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("elasticsearch-"))
                    .filter(Files::isDirectory)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "No Elasticsearch distribution in " + stackDir + ": build first (./mvnw package)"));
        }
    }

    private static Path artifact(Path stackDir, String name) {
        Path file = requireDir(stackDir).resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Missing " + file + ": build first (./mvnw package)");
        }
        return file;
    }

    private static Path requireDir(Path stackDir) {
        if (!Files.isDirectory(stackDir)) {
            throw new IllegalStateException("Missing " + stackDir + ": build first (./mvnw package)");
        }
        return stackDir;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
