package fr.guichetbio.infra.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The local mail catcher: GreenMail standalone (from Maven Central, {@code com.icegreen:greenmail-standalone}) in its own
 * JVM, bound to loopback, with an SMTP server for the portal and GreenMail's HTTP API, whose page lists its endpoints
 * and whose {@code GET /api/user/{address}/messages/INBOX/} returns what an address received (JSON: subject and the
 * whole message). Any address and password is accepted and nothing leaves the machine; mail is kept in memory until
 * the catcher stops.
 */
public final class MailCatcher {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path jar;
    private final int smtpPort;
    private final int apiPort;
    private ManagedProcess process;

    MailCatcher(Path jar, int smtpPort, int apiPort) {
        this.jar = jar;
        this.smtpPort = smtpPort;
        this.apiPort = apiPort;
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** GreenMail's HTTP API and its page. */
    public String url() {
        return "http://127.0.0.1:" + apiPort;
    }

    /** The URL that lists what {@code address} received, as JSON. */
    public String inboxUrl(String address) {
        return url() + "/api/user/" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/INBOX/";
    }

    /** The inbox URL with {@code <address>} in place of an address, for people to fill in. */
    public String inboxUrlPattern() {
        return url() + "/api/user/<address>/messages/INBOX/";
    }

    /** What {@code address} received so far: GreenMail's JSON list ({@code []} when nothing came). */
    public String inbox(String address) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(inboxUrl(address)))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            // GreenMail answers 400 for an address that never received anything.
            return response.statusCode() == 200 ? response.body() : "[]";
        } catch (IOException e) {
            throw new IllegalStateException("The mail catcher does not answer at " + url() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the mail catcher", e);
        }
    }

    ManagedProcess process() {
        return process;
    }

    void start(String javaExecutable, Path workDir, Path log, Progress progress) throws IOException {
        progress.step("mail catcher: starting (GreenMail, SMTP on 127.0.0.1:%d)", smtpPort);
        process = ManagedProcess.start(
                "mail",
                List.of(
                        javaExecutable,
                        "-Xmx64m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-Dgreenmail.smtp.hostname=127.0.0.1",
                        "-Dgreenmail.smtp.port=" + smtpPort,
                        "-Dgreenmail.api.hostname=127.0.0.1",
                        "-Dgreenmail.api.port=" + apiPort,
                        "-Dgreenmail.auth.disabled",
                        "-jar",
                        jar.toString()),
                workDir,
                Map.of(),
                log);
    }

    void awaitReady(Progress progress) {
        try {
            Probes.await(
                    "mail catcher",
                    START_TIMEOUT,
                    process::isAlive,
                    () -> Probes.status(url() + "/api/service/readiness") == 200);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(
                    e.getMessage() + " (log: " + process.log() + ")" + System.lineSeparator() + process.logTail(40), e);
        }
        progress.step(
                "mail catcher: ready, SMTP 127.0.0.1:%d, mail to read at %s (pid %d)", smtpPort, url(), process.pid());
    }

    void stop() {
        if (process != null) {
            process.stop();
        }
    }
}
