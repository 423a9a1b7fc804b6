package fr.guichetbio.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP against the running portal, as a browser without JavaScript or a monitoring probe would. */
final class PortalClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    PortalClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    record Page(int status, HttpHeaders headers, String body) {
        Document document() {
            return Jsoup.parse(body);
        }
    }

    record Health(int httpStatus, JsonNode json) {
        String status() {
            return json.path("status").asString();
        }

        String componentStatus(String component) {
            return json.path("components").path(component).path("status").asString();
        }
    }

    /** A page as a browser asks for it (HTML). */
    Page get(String path) throws IOException, InterruptedException {
        return get(path, "text/html");
    }

    Page get(String path, String accept) throws IOException, InterruptedException {
        return get(path, accept, DEFAULT_TIMEOUT);
    }

    /** A GET that may take longer than a page should (the export of a large catalogue). */
    Page get(String path, String accept, Duration timeout) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Accept", accept)
                        .GET(),
                timeout);
    }

    Page post(String path) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Accept", "text/html")
                        .POST(HttpRequest.BodyPublishers.noBody()),
                DEFAULT_TIMEOUT);
    }

    Health health() throws IOException, InterruptedException {
        Page page = get("/actuator/health", "application/json");
        return new Health(page.status(), JSON.readTree(page.body()));
    }

    private Page send(HttpRequest.Builder request, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        return new Page(response.statusCode(), response.headers(), response.body());
    }
}
