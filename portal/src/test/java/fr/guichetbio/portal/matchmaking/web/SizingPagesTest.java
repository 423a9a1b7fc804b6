package fr.guichetbio.portal.matchmaking.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.matchmaking.sizing.CellTherapyRequest;
import fr.guichetbio.portal.matchmaking.sizing.Input;
import fr.guichetbio.portal.matchmaking.sizing.Modality;
import fr.guichetbio.portal.matchmaking.sizing.ProteinRequest;
import fr.guichetbio.portal.matchmaking.sizing.SizingRequest;
import fr.guichetbio.portal.matchmaking.sizing.Step;
import fr.guichetbio.portal.matchmaking.sizing.Unit;
import fr.guichetbio.portal.matchmaking.sizing.ViralVectorRequest;
import fr.guichetbio.portal.support.TestDatabase;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The calculator's page (form, field errors, formulas written out, FR/EN) and its API (result, problem+json with the
 * fields), anonymous, with the whole application on a throwaway database.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false"
        })
@AutoConfigureMockMvc
class SizingPagesTest {

    private static final String ANTIBODY_50_KG = "/mise-en-relation/dimensionnement?modalite=proteines&quantite=50"
            + "&titre=3&rendement=70&reussite=90&volume=2000&cadence=3&mois=11";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MessageSource messages;

    private Document page(String url, int expectedStatus) throws Exception {
        return Jsoup.parse(mvc.perform(get(url))
                .andExpect(status().is(expectedStatus))
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    @Test
    void theLandingPageLeadsToTheCalculatorAndTheBrief() throws Exception {
        Document page = page("/mise-en-relation", 200);

        assertThat(page.select("#matchmaking-sizing-link").attr("href")).isEqualTo("/mise-en-relation/dimensionnement");
        assertThat(page.select("#matchmaking-modalities a").eachAttr("href"))
                .containsExactly(
                        "/mise-en-relation/dimensionnement?modalite=proteines",
                        "/mise-en-relation/dimensionnement?modalite=vecteurs-viraux",
                        "/mise-en-relation/dimensionnement?modalite=therapies-cellulaires");
        assertThat(page.select("#matchmaking-brief").text()).contains("Cahier des charges");
        assertThat(page.select("#matchmaking-brief-link").attr("href"))
                .isEqualTo("/mise-en-relation/cahier-des-charges");
        assertThat(page.text()).doesNotContain("Bientôt disponible");
    }

    @Test
    void anEmptyFormShowsTheDefaultsButNeitherErrorsNorResult() throws Exception {
        Document page = page("/mise-en-relation/dimensionnement", 200);

        assertThat(page.select("form#sizing-form").attr("method")).isEqualTo("get");
        assertThat(page.select("#sizing-tab-proteines").attr("aria-current")).isEqualTo("page");
        assertThat(page.select("#sizing-quantite").attr("value")).isEmpty();
        assertThat(page.select("#sizing-titre").attr("value")).isEqualTo("3");
        assertThat(page.select("label[for=sizing-titre]").text()).contains("Titre", "g/L");
        assertThat(page.select(".fr-error-text, #sizing-invalid, #sizing-result"))
                .isEmpty();
        assertThat(page.select("script:not([src]), style, [style]"))
                .as("inline script or style")
                .isEmpty();
    }

    @Test
    void theAntibodyExampleIsWrittenOutStepByStep() throws Exception {
        Document page = page(ANTIBODY_50_KG, 200);

        assertThat(page.select("#sizing-batches").text()).isEqualTo("14 lots/an");
        assertThat(page.select("#sizing-litres").text()).isEqualTo("28\u202F000 L/an");
        assertThat(page.select("#sizing-litresNeeded").text()).isEqualTo("26\u202F455 L/an");
        assertThat(page.select("#sizing-trains").text()).isEqualTo("1 train(s)");
        assertThat(page.select("#sizing-standard").text()).isEqualTo("801,7 L par lot : entre 500 L et 1\u202F000 L");
        assertThat(page.select("#sizing-step-productPerBatch").text())
                .contains("volume utile × titre × rendement aval")
                .contains("2\u202F000 L × 3 g/L × 70 % ÷ 1 000 = 4,2 kg");
        assertThat(page.select("#sizing-step-batchesStarted").text())
                .contains("11,905 lots/an ÷ 90 % = 13,228 lots/an");
        assertThat(page.select("#sizing-step-trains").text()).contains("⌈14 lots/an ÷ 33 lots/train/an⌉ = 1 train(s)");
        assertThat(page.select("#sizing-options tbody tr")).hasSize(10);
        assertThat(page.select("#sizing-options .sizing-option-chosen th").text())
                .startsWith("2\u202F000 L");
        assertThat(page.select("#sizing-permalink").attr("href")).isEqualTo(ANTIBODY_50_KG);
        assertThat(page.select("#sizing-api-link").attr("href"))
                .isEqualTo(ANTIBODY_50_KG.replace("/mise-en-relation/dimensionnement", "/api/dimensionnement"));
        // The brief takes the antibody, its 50 kg a year, the 2,000 L batch and the sizing's own link.
        assertThat(page.select("#sizing-brief").attr("href"))
                .startsWith(
                        "/mise-en-relation/cahier-des-charges?modalite=MAB&quantite=50&litres=2000&dimensionnement=");
    }

    @Test
    void inEnglish() throws Exception {
        Document page = page(ANTIBODY_50_KG + "&lang=en", 200);

        assertThat(page.select("h1").text()).isEqualTo("Size a production need");
        assertThat(page.select("#sizing-batches").text()).isEqualTo("14 batches/yr");
        assertThat(page.select("#sizing-litres").text()).isEqualTo("28,000 L/yr");
        assertThat(page.select("#sizing-step-productPerBatch").text())
                .contains("2,000 L × 3 g/L × 70 % ÷ 1,000 = 4.2 kg");
    }

    @Test
    void viralVectorsAndCellTherapiesGiveTheirHeadlines() throws Exception {
        Document aav = page(
                "/mise-en-relation/dimensionnement?modalite=vecteurs-viraux&vecteur=AAV&base=kg&dose=1e14&poids=20"
                        + "&patients=100&productivite=1e14&rendement=30&reussite=90&volume=500",
                200);
        assertThat(aav.select("#sizing-batches").text()).isEqualTo("15 lots/an");
        assertThat(aav.select("#sizing-litres").text()).isEqualTo("7\u202F500 L/an");
        assertThat(aav.select("#sizing-step-dosePerPatient").text())
                .contains("1 × 10¹⁴ vg/kg × 20 kg = 2 × 10¹⁵ vg/patient");

        Document cells = page(
                "/mise-en-relation/dimensionnement?modalite=therapies-cellulaires&patients=200&type=autologue"
                        + "&reussite=90&duree=10&parallele=2&jours=330",
                200);
        assertThat(cells.select("#sizing-batches").text()).isEqualTo("223 lots/an");
        assertThat(cells.select("#sizing-suites").text()).isEqualTo("4 salle(s)");
        assertThat(cells.select("#sizing-doses").attr("value")).isEmpty();
    }

    @Test
    void invalidFieldsGetTheirMessagesNextToThemAndInTheSummary() throws Exception {
        Document page = page(
                "/mise-en-relation/dimensionnement?modalite=proteines&quantite=0&titre=abc&rendement=70&reussite=90"
                        + "&volume=2000&cadence=3&mois=",
                400);

        assertThat(page.select(".fr-input-group--error input").eachAttr("name"))
                .containsExactly("quantite", "titre", "mois");
        assertThat(page.select("#sizing-quantite").attr("aria-describedby")).isEqualTo("sizing-quantite-error");
        assertThat(page.select("#sizing-quantite-error").text())
                .startsWith("Saisissez une valeur entre 0,001 kg/an et 100\u202F000 kg/an : de 1 g par an");
        assertThat(page.select("#sizing-titre-error").text()).startsWith("Saisissez un nombre");
        assertThat(page.select("#sizing-mois-error").text()).isEqualTo("Ce champ est obligatoire.");
        // What was typed is kept, the wrong text included.
        assertThat(page.select("#sizing-titre").attr("value")).isEqualTo("abc");
        assertThat(page.select("#sizing-invalid a").eachAttr("href"))
                .containsExactly("#sizing-quantite", "#sizing-titre", "#sizing-mois");
        assertThat(page.select("#sizing-result")).isEmpty();
    }

    @Test
    void theApiAnswersTheResultWithItsSteps() throws Exception {
        mvc.perform(get(ANTIBODY_50_KG.replace("/mise-en-relation/dimensionnement", "/api/dimensionnement")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.modality").value("proteines"))
                .andExpect(jsonPath("$.parameters.quantite").value("50"))
                .andExpect(jsonPath("$.page").value(ANTIBODY_50_KG))
                .andExpect(jsonPath("$.sizing.batchesPerYear").value(14))
                .andExpect(jsonPath("$.sizing.litresPerYear").value(28000.0))
                .andExpect(jsonPath("$.sizing.trains").value(1))
                .andExpect(jsonPath("$.sizing.steps[0].name").value("productPerBatch"))
                .andExpect(jsonPath("$.sizing.steps[0].result.value").value(4.2))
                .andExpect(jsonPath("$.sizing.steps[0].result.unit").value("KG"))
                .andExpect(jsonPath("$.sizing.options.length()").value(10));
    }

    @Test
    void theApiRefusesInvalidInputWithProblemJsonListingTheFields() throws Exception {
        mvc.perform(get("/api/dimensionnement?modalite=proteines&quantite=-5&titre=3&rendement=0&reussite=90"
                        + "&volume=2000&cadence=3&mois=11"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[0].field").value("quantite"))
                .andExpect(jsonPath("$.errors[0].kind").value("RANGE"))
                .andExpect(jsonPath("$.errors[0].min").value(0.001))
                .andExpect(jsonPath("$.errors[0].unit").value("KG_PER_YEAR"))
                .andExpect(jsonPath("$.errors[1].field").value("rendement"));
        mvc.perform(get("/api/dimensionnement"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("modalite"))
                .andExpect(jsonPath("$.errors[0].kind").value("REQUIRED"));
    }

    @Test
    void theApiIsDescribedInThePublicOpenApiFile() throws Exception {
        String yaml = mvc.perform(get("/api/openapi.yaml"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(yaml).contains("/api/dimensionnement", "SizingAnswer", "therapies-cellulaires");
    }

    /** Every step, unit and reason the calculators can produce has its messages in both languages. */
    @Test
    void everyStepUnitAndReasonHasItsMessages() {
        List<SizingRequest> requests = List.of(
                new ProteinRequest(50, 3, 70, 90, 2_000, 3, 11),
                new ViralVectorRequest(
                        ViralVectorRequest.Vector.AAV,
                        ViralVectorRequest.DoseBasis.PER_KG,
                        1e14,
                        20,
                        100,
                        1e14,
                        30,
                        90,
                        500),
                new CellTherapyRequest(200, CellTherapyRequest.Source.AUTOLOGOUS, 1, 90, 10, 2, 330),
                new CellTherapyRequest(1_000, CellTherapyRequest.Source.ALLOGENEIC, 100, 90, 21, 1, 330));
        for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
            for (SizingRequest request : requests) {
                for (Step step : request.size().steps()) {
                    for (String part : List.of("label", "formula", "numbers")) {
                        assertThat(messages.getMessage("sizing.step." + step.name() + "." + part, null, null, locale))
                                .as(step.name() + "." + part)
                                .isNotBlank();
                    }
                }
            }
            for (Unit unit : Unit.values()) {
                assertThat(messages.getMessage("sizing.unit." + unit.name(), null, null, locale))
                        .isNotBlank();
            }
            for (Input input : Input.values()) {
                assertThat(messages.getMessage(input.messageKey(), null, null, locale))
                        .isNotBlank();
                assertThat(messages.getMessage("sizing.field." + input.parameter() + ".hint", null, null, locale))
                        .isNotBlank();
            }
            for (Modality modality : Modality.values()) {
                assertThat(messages.getMessage("sizing.modality." + modality.name(), null, null, locale))
                        .isNotBlank();
            }
        }
    }
}
