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
 * catcher and the portal.
 * The run command and the integration tests start it the same way; closing it stops everything it started.
 */
public final class Stack implements AutoCloseable {

    private static final Duration JAVA_SERVICE_TIMEOUT = Duration.ofSeconds(120);

    private final StackSettings settings;
    private final Progress progress;
    private final DevSecrets secrets;
    private final ElasticsearchNode elasticsearch;
    private final PostgresProvider postgres;
    private final PostgresReplication replication;
    private final MailCatcher mail;
    private final Path logs;
    private Database database;
    private ManagedProcess identityProvider;
    private ManagedProcess portal;
    private final List<ManagedProcess> replicas = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Stack(StackSettings settings, Progress progress, Path serverDir) throws IOException {
        this.settings = settings;
        this.progress = progress;
        this.logs = settings.workDir().resolve("logs");
        this.secrets = DevSecrets.loadOrCreate(settings.workDir().resolve("dev-idp/secrets.properties"));
        this.elasticsearch = new ElasticsearchNode(
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
        portal = startJava("portal", "-Xmx512m", portalEnvironment());
        elasticsearch.awaitReady(progress);
        awaitAnswer(portal, portalUrl() + "/actuator/health");
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
        env.put("SPRING_ELASTICSEARCH_URIS", elasticsearch.url());
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

    public String portalUrl() {
        return "http://localhost:" + settings.portalPort();
    }

    public String identityProviderUrl() {
        return "http://localhost:" + settings.identityProviderPort();
    }

    public ElasticsearchNode elasticsearch() {
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

    public Path logs() {
        return logs;
    }

    /** The processes this stack runs now, for status lines. */
    public List<ManagedProcess> processes() {
        List<ManagedProcess> running = new ArrayList<>();
        Stream.of(portal, identityProvider, mail.process(), elasticsearch.process())
                .filter(p -> p != null && p.isAlive())
                .forEach(running::add);
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
        replicas.forEach(ManagedProcess::stop);
        for (ManagedProcess process : new ManagedProcess[] {portal, identityProvider}) {
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
