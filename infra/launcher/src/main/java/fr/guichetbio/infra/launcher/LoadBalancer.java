package fr.guichetbio.infra.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A round-robin HTTP load balancer in front of the portal replicas, as an ingress is in production: no sticky
 * sessions, so each request of a browser may reach another replica. It passes the original host, port, protocol and
 * client address in {@code X-Forwarded-*} headers (the portals trust them from loopback), and skips a replica that
 * refuses connections (stopped or restarting): nothing was sent to it, so any request can go to the next one.
 */
final class LoadBalancer implements AutoCloseable {

    /** Hop-by-hop headers and those the HTTP client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host",
            "content-length",
            "expect",
            "x-forwarded-for",
            "x-forwarded-host",
            "x-forwarded-port",
            "x-forwarded-proto");

    private final HttpServer server;
    private final List<String> backends;
    private final AtomicLong next = new AtomicLong();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private LoadBalancer(HttpServer server, List<String> backends) {
        this.server = server;
        this.backends = List.copyOf(backends);
    }

    /** Listens on 127.0.0.1:{@code port} and spreads requests over {@code backends} (base URLs). */
    static LoadBalancer start(int port, List<String> backends) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
        LoadBalancer balancer = new LoadBalancer(server, backends);
        server.createContext("/", balancer::forward);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return balancer;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpResponse<InputStream> response = send(exchange, body);
            if (response == null) {
                byte[] message = "No portal replica answers.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
                exchange.getResponseHeaders().add("Retry-After", "5");
                exchange.sendResponseHeaders(502, message.length);
                exchange.getResponseBody().write(message);
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            long length = response.headers().firstValueAsLong("content-length").orElse(0);
            boolean noBody = exchange.getRequestMethod().equals("HEAD")
                    || response.statusCode() == 204
                    || response.statusCode() == 304
                    || length == 0
                            && response.headers().firstValue("content-length").isPresent();
            exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : length);
            try (InputStream in = response.body();
                    OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        }
    }

    /** Tries each replica at most once, starting with the next in turn; null when none accepts the connection. */
    private HttpResponse<InputStream> send(HttpExchange exchange, byte[] body) throws IOException {
        long first = next.getAndIncrement();
        for (int i = 0; i < backends.size(); i++) {
            String backend = backends.get((int) Math.floorMod(first + i, (long) backends.size()));
            try {
                return client.send(request(exchange, backend, body), HttpResponse.BodyHandlers.ofInputStream());
            } catch (ConnectException e) {
                // Refused: the replica is down; the request never reached it.
            } catch (HttpTimeoutException e) {
                throw new IOException("Portal replica " + backend + " did not answer in time", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted", e);
            }
        }
        return null;
    }

    private HttpRequest request(HttpExchange exchange, String backend, byte[] body) {
        URI uri = URI.create(backend
                + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMinutes(5))
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header :
                exchange.getRequestHeaders().entrySet()) {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        InetSocketAddress local = exchange.getLocalAddress();
        request.header(
                "X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
        request.header("X-Forwarded-Host", host != null ? host : "localhost:" + local.getPort());
        request.header("X-Forwarded-Port", Integer.toString(local.getPort()));
        request.header("X-Forwarded-Proto", "http");
        return request.build();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(1);
    }
}
