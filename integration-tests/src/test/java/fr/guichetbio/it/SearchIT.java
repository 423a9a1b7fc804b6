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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    void everyPartOfTheQueryIsAConditionAndTheCountIsTheSitesMeetingThemAll() throws Exception {
        // A concept as a unit: exactly the sites making plasmid DNA, however many pages.
        JsonNode plasmid = search("q=" + encode("ADN plasmidique") + "&taille=100");
        Set<String> plasmidSites = keysWhere(site -> modalities(site).contains("PLASMID_DNA"));
        assertThat(plasmidSites).isNotEmpty();
        assertThat(keys(plasmid)).isEqualTo(plasmidSites);
        assertThat(plasmid.get("total").asLong()).isEqualTo(plasmidSites.size());
        assertThat(plasmid.get("droppedTerms")).isEmpty();
        assertThat(plasmid.at("/terms/0/kind").asString()).isEqualTo("concept");
        assertThat(plasmid.at("/terms/0/values/0").asString()).isEqualTo("PLASMID_DNA");
        // Every facet count is the number of listed sites carrying the value.
        Map<String, Long> byModality = new TreeMap<>();
        Map<String, Long> byRegion = new TreeMap<>();
        plasmid.get("results").forEach(hit -> {
            hit.get("modalities").forEach(m -> byModality.merge(m.asString(), 1L, Long::sum));
            if (hit.hasNonNull("regionCode")) {
                byRegion.merge(hit.get("regionCode").asString(), 1L, Long::sum);
            }
        });
        assertThat(counts(plasmid.get("facets").get("modalite"))).isEqualTo(byModality);
        assertThat(counts(plasmid.get("facets").get("region"))).isEqualTo(byRegion);

        // A modality and a town: the sites making it in the town or within 50 km of its centre, and no other.
        JsonNode aavLyon = search("q=" + encode("AAV Lyon") + "&taille=100");
        Set<String> expected = keysWhere(site -> modalities(site).contains("AAV") && nearLyon(site));
        assertThat(expected).isNotEmpty();
        assertThat(keys(aavLyon)).isEqualTo(expected);
        assertThat(aavLyon.at("/terms/1/kind").asString()).isEqualTo("place");
        assertThat(aavLyon.at("/terms/1/name").asString()).isEqualTo("Lyon");

        // A volume and a stage written in the text are conditions too.
        JsonNode mab = search("q=" + encode("anticorps monoclonaux 2000L commercial") + "&taille=100");
        assertThat(mab.get("droppedTerms")).isEmpty();
        assertThat(sites(mab, 1)).isNotEmpty();
        assertThat(mab.get("results")).allSatisfy(hit -> {
            assertThat(hit.get("modalities").toString()).contains("MAB");
            assertThat(hit.get("largestVolumeLitres").asDouble()).isGreaterThanOrEqualTo(2000);
        });
    }

    @Test
    void whenNoSiteMeetsEveryPartTheAnswerSaysWhichItLeftOut() throws Exception {
        Set<String> geneTherapy = Set.of("AAV", "LENTIVIRUS", "OTHER_VIRAL_VECTOR", "GENE_MODIFIED_CELLS");
        assertThat(keysWhere(site -> !java.util.Collections.disjoint(modalities(site), geneTherapy)
                        && distanceKm(site, 43.6043, 1.4437) <= 50))
                .as("no gene therapy site near Toulouse in the demo catalogue")
                .isEmpty();
        JsonNode answer = search("q=" + encode("thérapie génique Toulouse") + "&taille=100");
        assertThat(answer.get("droppedTerms").toString()).isEqualTo("[\"Toulouse\"]");
        assertThat(answer.get("total").asLong()).isPositive();
        assertThat(answer.get("results"))
                .allSatisfy(hit ->
                        assertThat(hit.get("modalities").toString()).containsAnyOf(geneTherapy.toArray(String[]::new)));

        Document page = portal.get("/recherche?q=" + encode("thérapie génique Toulouse"))
                .document();
        assertThat(page.select("#search-relaxed").text())
                .isEqualTo(
                        "Aucun site ne correspond à tous les termes ; résultats pour « thérapie génique » sans « Toulouse »");
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
        List<JsonNode> top = sites(search("q=" + encode("therapie genique lyon")), 3);
        Set<String> nearLyon = keysWhere(this::nearLyon);
        assertThat(top).allSatisfy(hit -> {
            assertThat(nearLyon).contains(hit.get("key").asString());
            assertThat(hit.get("modalities").toString())
                    .containsAnyOf("AAV", "LENTIVIRUS", "GENE_MODIFIED_CELLS", "OTHER_VIRAL_VECTOR");
        });
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
    void thePageShowsResultsFacetsPlaceTagsAndCorrections() throws Exception {
        PortalClient.Page page = portal.get("/recherche?q=" + encode("mAb") + "&modalite=MAB");
        assertThat(page.status()).isEqualTo(200);
        Document html = page.document();
        assertThat(html.select(".search-result")).isNotEmpty();
        // Each result names the concepts of the query it carries.
        assertThat(html.select(".search-result mark").text()).containsIgnoringCase("anticorps monoclonaux");
        assertThat(html.select("#facet-modalite input[value=MAB][checked]")).hasSize(1);
        assertThat(html.select("#search-active a.search-remove").attr("href")).isEqualTo("/recherche?q=mAb");

        // A town read from the text is a filter tag that removes it from the text.
        Document lyon = portal.get("/recherche?q=" + encode("AAV Lyon")).document();
        assertThat(lyon.select("#search-active a.search-remove").text()).isEqualTo("À moins de 50 km de Lyon");
        assertThat(lyon.select("#search-active a.search-remove").attr("href")).isEqualTo("/recherche?q=AAV");

        PortalClient.Page nothing =
                portal.get("/recherche?q=" + encode("Garone") + "&region=94&modalite=BLOOD_DERIVED");
        assertThat(nothing.document().select("#search-empty")).hasSize(1);
        assertThat(nothing.document().select("#search-empty a.search-relax")).hasSize(2);
        // The correction is a word of the catalogue, capitalised as typed.
        assertThat(nothing.document().select("#search-suggestion").text()).isEqualTo("Garonne");

        // A word spelt right gets no correction, even when filters leave no site.
        String noSite = "&region=94&modalite=BLOOD_DERIVED";
        JsonNode right = search("q=" + encode("Garonne") + noSite);
        assertThat(right.get("total").asLong()).isZero();
        assertThat(right.get("suggestion").isNull()).isTrue();
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

    private Set<String> keysWhere(java.util.function.Predicate<JsonNode> test) {
        Set<String> keys = new TreeSet<>();
        for (JsonNode site : sitesOf(export)) {
            if (test.test(site)) {
                keys.add(site.path("key").asString());
            }
        }
        return keys;
    }

    private static Set<String> modalities(JsonNode site) {
        Set<String> modalities = new HashSet<>();
        site.path("capabilities").forEach(c -> modalities.add(c.path("modality").asString()));
        return modalities;
    }

    /** In Lyon or within 50 km of its centre (the gazetteer's point), as a town in the text means. */
    private boolean nearLyon(JsonNode site) {
        return site.path("address").path("city").asString().equals("Lyon") || distanceKm(site, 45.7491, 4.8479) <= 50;
    }

    private static double distanceKm(JsonNode site, double lat, double lon) {
        double lat1 = Math.toRadians(site.path("location").path("lat").asDouble());
        double lat2 = Math.toRadians(lat);
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(lon - site.path("location").path("lon").asDouble());
        double a = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
    }

    private static Map<String, Long> counts(JsonNode buckets) {
        Map<String, Long> counts = new TreeMap<>();
        buckets.forEach(
                b -> counts.put(b.get("value").asString(), b.get("count").asLong()));
        return counts;
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
