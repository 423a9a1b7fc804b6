package fr.guichetbio.portal.catalogue.listing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.catalogue.CatalogueDocument;
import fr.guichetbio.portal.catalogue.exchange.CatalogueImport;
import fr.guichetbio.portal.catalogue.exchange.DemoCatalogue;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * The page "Technologies de production" on a generated catalogue: every figure is the number of sites (and of their
 * organisations) that declare the technology, counted independently here from the catalogue document itself; the CSV
 * carries the same figures; an organisation no longer active takes its sites out of the counts.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false"
        })
@AutoConfigureMockMvc
class TechnologyAdoptionTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    CatalogueImport catalogueImport;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    MockMvc mvc;

    private CatalogueDocument catalogue;

    @BeforeEach
    void aGeneratedCatalogue() {
        TestEvents.awaitDelivered(jdbc);
        jdbc.sql("delete from site").update();
        jdbc.sql("delete from outbox").update();
        jdbc.sql("delete from organisation").update();
        catalogue = DemoCatalogue.generate(DemoCatalogue.SEED, 20, 40, LocalDate.of(2026, 12, 1));
        assertThat(catalogueImport
                        .importDocument(
                                json.writeValueAsString(catalogue),
                                CatalogueImport.Options.system(false),
                                Locale.FRENCH)
                        .errors())
                .isEmpty();
    }

    @Test
    void everyFigureIsTheSitesDeclaringTheTechnology() throws Exception {
        Map<String, Set<String>> sites = new HashMap<>();
        Map<String, Set<String>> organisations = new HashMap<>();
        Map<String, Set<String>> byRegion = new HashMap<>();
        for (CatalogueDocument.Org org : catalogue.organisations()) {
            for (CatalogueDocument.Site site : org.sites()) {
                Set<String> declared = new HashSet<>();
                site.capabilities().stream()
                        .filter(c -> c.technologies() != null)
                        .forEach(c -> declared.addAll(c.technologies()));
                for (String technology : declared) {
                    sites.computeIfAbsent(technology, t -> new HashSet<>()).add(site.key());
                    organisations
                            .computeIfAbsent(technology, t -> new HashSet<>())
                            .add(org.key());
                    if ("FR".equals(site.address().country())) {
                        byRegion.computeIfAbsent(
                                        technology + " " + site.address().regionCode(), k -> new HashSet<>())
                                .add(site.key());
                    }
                }
            }
        }
        assertThat(sites).as("the generated catalogue declares technologies").isNotEmpty();

        Document page = Jsoup.parse(mvc.perform(get("/technologies-de-production"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        for (Element row : page.select("#technologies-summary tbody tr")) {
            String technology = row.attr("data-technology");
            assertThat(figure(row, 1))
                    .as(technology)
                    .isEqualTo(sites.getOrDefault(technology, Set.of()).size());
            assertThat(figure(row, 2))
                    .as(technology)
                    .isEqualTo(organisations.getOrDefault(technology, Set.of()).size());
        }
        assertThat(page.select("#technologies-summary tbody tr")).hasSize(9);
        int regionRows = 0;
        for (Element row : page.select("table[id$=-regions] tbody tr[data-code]")) {
            String technology = row.closest("table").id().replaceAll("^technology-(.*)-regions$", "$1");
            String key = technology + " " + row.attr("data-code");
            assertThat(figure(row, 1)).as(key).isEqualTo(byRegion.get(key).size());
            assertThat(row.selectFirst("a").attr("href"))
                    .isEqualTo("/recherche?technologie=" + technology + "&region=" + row.attr("data-code"));
            regionRows++;
        }
        assertThat(regionRows).isEqualTo(byRegion.size());
        assertThat(page.select("table[id$=-modalities] tbody tr[data-code] a").eachAttr("href"))
                .isNotEmpty()
                .allMatch(href -> href.matches("/recherche\\?technologie=[A-Z_]+&modalite=[A-Z_]+"));

        String csv = mvc.perform(get("/technologies-de-production.csv"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        java.util.List<org.apache.commons.csv.CSVRecord> records = org.apache.commons.csv.CSVFormat.RFC4180
                .builder()
                .setHeader()
                .get()
                .parse(new java.io.StringReader(csv))
                .getRecords();
        for (org.apache.commons.csv.CSVRecord record : records) {
            String technology = record.get("technology");
            assertThat(record.get("technology_label"))
                    .isEqualTo(java.util.ResourceBundle.getBundle(
                                    "messages",
                                    Locale.FRENCH,
                                    java.util.ResourceBundle.Control.getNoFallbackControl(
                                            java.util.ResourceBundle.Control.FORMAT_PROPERTIES))
                            .getString("vocabulary.technology." + technology));
            if (record.get("breakdown").equals("total")) {
                assertThat(Long.parseLong(record.get("sites")))
                        .isEqualTo(sites.getOrDefault(technology, Set.of()).size());
                assertThat(Long.parseLong(record.get("organisations")))
                        .isEqualTo(
                                organisations.getOrDefault(technology, Set.of()).size());
            } else if (record.get("breakdown").equals("region")) {
                assertThat(Long.parseLong(record.get("sites")))
                        .isEqualTo(byRegion.get(technology + " " + record.get("code"))
                                .size());
            }
        }
        assertThat(records.stream().filter(r -> r.get("breakdown").equals("total")))
                .hasSize(9);
        assertThat(records.stream().filter(r -> r.get("breakdown").equals("region")))
                .hasSize(regionRows);
    }

    @Test
    void anInactiveOrganisationsSitesAreNotCounted() throws Exception {
        long before = totalSites();
        assertThat(before).isPositive();
        jdbc.sql("update organisation set status = 'PENDING'").update();
        assertThat(totalSites()).isZero();
    }

    private long totalSites() throws Exception {
        Document page = Jsoup.parse(mvc.perform(get("/technologies-de-production"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        return page.select("#technologies-summary tbody tr").stream()
                .mapToLong(row -> figure(row, 1))
                .sum();
    }

    private static long figure(Element row, int column) {
        return Long.parseLong(row.child(column).text());
    }
}
