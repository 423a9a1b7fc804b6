package fr.guichetbio.portal.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.support.TestDatabase;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The search page and API with Elasticsearch down (nothing listens on its port in the portal's tests): a clear 503
 * with a way to the browse pages, parameter validation before any search, and the pieces that never need
 * Elasticsearch (OpenAPI file, gazetteer, autocomplete degrading to nothing).
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false"
        })
@AutoConfigureMockMvc
class SearchPagesTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    MockMvc mvc;

    private Document page(String url, int expectedStatus) throws Exception {
        String html = mvc.perform(get(url))
                .andExpect(status().is(expectedStatus))
                .andReturn()
                .getResponse()
                .getContentAsString();
        return Jsoup.parse(html);
    }

    @Test
    void elasticsearchDownGivesA503PageWithTheBrowseLinkAndTheSearchFormStillThere() throws Exception {
        Document page = page("/recherche?q=mAb&modalite=MAB", 503);
        assertThat(page.select("#search-unavailable").text()).contains("Recherche momentanément indisponible");
        assertThat(page.select("#search-browse-link").attr("href")).isEqualTo("/catalogue/parcourir");
        assertThat(page.select("label[for=search-q]").text()).contains("Rechercher");
        assertThat(page.select("#search-q").attr("value")).isEqualTo("mAb");
        assertThat(page.select("form#search-form").attr("method")).isEqualTo("get");
        assertThat(page.select("#search-submit")).hasSize(1);
        // The page uses htmx (the layout loads it only for pages with hx- attributes), configured for the CSP.
        assertThat(page.select("script[src^=/vendor/htmx/htmx.min]")).hasSize(1);
        assertThat(page.select("meta[name=htmx-config]").attr("content")).contains("\"includeIndicatorStyles\": false");
        // The active filter is still shown, and removable.
        assertThat(page.select("#search-active a.search-remove").text()).contains("Anticorps monoclonaux");
        assertThat(page.select("#search-active a.search-remove").attr("href")).isEqualTo("/recherche?q=mAb");
    }

    @Test
    void linksKeepWhatWasTypedPlusSignsAndAmpersandsIncluded() throws Exception {
        // Query parameters set as values: MockMvc would encode a '%' written in the URL once more.
        Document page = Jsoup.parse(mvc.perform(
                        get("/recherche").queryParam("q", "AAV+lentivirus & co").queryParam("modalite", "MAB"))
                .andExpect(status().is(503))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(page.select("#search-q").attr("value")).isEqualTo("AAV+lentivirus & co");
        assertThat(page.select("#search-active a.search-remove").attr("href"))
                .isEqualTo("/recherche?q=AAV%2Blentivirus+%26+co");
    }

    @Test
    void htmxGetsTheResultsAreaButAHistoryRestoreGetsTheWholePage() throws Exception {
        String area = mvc.perform(get("/recherche?q=mAb").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string("Vary", org.hamcrest.Matchers.containsString("HX-Request")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(Jsoup.parse(area).select("form#search-form")).isEmpty();
        String restored = mvc.perform(get("/recherche?q=mAb")
                        .header("HX-Request", "true")
                        .header("HX-History-Restore-Request", "true"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(Jsoup.parse(restored).select("form#search-form")).hasSize(1);
    }

    @Test
    void inEnglish() throws Exception {
        Document page = page("/recherche?lang=en", 503);
        assertThat(page.select("#search-unavailable").text()).contains("Search temporarily unavailable");
        assertThat(page.select("#search-browse-link").text()).isEqualTo("browse the catalogue");
    }

    @Test
    void htmxGetsTheAreaFragmentOnly() throws Exception {
        String html = mvc.perform(get("/recherche?q=aav").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        Document fragment = Jsoup.parseBodyFragment(html);
        assertThat(fragment.select("#search-area")).hasSize(1);
        assertThat(fragment.select("#search-unavailable")).hasSize(1);
        assertThat(fragment.select("header, footer, #search-form")).isEmpty();
    }

    @Test
    void invalidParametersAreRefusedWithAMessageOnTheirField() throws Exception {
        Document unknownPlace = page("/recherche?lieu=Nullepartville", 400);
        assertThat(unknownPlace.select("#search-place-error").text()).contains("introuvable");
        assertThat(unknownPlace.select("#search-place").attr("aria-describedby"))
                .isEqualTo("search-place-error");
        assertThat(unknownPlace.select("#search-unavailable")).isEmpty();

        Document unknownCode = page("/recherche?modalite=NOPE", 400);
        assertThat(unknownCode.select("#search-errors").text()).contains("valeur inconnue");

        Document distanceWithoutPlace = page("/recherche?tri=distance", 400);
        assertThat(distanceWithoutPlace.select("#search-sort-error").text()).contains("distance");
    }

    @Test
    void aKnownPlaceIsValidAndKeptInTheUrlState() throws Exception {
        Document page = page("/recherche?lieu=69003&rayon=25&tri=distance", 503);
        assertThat(page.select("#search-place").attr("value")).isEqualTo("69003");
        assertThat(page.select("#search-radius option[selected]").attr("value")).isEqualTo("25");
        assertThat(page.select("#search-active a.search-remove").text()).contains("25 km", "69003");
    }

    @Test
    void theApiAnswers503ProblemJsonWhenElasticsearchIsDown() throws Exception {
        mvc.perform(get("/api/search").param("q", "aav"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.instance").value("/api/search"));
    }

    @Test
    void theApiRefusesBadParametersWithTheListOfFields() throws Exception {
        mvc.perform(get("/api/search").param("taille", "500").param("modalite", "NOPE"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[?(@.field == 'taille')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'modalite')]").exists());
        mvc.perform(get("/api/search").param("page", "abc")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/search").param("lieu", "Nullepartville"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("lieu"));
    }

    @Test
    void theOpenApiDescriptionIsServed() throws Exception {
        String yaml = mvc.perform(get("/api/openapi.yaml"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(yaml).contains("openapi: 3.1.0", "/api/search", "modalite", "problem+json");
    }

    @Test
    void autocompleteDegradesToAnEmptyListWhenElasticsearchIsDown() throws Exception {
        Document fragment = Jsoup.parseBodyFragment(
                mvc.perform(get("/recherche/suggestions").param("q", "lyo"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(fragment.select("datalist#search-suggestions")).hasSize(1);
        assertThat(fragment.select("datalist#search-suggestions option")).isEmpty();
    }

    @Test
    void theHeaderLinksToTheSearchPage() throws Exception {
        Document home = page("/", 200);
        assertThat(home.select("#header-navigation a[href=/recherche]")).hasSize(1);
    }
}
