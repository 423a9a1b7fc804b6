package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.Probes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The run command's launcher as a user starts it: everything comes up, the summary names the URL and the demo
 * accounts, and an interrupt (Ctrl-C) leaves no process behind. It uses a private PostgreSQL started from the
 * machine's binaries, the fallback for machines without the local service.
 */
class RunCommandIT {

    private static final Path PROJECT =
            Path.of(System.getProperty("guichet.project.dir", "..")).toAbsolutePath();

    @Test
    void startsTheWholeStackPrintsTheSummaryAndStopsEverythingOnInterrupt() throws Exception {
        int portal = Probes.freePort();
        int mail = Probes.freePort();
        int mailApi = Probes.freePort();
        Path var = Files.createDirectories(Path.of("target/run-command-var")).toAbsolutePath();
        Process launcher = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dguichet.project.dir=" + PROJECT,
                        "-jar",
                        PROJECT.resolve("infra/launcher/target/launcher-all.jar")
                                .toString(),
                        "--var",
                        var.toString(),
                        "--portal-port",
                        Integer.toString(portal),
                        "--idp-port",
                        Integer.toString(Probes.freePort()),
                        "--elasticsearch-port",
                        Integer.toString(Probes.freePort()),
                        "--private-postgres",
                        "--postgres-port",
                        Integer.toString(Probes.freePort()),
                        "--mail-port",
                        Integer.toString(mail),
                        "--mail-api-port",
                        Integer.toString(mailApi))
                .redirectErrorStream(true)
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> collect(launcher, output));
        try {
            // The summary's last line: everything above it has been read too.
            awaitLine(output, "Ctrl-C stops everything", launcher, Duration.ofSeconds(180));

            String summary = String.join("\n", output);
            assertThat(summary)
                    .contains("http://localhost:" + portal, "private server under")
                    .contains("sponsor", "cdmo", "trainee", "instructor", "analyst", "admin")
                    .containsPattern("Memory \\(resident\\) +portal \\d+ MiB")
                    // Where to read the mail the portal sends: the local mail catcher's API.
                    .contains("Mail catcher         http://127.0.0.1:" + mailApi, "SMTP 127.0.0.1:" + mail)
                    .contains("http://127.0.0.1:" + mailApi + "/api/user/<address>/messages/INBOX/");
            assertThat(Probes.status("http://127.0.0.1:" + mailApi + "/api/service/readiness"))
                    .isEqualTo(200);
            assertThat(Probes.status("http://localhost:" + portal + "/")).isEqualTo(200);
            List<ProcessHandle> started = launcher.descendants().toList();
            assertThat(started).hasSizeGreaterThanOrEqualTo(5);

            new ProcessBuilder("kill", "-INT", Long.toString(launcher.pid()))
                    .start()
                    .waitFor();

            assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).isTrue();
            reader.join(Duration.ofSeconds(5));
            assertThat(output).anyMatch(line -> line.contains("Stopped; no process left running."));
            assertThat(started).noneMatch(ProcessHandle::isAlive);
            assertThat(Probes.listening("127.0.0.1", portal)).isFalse();
            assertThat(Probes.listening("127.0.0.1", mail)).isFalse();
        } finally {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    private static void collect(Process process, List<String> output) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println("[run] " + line);
                output.add(line);
            }
        } catch (java.io.IOException e) {
            // the process ended
        }
    }

    private static void awaitLine(List<String> output, String text, Process process, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (output.stream().noneMatch(line -> line.contains(text))) {
            assertThat(process.isAlive())
                    .as("launcher still running; output:%n%s", output)
                    .isTrue();
            assertThat(Instant.now()).as("'%s' within %s", text, timeout).isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
