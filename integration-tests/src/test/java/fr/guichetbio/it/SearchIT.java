package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import fr.guichetbio.catalogue.index.CatalogueIndexSchema;
import fr.guichetbio.infra.launcher.Stack;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * <p>The index is filled by the portal's own indexer (the outbox of the demo seed, or its first full rebuild): the
 * test only waits until it holds every public site of the portal's export.
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PortalClient portal;
    private ElasticsearchClient elasticsearch;
    private JsonNode export;

    @BeforeAll
    void catalogueIndexed(Stack stack) throws Exception {
        portal = new PortalClient(stack.portalUrl());
        elasticsearch = ElasticsearchClient.of(b -> b.host(stack.elasticsearch().url()));
        // The demo catalogue is seeded at start-up: wait for its public sites, then for the indexer to hold them all.
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    export = JSON.readTree(portal.get("/catalogue/export.json", "application/json")
                            .body());
                    assertThat(sitesOf(export)).hasSizeGreaterThan(50);
                });
        int publicSites = sitesOf(export).size();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> siteCount() >= publicSites);
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
        assertThat(sitesOf(export))
                .as("an AAV site in Île-de-France in the demo catalogue")
                .anySatisfy(site -> {
                    assertThat(site.path("address").path("regionCode").asString())
                            .isEqualTo("11");
                    assertThat(site.path("capabilities").toString()).contains("\"AAV\"");
                });
        assertThat(top.getFirst().get("regionCode").asString()).isEqualTo("11");
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
        // The correction is a word of the catalogue as written, not its stem ("anticorp").
        assertThat(nothing.document().select("#search-suggestion").text()).isEqualTo("anticorps");

        // Words that differ from the catalogue's only by accents would find the same sites: no correction offered
        // (filters that no site meets keep the results below the threshold at which corrections are looked for).
        String noSite = "&region=94&modalite=BLOOD_DERIVED";
        JsonNode unaccented = search("q=" + encode("therapie cellulaire") + noSite);
        assertThat(unaccented.get("total").asLong()).isZero();
        assertThat(unaccented.get("suggestion").isNull()).isTrue();
        JsonNode typo = search("q=" + encode("therapie celullaire") + noSite);
        assertThat(typo.get("suggestion").asString()).isEqualTo("thérapie cellulaire");
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

    private static List<JsonNode> sitesOf(JsonNode export) {
        List<JsonNode> sites = new ArrayList<>();
        for (JsonNode organisation : export.path("organisations")) {
            organisation.path("sites").forEach(sites::add);
        }
        return sites;
    }
}
