package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import fr.guichetbio.catalogue.index.CatalogueIndexSchema;
import fr.guichetbio.catalogue.index.match.Need;
import fr.guichetbio.catalogue.index.match.Shortlist;
import fr.guichetbio.catalogue.index.match.Shortlister;
import fr.guichetbio.catalogue.index.search.CatalogueSearch;
import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.Stack;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark (profile {@code benchmarks}, not part of the default {@code verify}) of catalogue search on the real stack
 * loaded with a generated catalogue of 10,000 sites (the portal's {@code DemoCatalogueFile}, imported with the
 * portal's command line into the stack's database, indexed by the stack's portal):
 *
 * <ol>
 *   <li>full rebuild, timed from its own {@code index_rebuild} row, in documents per second: by the portal's {@code
 *       --guichet.index.rebuild} command, then by the admin button of the running portal; next to a raw {@code _bulk}
 *       load of the same documents, in batches of the rebuild's size, into a scratch index with the same settings and
 *       mappings;
 *   <li>search latency p50/p95/p99 and throughput at 1, 8 and 32 concurrent clients through the portal ({@code GET
 *       /api/search?q=}, the judged queries; the API's default with facets, then {@code facettes=non}) next to
 *       Elasticsearch answering the first request the API sends for the same queries ({@link CatalogueSearch}'s, as the
 *       portal jar's {@code SearchRequestsFile} writes it), replayed as JSON; the same requests with the request cache
 *       off (a fresh query), at 1 and 8 clients;
 *   <li>shortlists of 24 sponsors' needs ({@link Shortlister}, the engine of the brief page), 8 at once;
 *   <li>freshness: edit → searchable, over 20 edits, as {@link CatalogueIndexingIT} measures it.
 * </ol>
 *
 * The portal searched is a second instance of the portal jar on the stack's database and Elasticsearch with the API
 * rate limit lifted (the stack's own portal allows 10,000 requests a minute from one address) and its outbox worker
 * off; freshness is measured on the stack's portal. Prints one table and writes it to {@code
 * target/search-benchmark.txt}. No assertion on times: machines differ, the numbers are for people to read.
 */
@ExtendWith(RunningStack.class)
class SearchBenchmark {

    private static final int SITES = Integer.getInteger("guichet.benchmark.sites", 10_000);
    private static final int ORGANISATIONS = Integer.getInteger("guichet.benchmark.organisations", 1_000);
    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("guichet.benchmark.seconds", 10));
    /**
     * Before the phases: the portal is a JVM started for the benchmark, whose hot paths the JIT compiles during its
     * first tens of thousands of requests (measured here: one client's median went from 16 ms in the first 30 s to
     * 6 ms after a minute and 4.4 ms after two, against Elasticsearch's 2.7 ms), while Elasticsearch has been up and
     * searched since the stack started.
     */
    private static final Duration PORTAL_WARM_UP = Duration.ofSeconds(90);

    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final int[] CLIENTS = {1, 8, 32};
    private static final int[] UNCACHED_CLIENTS = {1, 8};
    /** The portal's rebuild writes pages of 500 documents (IndexRebuilds.PAGE_SIZE). */
    private static final int BULK_BATCH = 500;

    private static final String SCRATCH_INDEX = "search-benchmark-raw-bulk";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private Stack stack;
    private StackCatalogue catalogue;

    /** Latencies (ms) and throughput of one load phase. */
    private record Phase(int clients, int requests, int errors, double seconds, double p50, double p95, double p99) {
        double throughput() {
            return requests / seconds;
        }

        /** A line of the table, under its header. */
        String row(String label) {
            return String.format(
                    Locale.ROOT,
                    "  %-11s %8d %9d %7d %7.0f %8.1f %8.1f %8.1f%n",
                    label,
                    clients,
                    requests,
                    errors,
                    throughput(),
                    p50,
                    p95,
                    p99);
        }
    }

    @Test
    void searchOnTenThousandSites(Stack stack, @TempDir Path dir) throws Exception {
        this.stack = stack;
        this.catalogue = new StackCatalogue(stack);
        Path jar = Path.of(System.getProperty("guichet.stack.dir", "../infra/launcher/target/stack"), "portal.jar");
        assertThat(jar)
                .as("build the portal first: ./mvnw -B -q install -DskipTests")
                .exists();
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> catalogue.publicSiteCount() > 0
                        && catalogue.pendingOutboxRows() == 0
                        && !catalogue.rebuildRunning());

        // 1. The generated catalogue, imported with the portal's command line; the stack's portal indexes it.
        GeneratedCatalogue.load(stack, catalogue, jar, dir, SITES, ORGANISATIONS);
        long publicSites = catalogue.publicSiteCount();

        // 2. Full rebuild by the portal — from the command line (a JVM started for it), then with the admin button of
        // the running portal — then the same documents through a raw _bulk.
        Commands.run(dir.resolve("rebuild.log"), portalCommand(jar, "--guichet.index.rebuild", "--server.port=0"));
        long[] rebuild = latestRebuild();
        double rebuildRate = rebuild[0] / (rebuild[1] / 1000.0);
        long[] buttonRebuild = rebuildWithTheAdminButton();
        double buttonRebuildRate = buttonRebuild[0] / (buttonRebuild[1] / 1000.0);
        List<String> bulkBodies = bulkBodies(readAllDocuments());
        double rawBulkRate = rawBulk(bulkBodies, rebuild[0]);

        // 3. Search latency and throughput: portal next to raw Elasticsearch, phase by phase.
        List<String> queries = RelevanceJudgments.load().stream()
                .map(RelevanceJudgments.Judged::query)
                .toList();
        // The bodies of the requests the API sends first for these queries, written by the portal's own code.
        Path queryFile = dir.resolve("queries.txt");
        Files.write(queryFile, queries, StandardCharsets.UTF_8);
        List<String> rawBodies = portalBodies(jar, dir, queryFile, "bodies.ndjson");
        List<String> rawBodiesNoFacets = portalBodies(jar, dir, queryFile, "bodies-no-facets.ndjson", "facettes=non");
        List<Phase> portal = new ArrayList<>();
        List<Phase> raw = new ArrayList<>();
        List<Phase> portalNoFacets = new ArrayList<>();
        List<Phase> rawNoFacets = new ArrayList<>();
        List<Phase> uncached = new ArrayList<>();
        List<Phase> uncachedNoFacets = new ArrayList<>();
        int[] extraRequests;
        int port = StackCatalogue.freePort();
        List<String> benchPortalCommand = portalCommand(
                jar,
                // A second portal serving pages: the run command's development defaults.
                "--spring.profiles.active=local",
                "--server.port=" + port,
                "--guichet.rate-limit.api.requests=100000000",
                "--guichet.indexing.enabled=false");
        // E.g. -Dguichet.benchmark.portal-jvm=-XX:StartFlightRecording=filename=target/portal.jfr to profile it.
        String portalJvm = System.getProperty("guichet.benchmark.portal-jvm", "");
        if (!portalJvm.isBlank()) {
            benchPortalCommand.addAll(1, List.of(portalJvm.trim().split("\\s+")));
        }
        Process benchPortal = new ProcessBuilder(benchPortalCommand)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("portal.log").toFile())
                .start();
        try {
            String portalUrl = "http://127.0.0.1:" + port;
            await().atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> get(portalUrl + "/api/search?q=aav") == 200);
            List<URI> portalRequests = apiRequests(portalUrl, queries, "");
            List<URI> portalRequestsNoFacets = apiRequests(portalUrl, queries, "&facettes=non");
            extraRequests = extraRequests(portalRequests);
            // The body plus the URL parameters the client sends with it (CatalogueSearch asks for the request cache).
            String searchUrl =
                    stack.elasticsearch().url() + "/" + CatalogueIndexSchema.ALIAS + "/_search?typed_keys=true";
            URI rawSearch = URI.create(searchUrl + "&request_cache=true");
            URI uncachedSearch = URI.create(searchUrl + "&request_cache=false");
            load(8, PORTAL_WARM_UP, i -> get(portalRequests.get(i % portalRequests.size())));
            load(8, WARM_UP, i -> post(rawSearch, rawBodies.get(i % rawBodies.size())));
            for (int clients : CLIENTS) {
                portal.add(load(clients, PHASE, i -> get(portalRequests.get(i % portalRequests.size()))));
                raw.add(load(clients, PHASE, i -> post(rawSearch, rawBodies.get(i % rawBodies.size()))));
            }
            for (int clients : CLIENTS) {
                portalNoFacets.add(
                        load(clients, PHASE, i -> get(portalRequestsNoFacets.get(i % portalRequestsNoFacets.size()))));
                rawNoFacets.add(load(
                        clients, PHASE, i -> post(rawSearch, rawBodiesNoFacets.get(i % rawBodiesNoFacets.size()))));
            }
            // What a request costs when Elasticsearch's request cache cannot answer it (a query nobody asked since
            // the index last changed): the judged queries repeat, so the phases above are mostly cache hits.
            for (int clients : UNCACHED_CLIENTS) {
                uncached.add(load(clients, PHASE, i -> post(uncachedSearch, rawBodies.get(i % rawBodies.size()))));
                uncachedNoFacets.add(load(
                        clients,
                        PHASE,
                        i -> post(uncachedSearch, rawBodiesNoFacets.get(i % rawBodiesNoFacets.size()))));
            }
        } finally {
            benchPortal.destroy();
            if (!benchPortal.waitFor(30, TimeUnit.SECONDS)) {
                benchPortal.destroyForcibly();
            }
        }

        // 4. Shortlists of sponsors' briefs: the engine the brief page calls (one Elasticsearch request each, with the
        // explanations read back), 8 sponsors at once.
        Shortlister shortlister = new Shortlister(
                ElasticsearchClient.of(b -> b.host(stack.elasticsearch().url())));
        List<Need> needs = needs();
        Phase shortlists = load(8, PHASE, i -> {
            Shortlist shortlist = shortlister.shortlist(needs.get(i % needs.size()), 20);
            return shortlist.total() >= 0 ? 200 : 500;
        });

        // 5. Freshness on the stack's portal (its outbox worker).
        List<Long> delays = freshness(20);

        String table = table(
                publicSites,
                queries.size(),
                rebuild,
                rebuildRate,
                buttonRebuild,
                buttonRebuildRate,
                rawBulkRate,
                new Searches(portal, raw, portalNoFacets, rawNoFacets, uncached, uncachedNoFacets, extraRequests),
                delays);
        table += String.format(
                Locale.ROOT,
                "%n  Shortlist (%d needs, 8 sponsors at once, %d shortlists): p50 %.1f ms, p95 %.1f ms (target <= 100 ms),"
                        + " %.0f shortlists/s%n",
                needs.size(),
                shortlists.requests(),
                shortlists.p50(),
                shortlists.p95(),
                shortlists.requests() / shortlists.seconds());
        System.out.println(table);
        Path out = Path.of("target", "search-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table, StandardCharsets.UTF_8);
        assertThat(rebuild[0]).isEqualTo(publicSites);
        assertThat(buttonRebuild[0]).isEqualTo(publicSites);
        for (List<Phase> phases : List.of(portal, raw, portalNoFacets, rawNoFacets, uncached, uncachedNoFacets)) {
            assertThat(phases).allMatch(p -> p.errors() == 0);
        }
    }

    /**
     * Sponsors' needs across modalities, places, stages, volumes, services and start windows: 6 modalities × 4
     * location constraints, half of them at a late clinical stage with GMP required.
     */
    private static List<Need> needs() {
        List<Need> needs = new ArrayList<>();
        List<Need.Region> regions = List.of(
                new Need.Region.France(),
                new Need.Region.EuropeanUnion(),
                new Need.Region.Near(45.7491, 4.8479, 150),
                new Need.Region.Anywhere());
        List<String> modalities =
                List.of("MAB", "AAV", "LENTIVIRUS", "CELL_THERAPY", "RECOMBINANT_PROTEIN", "PLASMID_DNA");
        int n = 0;
        for (String modality : modalities) {
            for (Need.Region region : regions) {
                boolean late = n++ % 2 == 0;
                needs.add(new Need(
                        modality,
                        late ? "CLINICAL_LATE" : null,
                        region,
                        late ? Need.Verification.DOCUMENT_CHECKED : null,
                        late,
                        late ? "CHO" : null,
                        List.of("FILL_FINISH", "QC_TESTING"),
                        null,
                        late ? List.of("PAT_ONLINE_CONTROL") : null,
                        late ? 2000.0 : 200.0,
                        List.of("2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4")));
            }
        }
        return needs;
    }

    /** The search phases: API default (facets) and {@code facettes=non}, each next to its raw requests. */
    private record Searches(
            List<Phase> portal,
            List<Phase> raw,
            List<Phase> portalNoFacets,
            List<Phase> rawNoFacets,
            List<Phase> uncached,
            List<Phase> uncachedNoFacets,
            int[] extraRequests) {}

    /**
     * The body of the request the API sends first for each query, one a line, written by the portal jar's {@code
     * SearchRequestsFile} (the API's own parsing and request building) with the URL {@code parameters}.
     */
    private static List<String> portalBodies(Path jar, Path dir, Path queries, String name, String... parameters)
            throws IOException, InterruptedException {
        Path bodies = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of(
                StackCatalogue.java(),
                "-cp",
                jar.toString(),
                "-Dloader.main=fr.guichetbio.portal.search.SearchRequestsFile",
                "org.springframework.boot.loader.launch.PropertiesLauncher",
                queries.toString(),
                bodies.toString()));
        command.addAll(List.of(parameters));
        Commands.run(dir.resolve(name + ".log"), command);
        List<String> lines = Files.readAllLines(bodies, StandardCharsets.UTF_8);
        assertThat(lines)
                .hasSize(Files.readAllLines(queries, StandardCharsets.UTF_8).size());
        return lines;
    }

    private static List<URI> apiRequests(String portalUrl, List<String> queries, String parameters) {
        return queries.stream()
                .map(q -> URI.create(
                        portalUrl + "/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + parameters))
                .toList();
    }

    /**
     * How many queries make the search send more than its first request, read from the API's answers as {@code
     * CatalogueSearch.search} decides: {relaxation (no site meets every term of several), spelling (fewer than three
     * results and free words)}.
     */
    private int[] extraRequests(List<URI> requests) throws Exception {
        int relaxed = 0;
        int spelling = 0;
        for (URI uri : requests) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(uri.toString()).isEqualTo(200);
            JsonNode answer = JSON.readTree(response.body());
            long total = answer.path("total").asLong();
            JsonNode terms = answer.path("terms");
            if (!answer.path("droppedTerms").isEmpty() || (total == 0 && terms.size() > 1)) {
                relaxed++;
            }
            boolean words = false;
            for (JsonNode term : terms) {
                words |= term.path("kind").asString().equals("word");
            }
            if (total < 3 && words) {
                spelling++;
            }
        }
        return new int[] {relaxed, spelling};
    }

    private static String table(
            long sites,
            int queries,
            long[] rebuild,
            double rebuildRate,
            long[] buttonRebuild,
            double buttonRebuildRate,
            double rawBulkRate,
            Searches searches,
            List<Long> delays) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(
                Locale.ROOT,
                "%nSearch benchmark: %d public sites indexed, %d judged queries, %d s per phase%n",
                sites,
                queries,
                PHASE.toSeconds()));
        t.append(String.format(
                Locale.ROOT,
                "  Full rebuild, command line   %6d docs in %6.1f s = %7.0f docs/s%n",
                rebuild[0],
                rebuild[1] / 1000.0,
                rebuildRate));
        t.append(String.format(
                Locale.ROOT,
                "  Full rebuild, admin button   %6d docs in %6.1f s = %7.0f docs/s%n",
                buttonRebuild[0],
                buttonRebuild[1] / 1000.0,
                buttonRebuildRate));
        t.append(String.format(
                Locale.ROOT,
                "  Raw _bulk (same docs)        %6d docs            = %7.0f docs/s%n",
                rebuild[0],
                rawBulkRate));
        t.append(String.format(
                Locale.ROOT,
                "  Rebuild / raw _bulk ratio: command line %.2f, admin button %.2f (target >= 0.70)%n"
                        + "  (the command line is a JVM started for the rebuild, compiling its code while it loads)%n%n",
                rebuildRate / rawBulkRate,
                buttonRebuildRate / rawBulkRate));
        t.append("  Search       clients  requests  errors   req/s   p50 ms   p95 ms   p99 ms\n");
        for (int i = 0; i < searches.portal().size(); i++) {
            t.append(searches.portal().get(i).row("portal"));
            t.append(searches.raw().get(i).row("raw ES"));
        }
        for (int i = 0; i < searches.portalNoFacets().size(); i++) {
            t.append(searches.portalNoFacets().get(i).row("portal nf"));
            t.append(searches.rawNoFacets().get(i).row("raw ES nf"));
        }
        for (int i = 0; i < searches.uncached().size(); i++) {
            t.append(searches.uncached().get(i).row("raw miss"));
            t.append(searches.uncachedNoFacets().get(i).row("miss nf"));
        }
        t.append(String.format(
                Locale.ROOT,
                "  portal: GET /api/search?q=<query> (the API's default, facets counted, as the search page shows"
                        + " them);%n"
                        + "  \"nf\": the same with facettes=non. raw ES: the body of the first request the API sends"
                        + " for the query%n"
                        + "  (written by the portal's SearchRequestsFile), POSTed with the client's URL parameters;"
                        + " not replayed: the%n"
                        + "  second requests the search makes for some queries: %d of %d judged queries relax"
                        + " (no site meets every term),%n"
                        + "  %d ask for spelling corrections (fewer than 3 results)."
                        + " portal and raw ES go through Elasticsearch's request%n"
                        + "  cache, which the repeated queries hit; \"miss\" is the raw requests with"
                        + " request_cache=false: the cost of a%n"
                        + "  query not seen since the index last changed.%n%n",
                searches.extraRequests()[0],
                queries,
                searches.extraRequests()[1]));
        Phase miss = searches.uncached().getFirst();
        t.append(String.format(
                Locale.ROOT,
                "  Fresh query (request cache off), 1 client: p50 %.1f ms (target <= 8 ms); facettes=non %.1f ms%n",
                miss.p50(),
                searches.uncachedNoFacets().getFirst().p50()));
        for (int i = 0; i < searches.portal().size(); i++) {
            Phase p = searches.portal().get(i);
            Phase r = searches.raw().get(i);
            Phase pn = searches.portalNoFacets().get(i);
            Phase rn = searches.rawNoFacets().get(i);
            t.append(String.format(
                    Locale.ROOT,
                    "  %2d clients: throughput portal/raw %.2f (target >= 0.80), facettes=non %.2f;"
                            + " portal p95 %.1f ms%s%n",
                    p.clients(),
                    p.throughput() / r.throughput(),
                    pn.throughput() / rn.throughput(),
                    p.p95(),
                    p.clients() == 8 ? " (target <= 30 ms)" : ""));
        }
        List<Long> sorted = delays.stream().sorted().toList();
        t.append(String.format(
                Locale.ROOT,
                "%n  Freshness (edit -> searchable, %d edits): p50 %d ms, p95 %d ms (target <= 2000 ms), max %d ms%n",
                sorted.size(),
                sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1),
                sorted.getLast()));
        return t.toString();
    }

    /** A request of the load: its index in the client's sequence → HTTP status. */
    @FunctionalInterface
    private interface Request {
        int send(int i) throws Exception;
    }

    /** {@code clients} threads sending requests back to back for {@code duration}. */
    private static Phase load(int clients, Duration duration, Request request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int offset = c * 7; // clients do not all send the same query at once
                futures.add(pool.submit(() -> {
                    List<Long> latencies = new ArrayList<>();
                    for (int i = offset; System.nanoTime() < end; i++) {
                        long sent = System.nanoTime();
                        int status = request.send(i);
                        latencies.add(System.nanoTime() - sent);
                        if (status != 200) {
                            errors.incrementAndGet();
                        }
                    }
                    return latencies;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> future : futures) {
                all.addAll(future.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Collections.sort(all);
            return new Phase(
                    clients,
                    all.size(),
                    errors.get(),
                    seconds,
                    percentile(all, 0.50),
                    percentile(all, 0.95),
                    percentile(all, 0.99));
        } finally {
            pool.shutdownNow();
        }
    }

    private static double percentile(List<Long> sortedNanos, double p) {
        int rank = (int) Math.ceil(sortedNanos.size() * p) - 1;
        return sortedNanos.get(Math.max(0, rank)) / 1e6;
    }

    private int get(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode();
    }

    private int get(String url) throws IOException, InterruptedException {
        return get(URI.create(url));
    }

    private int post(URI uri, String json) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode();
    }

    /** Every document behind the alias, as Elasticsearch stores it (id → _source), read with search_after. */
    private List<JsonNode> readAllDocuments() throws Exception {
        String es = stack.elasticsearch().url();
        List<JsonNode> hits = new ArrayList<>();
        String after = null;
        while (true) {
            String body = "{\"size\":1000,\"sort\":[{\"_doc\":\"asc\"}]"
                    + (after == null ? "" : ",\"search_after\":" + after) + "}";
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(es + "/" + CatalogueIndexSchema.ALIAS + "/_search"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode page = JSON.readTree(response.body()).path("hits").path("hits");
            if (page.isEmpty()) {
                return hits;
            }
            page.forEach(hits::add);
            after = JSON.writeValueAsString(page.get(page.size() - 1).path("sort"));
        }
    }

    /** NDJSON bodies of {@link #BULK_BATCH} index actions each, built before the clock starts. */
    private static List<String> bulkBodies(List<JsonNode> hits) {
        List<String> bodies = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        int inBody = 0;
        for (JsonNode hit : hits) {
            body.append("{\"index\":{\"_id\":\"")
                    .append(hit.path("_id").asString())
                    .append("\"}}\n")
                    .append(JSON.writeValueAsString(hit.path("_source")))
                    .append('\n');
            if (++inBody == BULK_BATCH) {
                bodies.add(body.toString());
                body.setLength(0);
                inBody = 0;
            }
        }
        if (inBody > 0) {
            bodies.add(body.toString());
        }
        return bodies;
    }

    /**
     * Loads the bodies one after the other into a fresh scratch index with the catalogue's settings and mappings,
     * then refreshes it (as the rebuild does), and returns documents per second; deletes the index afterwards.
     */
    private double rawBulk(List<String> bodies, long expected) throws Exception {
        String index = stack.elasticsearch().url() + "/" + SCRATCH_INDEX;
        send("DELETE", index + "?ignore_unavailable=true", null);
        assertThat(send("PUT", index, CatalogueIndexSchema.settingsAndMappings()))
                .isEqualTo(200);
        try {
            long start = System.nanoTime();
            for (String body : bodies) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(index + "/_bulk"))
                                .header("Content-Type", "application/x-ndjson")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(response.body()).path("errors").asBoolean())
                        .as("bulk errors")
                        .isFalse();
            }
            send("POST", index + "/_refresh", null);
            long nanos = System.nanoTime() - start;
            HttpResponse<String> count = http.send(
                    HttpRequest.newBuilder(URI.create(index + "/_count")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(count.body()).path("count").asLong()).isEqualTo(expected);
            return expected / (nanos / 1e9);
        } finally {
            send("DELETE", index, null);
        }
    }

    private int send(String method, String url, String json) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Edit → found by name in the index, as {@link CatalogueIndexingIT} measures it. */
    private List<Long> freshness(int edits) throws Exception {
        long site = catalogue.publicSites(1).getFirst();
        List<Long> delays = new ArrayList<>();
        try (ElasticsearchClient client =
                ElasticsearchClient.of(b -> b.host(stack.elasticsearch().url()))) {
            for (int i = 0; i < edits; i++) {
                String word = "fraicheur" + System.nanoTime();
                long start = System.nanoTime();
                catalogue.rename(site, "Site " + word);
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> StackCatalogue.findsByName(client, word, site));
                delays.add((System.nanoTime() - start) / 1_000_000);
            }
        }
        return delays;
    }

    /** A rebuild started from {@code /admin/index} on the stack's portal, signed in as the demo admin. */
    private long[] rebuildWithTheAdminButton() throws Exception {
        DemoAccount admin = stack.accounts().stream()
                .filter(a -> a.username().equals("admin"))
                .findFirst()
                .orElseThrow();
        PortalSession session = PortalSession.signIn(stack.portalUrl(), admin.username(), admin.password());
        long before = catalogue.queryLong("select coalesce(max(id), 0) from index_rebuild");
        assertThat(session.postForm("/admin/index/reconstruction", Map.of()).status())
                .isEqualTo(200);
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> catalogue.queryLong(
                                "select count(*) from index_rebuild where id > " + before + " and state = 'DONE'")
                        == 1);
        return latestRebuild();
    }

    /** Documents and milliseconds of the latest finished rebuild, from its own row. */
    private long[] latestRebuild() throws Exception {
        try (Connection connection = catalogue.connection();
                PreparedStatement statement = connection.prepareStatement("""
                        select documents_done,
                          (extract(epoch from (updated_at - started_at)) * 1000)::bigint
                        from index_rebuild where state = 'DONE' order by id desc limit 1""");
                ResultSet rs = statement.executeQuery()) {
            assertThat(rs.next()).as("a finished rebuild").isTrue();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /** The portal jar on the stack's database and Elasticsearch, with {@code arguments}. */
    private List<String> portalCommand(Path jar, String... arguments) {
        List<String> command = catalogue.portalCommand(
                jar,
                "--guichet.oidc.client-secret=benchmark",
                "--guichet.oidc.issuer-uri=" + stack.identityProviderUrl());
        command.addAll(List.of(arguments));
        return command;
    }
}
