package fr.guichetbio.infra.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One PostgreSQL server run by the launcher from the machine's binaries, as the unprivileged user, on a folder of the
 * work folder: {@code data/} (the cluster), {@code sockets/}, its log. Never the machine's own service.
 */
final class PrivatePostgres {

    static final String HOST = "127.0.0.1";
    static final String SUPERUSER = "postgres";

    private final String name;
    private final Path folder;
    private final int port;
    private final Path bin;
    private volatile ManagedProcess process;

    PrivatePostgres(String name, Path folder, int port) throws IOException {
        this.name = name;
        // Absolute: the server runs in this folder, and its data path must not be read relative to it.
        this.folder = folder.toAbsolutePath().normalize();
        this.port = port;
        this.bin = binaries()
                .orElseThrow(() -> new IllegalStateException("No PostgreSQL server binaries found under"
                        + " /usr/lib/postgresql. Install them (e.g. apt-get install postgresql) or set"
                        + " GUICHET_DATABASE_URL."));
    }

    Path data() {
        return folder.resolve("data");
    }

    Path folder() {
        return folder;
    }

    int port() {
        return port;
    }

    /** {@code jdbc:postgresql://127.0.0.1:port/} followed by the database name. */
    String serverUrl() {
        return "jdbc:postgresql://" + HOST + ":" + port + "/";
    }

    boolean initialised() {
        return Files.exists(data().resolve("PG_VERSION"));
    }

    /** A new cluster with the superuser trusted on loopback (replication connections included, initdb's default). */
    void init(Progress progress) throws IOException, InterruptedException {
        progress.step("PostgreSQL: creating a private cluster in %s", data());
        Files.createDirectories(data());
        Unprivileged.handOver(folder);
        runTool(
                "initdb",
                List.of(
                        "-D",
                        data().toString(),
                        "-U",
                        SUPERUSER,
                        "--auth=trust",
                        "--encoding=UTF8",
                        "--locale=C.UTF-8"));
    }

    /** Runs one of the PostgreSQL programs as the server's user; its output goes to {@code <program>.log}. */
    void runTool(String program, List<String> arguments) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        List<String> command = new ArrayList<>(List.of(bin.resolve(program).toString()));
        command.addAll(arguments);
        Path log = folder.resolve(program + ".log");
        Process tool = new ProcessBuilder(Unprivileged.command(command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (tool.waitFor() != 0) {
            throw new IllegalStateException(program + " failed; see " + log);
        }
    }

    /** The cluster's system identifier ({@code pg_controldata}): a replica made from a primary shares its value. */
    String systemIdentifier() throws IOException, InterruptedException {
        Process tool = new ProcessBuilder(Unprivileged.command(
                        List.of(bin.resolve("pg_controldata").toString(), "-D", data().toString())))
                .redirectErrorStream(true)
                .start();
        tool.getOutputStream().close();
        String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        tool.waitFor();
        return output.lines()
                .filter(line -> line.startsWith("Database system identifier:"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("pg_controldata " + data() + ": " + output));
    }

    /**
     * Starts the server and returns once it accepts connections.
     *
     * @param settings {@code name=value} pairs given as {@code -c} options (they override the configuration files)
     */
    void start(List<String> settings, Progress progress) throws IOException, InterruptedException {
        if (isRunning()) {
            return;
        }
        if (Probes.listening(HOST, port)) {
            throw new IllegalStateException("Port " + port + " is in use; cannot start a private PostgreSQL.");
        }
        Path sockets = folder.resolve("sockets");
        Files.createDirectories(sockets);
        Unprivileged.handOver(folder);
        List<String> command = new ArrayList<>(List.of(
                bin.resolve("postgres").toString(),
                "-D",
                data().toString(),
                "-p",
                Integer.toString(port),
                "-h",
                HOST,
                "-k",
                sockets.toString()));
        settings.forEach(setting -> command.addAll(List.of("-c", setting)));
        progress.step("PostgreSQL: starting %s on %s:%d", name, HOST, port);
        ManagedProcess started = ManagedProcess.start(
                name, Unprivileged.command(command), folder, Map.of(), folder.resolve("postgresql.log"));
        process = started;
        Probes.await(
                "PostgreSQL " + name + " (log: " + started.log() + ")",
                Duration.ofSeconds(60),
                started::isAlive,
                this::acceptsConnections);
    }

    /**
     * Stops the server with {@code pg_ctl stop}: mode {@code fast} ends the sessions and writes a checkpoint,
     * {@code immediate} quits at once as a crash would (the next start replays the WAL).
     */
    void stop(String mode) {
        ManagedProcess running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        try {
            runTool("pg_ctl", List.of("stop", "-D", data().toString(), "-m", mode, "-w", "-t", "30"));
            ProcessHandle.of(running.pid()).ifPresent(handle -> {
                try {
                    handle.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // Left to the forced stop below.
                }
            });
        } catch (IOException | RuntimeException e) {
            // pg_ctl could not do it: the process stop below does.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.stop();
    }

    boolean isRunning() {
        ManagedProcess running = process;
        return running != null && running.isAlive();
    }

    Optional<ManagedProcess> process() {
        return Optional.ofNullable(process);
    }

    boolean acceptsConnections() {
        try (Connection ignored = connect("postgres")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(serverUrl() + database, SUPERUSER, "");
    }

    /** The newest PostgreSQL server binaries of the machine (Debian layout). */
    static Optional<Path> binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("postgres")))
                    .max(Comparator.comparing(bin -> Integer.parseInt(
                            bin.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        }
    }
}
