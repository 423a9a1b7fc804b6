package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import fr.guichetbio.catalogue.index.CatalogueIndexAdmin;
import fr.guichetbio.catalogue.index.CatalogueIndexSchema;
import fr.guichetbio.catalogue.index.SiteDocument;
import fr.guichetbio.infra.launcher.Stack;
import java.io.IOException;
import java.io.Reader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Catalogue search on the real stack (Elasticsearch with our plugin, the portal with the demo catalogue), through the
 * portal's API and page: the acceptance queries of issue 5, facets that narrow, and spelling/language variants that
 * meet.
 *
 * <p>The index is filled by the portal's indexer from the outbox. Until that indexer runs inside the portal, the
 * test waits a while for it and then indexes the public catalogue itself (documents derived from the portal's
 * catalogue/v1 export, as the indexer derives them from PostgreSQL), so that it exercises search either way.
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PortalClient portal;
    private ElasticsearchClient elasticsearch;
    private List<SiteDocument> documents;

    @BeforeAll
    void catalogueIndexed(Stack stack) throws Exception {
        portal = new PortalClient(stack.portalUrl());
        elasticsearch = ElasticsearchClient.of(b -> b.host(stack.elasticsearch().url()));
        // The demo catalogue is seeded at start-up: wait for its public sites.
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    JsonNode export = JSON.readTree(portal.get("/catalogue/export.json", "application/json")
                            .body());
                    documents = documents(export);
                    assertThat(documents).hasSizeGreaterThan(50);
                });
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> siteCount() >= documents.size());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            index(documents);
        }
    }

    @AfterAll
    void close() throws IOException {
        elasticsearch.close();
    }

    @Test
    void aavTwoHundredLitresClinicalInIleDeFrance() throws Exception {
        List<JsonNode> top = sites(search("q=" + encode("aav 200 l clinique île-de-france")), 3);
        assertThat(top.getFirst().get("modalities").toString()).contains("AAV");
        // The region named counts: the first AAV sites are in Île-de-France when there is one.
        assertThat(top)
                .allSatisfy(hit -> assertThat(hit.get("modalities").toString()).contains("AAV"));
        if (documents.stream().anyMatch(d -> d.modalities().contains("AAV") && "11".equals(d.regionCode()))) {
            assertThat(top.getFirst().get("regionCode").asString()).isEqualTo("11");
        }
    }

    @Test
    void carTAutologous() throws Exception {
        assertThat(sites(search("q=" + encode("CAR T autologue")), 5))
                .allSatisfy(hit -> assertThat(hit.get("modalities").toString()).contains("GENE_MODIFIED_CELLS"));
    }

    @Test
    void monoclonalAntibodiesTwoThousandLitresCommercial() throws Exception {
        List<JsonNode> top = sites(search("q=" + encode("anticorps monoclonaux 2000L commercial")), 5);
        assertThat(top).allSatisfy(hit -> {
            assertThat(hit.get("modalities").toString()).contains("MAB");
        });
        // The volume named lifts the sites large enough.
        assertThat(top.getFirst().get("largestVolumeLitres").asDouble()).isGreaterThanOrEqualTo(2000);
    }

    @Test
    void geneTherapyLyon() throws Exception {
        JsonNode first =
                sites(search("q=" + encode("therapie genique lyon")), 1).getFirst();
        assertThat(first.get("city").asString()).isEqualTo("Lyon");
        assertThat(first.get("modalities").toString())
                .containsAnyOf("AAV", "LENTIVIRUS", "GENE_MODIFIED_CELLS", "OTHER_VIRAL_VECTOR", "PLASMID_DNA");
    }

    @Test
    void mrnaFillFinish() throws Exception {
        assertThat(sites(search("q=" + encode("mRNA fill finish")), 3))
                .allSatisfy(hit -> assertThat(hit.get("modalities").toString()).contains("MRNA_LNP"));
    }

    @Test
    void facetCountsNarrowWhenAFilterIsAdded() throws Exception {
        JsonNode all = search("q=" + encode("anticorps monoclonaux"));
        JsonNode filtered = search("q=" + encode("anticorps monoclonaux") + "&region=84");
        assertThat(filtered.get("total").asLong())
                .isPositive()
                .isLessThan(all.get("total").asLong());
        // Other facets count within the filtered results…
        long stagesAll = sum(all.get("facets").get("stade"));
        long stagesFiltered = sum(filtered.get("facets").get("stade"));
        assertThat(stagesFiltered).isLessThan(stagesAll);
        // …while the region facet still offers the other regions (multi-select), with the same counts as before.
        assertThat(filtered.get("facets").get("region"))
                .isEqualTo(all.get("facets").get("region"));
        assertThat(filtered.get("results"))
                .allSatisfy(hit -> assertThat(hit.get("regionCode").asString()).isEqualTo("84"));
        // Two regions: the union.
        JsonNode two = search("q=" + encode("anticorps monoclonaux") + "&region=84&region=11");
        assertThat(two.get("total").asLong())
                .isGreaterThan(filtered.get("total").asLong());
    }

    @Test
    void spellingLanguageAndAbbreviationVariantsMeet() throws Exception {
        Set<String> french = keys(search("q=" + encode("anticorps monoclonal") + "&taille=10"));
        for (String variant : List.of("monoclonal antibody", "mAb", "anticorps monoclonaux", "anticrops monoclonaux")) {
            Set<String> other = keys(search("q=" + encode(variant) + "&taille=10"));
            Set<String> common = new HashSet<>(french);
            common.retainAll(other);
            assertThat(common).as(variant).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void aPlaceLimitsAndSortsByDistance() throws Exception {
        JsonNode near = search("lieu=Lyon&rayon=100&tri=distance");
        assertThat(near.get("place").get("inseeCode").asString()).isEqualTo("69123");
        List<Double> distances = new ArrayList<>();
        near.get("results").forEach(hit -> distances.add(hit.get("distanceKm").asDouble()));
        assertThat(distances)
                .isNotEmpty()
                .isSorted()
                .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(100));
    }

    @Test
    void thePageShowsResultsFacetsAndHighlights() throws Exception {
        PortalClient.Page page = portal.get("/recherche?q=" + encode("mAb") + "&modalite=MAB");
        assertThat(page.status()).isEqualTo(200);
        Document html = page.document();
        assertThat(html.select(".search-result")).isNotEmpty();
        assertThat(html.select(".search-result mark").text()).containsIgnoringCase("anticorps monoclonaux");
        assertThat(html.select("#facet-modalite input[value=MAB][checked]")).hasSize(1);
        assertThat(html.select("#search-active a.search-remove").attr("href")).isEqualTo("/recherche?q=mAb");

        PortalClient.Page nothing =
                portal.get("/recherche?q=" + encode("anticrops") + "&region=94&modalite=BLOOD_DERIVED");
        assertThat(nothing.document().select("#search-empty")).hasSize(1);
        assertThat(nothing.document().select("#search-empty a.search-relax")).hasSize(2);
    }

    private JsonNode search(String query) throws Exception {
        PortalClient.Page page = portal.get("/api/search?" + query, "application/json");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return JSON.readTree(page.body());
    }

    /** The first results that are catalogue sites (other tests of the run may index bare documents). */
    private static List<JsonNode> sites(JsonNode answer, int count) {
        List<JsonNode> sites = StreamSupport.stream(answer.get("results").spliterator(), false)
                .filter(hit -> hit.hasNonNull("key"))
                .limit(count)
                .toList();
        assertThat(sites).hasSize(count);
        return sites;
    }

    private static Set<String> keys(JsonNode answer) {
        Set<String> keys = new TreeSet<>();
        sites(answer, 1);
        answer.get("results").forEach(hit -> {
            if (hit.hasNonNull("key")) {
                keys.add(hit.get("key").asString());
            }
        });
        return keys;
    }

    private static long sum(JsonNode buckets) {
        long sum = 0;
        for (JsonNode bucket : buckets) {
            sum += bucket.get("count").asLong();
        }
        return sum;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private long siteCount() throws IOException {
        try {
            return elasticsearch
                    .count(c -> c.index(CatalogueIndexSchema.ALIAS).query(q -> q.exists(e -> e.field("key"))))
                    .count();
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            return 0; // no index yet
        }
    }

    private void index(List<SiteDocument> documents) throws IOException {
        new CatalogueIndexAdmin(elasticsearch).ensureIndex();
        elasticsearch.bulk(b -> {
            for (SiteDocument document : documents) {
                b.operations(o -> o.index(i -> i.index(CatalogueIndexSchema.ALIAS)
                        .id(Long.toString(document.id()))
                        .document(document.source())));
            }
            return b.refresh(co.elastic.clients.elasticsearch._types.Refresh.True);
        });
    }

    /** Site documents from the catalogue/v1 export, with the labels of the portal's message bundles. */
    private static List<SiteDocument> documents(JsonNode export) throws IOException {
        Path resources = Path.of(System.getProperty("guichet.project.dir", ".."), "portal/src/main/resources");
        Properties french = properties(resources.resolve("messages.properties"));
        Properties english = properties(resources.resolve("messages_en.properties"));
        List<SiteDocument> documents = new ArrayList<>();
        long id = 1_000_000;
        for (JsonNode organisation : export.get("organisations")) {
            for (JsonNode site : organisation.path("sites")) {
                JsonNode capabilities = site.path("capabilities");
                if (capabilities.isEmpty()) {
                    continue;
                }
                Set<String> modalities = new TreeSet<>();
                Set<String> services = new TreeSet<>();
                Set<String> stages = new TreeSet<>();
                Set<String> systems = new TreeSet<>();
                Set<String> bands = new TreeSet<>();
                double largest = 0;
                boolean gmp = false;
                for (JsonNode capability : capabilities) {
                    modalities.add(capability.get("modality").asString());
                    capability.path("services").forEach(v -> services.add(v.asString()));
                    capability.path("stages").forEach(v -> stages.add(v.asString()));
                    capability.path("expressionSystems").forEach(v -> systems.add(v.asString()));
                    gmp |= capability.path("gmp").asBoolean(false);
                    for (JsonNode bioreactor : capability.path("bioreactors")) {
                        double litres = bioreactor.get("workingVolumeLitres").asDouble();
                        largest = Math.max(largest, litres);
                        bands.add(SiteDocument.scaleBand(litres));
                    }
                }
                List<String> vocabulary = new ArrayList<>();
                labels(vocabulary, "modality", modalities, french, english);
                labels(vocabulary, "service", services, french, english);
                labels(vocabulary, "stage", stages, french, english);
                labels(vocabulary, "expressionSystem", systems, french, english);
                String verification = "SELF_DECLARED";
                for (JsonNode evidence : site.path("gmpEvidence")) {
                    String level = evidence.path("verification").asString("SELF_DECLARED");
                    if (rank(level) > rank(verification)) {
                        verification = level;
                    }
                }
                Set<String> quarters = new TreeSet<>();
                String next = null;
                for (JsonNode slot : site.path("availability")) {
                    String from = slot.get("from").asString();
                    quarters.add(from.substring(0, 4) + "-Q" + ((Integer.parseInt(from.substring(5, 7)) - 1) / 3 + 1));
                    next = next == null || from.compareTo(next) < 0 ? from : next;
                }
                JsonNode address = site.path("address");
                JsonNode location = site.path("location");
                List<String> description = new ArrayList<>();
                organisation.path("description").forEach(v -> description.add(v.asString()));
                documents.add(new SiteDocument(
                        id++,
                        1,
                        site.get("key").asString(),
                        site.get("name").asString(),
                        organisation.get("name").asString(),
                        organisation.get("key").asString(),
                        organisation.path("kind").asString(null),
                        description,
                        vocabulary,
                        address.path("city").asString(null),
                        address.path("postalCode").asString(null),
                        address.path("regionCode").asString(null),
                        address.path("country").asString(null),
                        location.isMissingNode()
                                ? null
                                : new SiteDocument.GeoPoint(
                                        location.get("lat").asDouble(),
                                        location.get("lon").asDouble()),
                        List.copyOf(modalities),
                        List.copyOf(services),
                        List.copyOf(stages),
                        List.copyOf(systems),
                        gmp,
                        largest,
                        List.copyOf(bands),
                        verification,
                        List.copyOf(quarters),
                        next));
            }
        }
        return documents;
    }

    private static int rank(String level) {
        return List.of("SELF_DECLARED", "DOCUMENT_CHECKED", "REGISTRY_MATCHED").indexOf(level);
    }

    private static void labels(
            List<String> into, String facet, Set<String> codes, Properties french, Properties english) {
        for (String code : codes) {
            String key = "vocabulary." + facet + "." + code;
            if (french.getProperty(key) != null) {
                into.add(french.getProperty(key));
            }
            if (english.getProperty(key) != null) {
                into.add(english.getProperty(key));
            }
        }
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
