package fr.guichetbio.infra.launcher;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The run command: starts the whole stack with embedded defaults, prints the URL and the demo accounts, and stops
 * everything on Ctrl-C. Reads simple operator commands on its standard input.
 */
public final class StackLauncher {

    private static final String COMMANDS =
            "status | es stop [N] | es start [N] | pg status | pg stop | pg start | pg promote (--cluster) | quit";

    private static final String USAGE = """
            Usage: infra/run [options]
              --reset                   wipe var/ (data, logs, demo passwords) before starting
              --portal-port N           default 8080
              --idp-port N              default 9000
              --elasticsearch-port N    default 9200 (transport: N + 100)
              --cluster                 production's shape on loopback: 3 Elasticsearch nodes, a private
                                        PostgreSQL primary + streaming replica, 2 portals behind a
                                        round-robin load balancer, 2 indexer workers (state in var/cluster)
              --private-postgres        start a private PostgreSQL under var/ even if the local service runs
              --postgres-port N         port of that private PostgreSQL, default 5433
              --mail-port N             SMTP port of the local mail catcher, default 3025
              --mail-api-port N         its HTTP API (where to read mail), default 8025
              --var DIR                 keep state in DIR instead of the project's var/
            Environment: GUICHET_DATABASE_URL (+ GUICHET_DATABASE_USERNAME, GUICHET_DATABASE_PASSWORD)
              to use an existing PostgreSQL database instead of the local one.
            """;

    private StackLauncher() {}

    public static void main(String[] args) throws Exception {
        Progress progress = new Progress(System.out);
        StackSettings settings;
        try {
            settings = parse(new ArrayDeque<>(List.of(args)), progress);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (settings == null) {
            System.out.print(USAGE);
            return;
        }
        progress.step("Guichet Bioproduction: starting the local stack (state in %s)", settings.workDir());
        Stack stack;
        try {
            stack = Stack.start(settings, progress);
        } catch (Exception e) {
            System.err.println();
            System.err.println("Could not start the stack: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            progress.step("Stopping…");
            stack.close();
            progress.step("Stopped; no process left running.");
            stopped.countDown();
        }));
        printSummary(stack, progress);
        readCommands(stack, progress);
        stopped.await();
    }

    private static StackSettings parse(Deque<String> args, Progress progress) throws Exception {
        Path projectDir = Path.of(System.getProperty("guichet.project.dir", "."))
                .toAbsolutePath()
                .normalize();
        StackSettings defaults = StackSettings.localDefaults(projectDir);
        boolean reset = false;
        boolean privatePostgres = false;
        boolean cluster = false;
        int portal = defaults.portalPort();
        int idp = defaults.identityProviderPort();
        int es = defaults.elasticsearchPort();
        int postgresPort = defaults.privatePostgresPort();
        int mailPort = defaults.mailSmtpPort();
        int mailApiPort = defaults.mailApiPort();
        Path workDir = defaults.workDir();
        while (!args.isEmpty()) {
            String arg = args.pop();
            switch (arg) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--reset" -> reset = true;
                case "--private-postgres" -> privatePostgres = true;
                case "--cluster" -> cluster = true;
                case "--portal-port" -> portal = port(arg, args);
                case "--idp-port" -> idp = port(arg, args);
                case "--elasticsearch-port" -> es = port(arg, args);
                case "--postgres-port" -> postgresPort = port(arg, args);
                case "--mail-port" -> mailPort = port(arg, args);
                case "--mail-api-port" -> mailApiPort = port(arg, args);
                case "--var" -> {
                    if (args.isEmpty()) {
                        throw new IllegalArgumentException("--var needs a folder");
                    }
                    workDir = Path.of(args.pop()).toAbsolutePath().normalize();
                }
                default -> throw new IllegalArgumentException("Unknown option: " + arg);
            }
        }
        if (cluster) {
            // A cluster's Elasticsearch data and private PostgreSQL cannot be shared with the single-node stack's.
            workDir = workDir.resolve("cluster");
        }
        String url = System.getenv("GUICHET_DATABASE_URL");
        Optional<Database> configured = url == null || url.isBlank()
                ? Optional.empty()
                : Optional.of(new Database(
                        url,
                        System.getenv().getOrDefault("GUICHET_DATABASE_USERNAME", "postgres"),
                        System.getenv().getOrDefault("GUICHET_DATABASE_PASSWORD", ""),
                        "configuration"));
        StackSettings settings = new StackSettings(
                defaults.stackDir(),
                workDir,
                portal,
                idp,
                es,
                StackSettings.transportPortFor(es),
                postgresPort,
                defaults.databaseName(),
                false,
                privatePostgres,
                configured,
                mailPort,
                mailApiPort,
                Map.of(),
                cluster ? Topology.CLUSTER : Topology.SINGLE);
        if (reset) {
            progress.step("--reset: deleting %s", settings.workDir());
            ElasticsearchNode.deleteRecursively(settings.workDir());
        }
        return settings;
    }

    private static int port(String option, Deque<String> args) {
        try {
            int port = Integer.parseInt(args.pop());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " needs a port number from 1 to 65535");
        }
    }

    private static void printSummary(Stack stack, Progress progress) {
        String accounts = stack.accounts().stream()
                .map(a -> String.format(
                        Locale.ROOT, "    %-11s %-16s %-15s %s", a.username(), a.password(), a.role(), a.name()))
                .collect(Collectors.joining(System.lineSeparator()));
        progress.line("""

                Guichet Bioproduction is ready in %.1f s
                  Portal               %s%s
                  Identity provider    %s   (development only)
                  Elasticsearch %-6s %s
                  PostgreSQL           %s   (%s)
                  Mail catcher         %s   (GreenMail: SMTP 127.0.0.1:%d; nothing leaves this machine)
                                       mail the portal sent to an address: %s
                  Logs                 %s
                  Demo accounts (username, password, role, name):
                %s
                  Memory (resident)    %s

                Ctrl-C stops everything. Commands: %s
                """.formatted(
                        progress.elapsed().toMillis() / 1000.0,
                        stack.portalUrl(),
                        topology(stack),
                        stack.identityProviderUrl(),
                        stack.elasticsearch().version(),
                        stack.elasticsearch().urls(),
                        stack.database().url(),
                        stack.database().origin(),
                        stack.mail().url(),
                        stack.mail().smtpPort(),
                        stack.mail().inboxUrlPattern(),
                        stack.logs(),
                        accounts,
                        memory(stack),
                        COMMANDS));
    }

    /** For a cluster: the replicas behind the load balancer and the indexer workers. */
    private static String topology(Stack stack) {
        if (!stack.topology().clustered()) {
            return "";
        }
        return "   (load balancer → " + String.join(", ", stack.portalUrls()) + "; indexer workers: "
                + String.join(
                        ", ",
                        stack.indexers().stream().map(ManagedProcess::name).toList()) + ")";
    }

    private static String memory(Stack stack) {
        return stack.processes().stream()
                .map(p -> "%s %d MiB".formatted(p.name(), p.residentMemoryMiB()))
                .collect(Collectors.joining(", "));
    }

    /** Operator commands; standard input closed (e.g. started in the background) simply means none will come. */
    private static void readCommands(Stack stack, Progress progress) throws java.io.IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            try {
                run(line.trim(), stack, progress);
            } catch (Exception e) {
                progress.step("'%s' failed: %s", line.trim(), e.getMessage());
            }
        }
    }

    private static void run(String command, Stack stack, Progress progress) throws Exception {
        switch (command) {
            case "" -> {}
            case "status" ->
                progress.step(
                        "Elasticsearch %s; running: %s",
                        stack.elasticsearch().healthy() ? "UP" : "DOWN", memory(stack));
            case "es stop" -> {
                stack.elasticsearch().stop();
                progress.step("Elasticsearch stopped; the portal keeps serving pages (health: DOWN)");
            }
            case "es start" -> {
                stack.elasticsearch().start(progress);
                stack.elasticsearch().awaitReady(progress);
            }
            case String c
            when c.matches("es (stop|start) \\d+") -> {
                int n = Integer.parseInt(c.replaceAll("\\D", ""));
                if (n < 1 || n > stack.elasticsearch().nodes().size()) {
                    throw new IllegalArgumentException("no node " + n + " (nodes 1 to "
                            + stack.elasticsearch().nodes().size() + ")");
                }
                ElasticsearchNode node = stack.elasticsearch().node(n - 1);
                if (c.contains("stop")) {
                    node.stop();
                    progress.step("%s stopped; the others keep serving searches", node.name());
                } else {
                    node.start(progress);
                    node.awaitReady(progress);
                }
            }
            // --cluster only: the PostgreSQL drills by hand.
            case "pg status" -> {
                PostgresReplication postgres = stack.postgres();
                progress.step(
                        "PostgreSQL primary %s, replica %s, replica behind by %s",
                        postgres.primaryUp() ? "UP" : "DOWN",
                        postgres.replicaUp() ? "UP" : "DOWN",
                        postgres.replicaLagBytes().stream()
                                .mapToObj(bytes -> bytes + " bytes")
                                .findFirst()
                                .orElse("? (not streaming)"));
            }
            case "pg stop" -> {
                stack.postgres().stopPrimary();
                progress.step("PostgreSQL primary stopped; pages answer 503 until 'pg start' or 'pg promote'");
            }
            case "pg start" -> stack.postgres().startPrimary();
            case "pg promote" -> {
                stack.postgres().promoteReplica();
                progress.step("PostgreSQL replica promoted: the portal's new connections go to it");
            }
            case "quit", "exit" -> System.exit(0);
            default -> progress.step("Unknown command '%s'. Commands: %s", command, COMMANDS);
        }
    }
}
