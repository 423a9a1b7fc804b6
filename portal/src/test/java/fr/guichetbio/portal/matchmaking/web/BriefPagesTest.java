package fr.guichetbio.portal.matchmaking.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.support.TestDatabase;
import java.net.URI;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Writing briefs through the pages, with the whole application on a throwaway database (Elasticsearch unreachable:
 * the shortlist says so; ShortlistIT checks it against a real index): field errors with nothing saved, the audit
 * trail, duplicate, open and close, the edit lock, the sizing prefill.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false"
        })
@AutoConfigureMockMvc
class BriefPagesTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    private long member;
    private long outsider;
    private String slug;
    private long organisation;

    @BeforeEach
    void sponsorAndOutsider() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        member = MatchmakingPeople.person(jdbc, "brief-member-" + run);
        outsider = MatchmakingPeople.person(jdbc, "brief-outsider-" + run);
        slug = "brief-sponsor-" + run;
        organisation = MatchmakingPeople.organisation(jdbc, slug, "Sponsor " + slug, "SPONSOR");
        MatchmakingPeople.member(jdbc, organisation, member);
    }

    private String briefs() {
        return "/organisations/" + slug + "/cahiers-des-charges";
    }

    private static MockHttpServletRequestBuilder antibodyBrief(MockHttpServletRequestBuilder form) {
        return antibodyBrief(form, "Anticorps phase III");
    }

    private static MockHttpServletRequestBuilder antibodyBrief(MockHttpServletRequestBuilder form, String title) {
        return form.param("title", title)
                .param("modality", "MAB")
                .param("stage", "CLINICAL_LATE")
                .param("annualQuantityKg", "50")
                .param("litresPerBatch", "2 000")
                .param("services", "FILL_FINISH", "QC_TESTING")
                .param("region", "NEAR")
                .param("place", "Lyon")
                .param("radiusKm", "150")
                .param("minimumVerification", "DOCUMENT_CHECKED")
                .param("gmpRequired", "true")
                .param("_gmpRequired", "on")
                .param("_anonymous", "on");
    }

    private long create() throws Exception {
        MvcResult result = mvc.perform(antibodyBrief(post(briefs() + "/nouveau"))
                        .with(MatchmakingPeople.as(member))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        String location = result.getResponse().getRedirectedUrl();
        assertThat(location).startsWith(briefs() + "/");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private Document page(String url, long personId, int expected) throws Exception {
        return Jsoup.parse(mvc.perform(get(url).with(MatchmakingPeople.as(personId)))
                .andExpect(status().is(expected))
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    @Test
    void aMemberWritesABriefThatIsSavedAsTypedAndAudited() throws Exception {
        long id = create();

        var row = jdbc.sql("""
                        select title, modality, stage, annual_quantity_kg, litres_per_batch, services, region,
                               place_name, radius_km, minimum_verification, gmp_required, anonymous, status, created_by
                        from brief where id = :id
                        """).param("id", id).query().singleRow();
        assertThat(row.get("title")).isEqualTo("Anticorps phase III");
        assertThat(row.get("modality")).isEqualTo("MAB");
        assertThat(((java.math.BigDecimal) row.get("litres_per_batch")).doubleValue())
                .isEqualTo(2000.0);
        assertThat(row.get("place_name")).isEqualTo("Lyon");
        assertThat(row.get("radius_km")).isEqualTo(150);
        assertThat(row.get("gmp_required")).isEqualTo(true);
        // The unchecked box: "anonymous" defaults to true, the form's marker makes it false.
        assertThat(row.get("anonymous")).isEqualTo(false);
        assertThat(row.get("status")).isEqualTo("DRAFT");
        assertThat(row.get("created_by")).isEqualTo(member);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'brief.created' and target_id = :id")
                        .param("id", Long.toString(id))
                        .query(Long.class)
                        .single())
                .isOne();

        Document brief = page(briefs() + "/" + id, member, 200);
        assertThat(brief.select("h1").text()).isEqualTo("Anticorps phase III");
        assertThat(brief.select("#brief-summary").text()).contains("Anticorps monoclonaux", "2 000", "150 km de Lyon");
        assertThat(brief.text()).contains("momentanément indisponible");
        assertThat(page(briefs(), member, 200).select("#briefs td a").eachText())
                .contains("Anticorps phase III");
    }

    @Test
    void badFieldsAreEachNamedAndNothingIsSaved() throws Exception {
        long before = jdbc.sql("select count(*) from brief").query(Long.class).single();

        Document page = Jsoup.parse(mvc.perform(post(briefs() + "/nouveau")
                        .with(MatchmakingPeople.as(member))
                        .with(csrf())
                        .param("title", "x")
                        .param("modality", "NOT_A_MODALITY")
                        .param("litresPerBatch", "-5")
                        .param("annualQuantityKg", "beaucoup")
                        .param("startFrom", "2020-T1")
                        .param("region", "NEAR")
                        .param("place", "Atlantide")
                        .param("radiusKm", "0"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString());

        assertThat(page.select("#title-error").text()).contains("3 à 120");
        assertThat(page.select("#modality-error").text()).contains("modalité");
        assertThat(page.select("#litresPerBatch-error").text()).contains("0,1 et 50 000");
        assertThat(page.select("#annualQuantityKg-error").text()).contains("0,001");
        assertThat(page.select("#startFrom-error").text()).contains("trimestre en cours");
        assertThat(page.select("#place-error").text()).contains("inconnu");
        assertThat(page.select("#radiusKm-error").text()).contains("1 et 2 000");
        assertThat(page.select("#brief-errors a").eachAttr("href")).contains("#title", "#modality", "#place");
        assertThat(jdbc.sql("select count(*) from brief").query(Long.class).single())
                .isEqualTo(before);
    }

    @Test
    void aBriefRequiresOrPrefersTechnologiesButNotBoth() throws Exception {
        long before = jdbc.sql("select count(*) from brief").query(Long.class).single();
        Document refused = Jsoup.parse(mvc.perform(antibodyBrief(post(briefs() + "/nouveau"))
                        .with(MatchmakingPeople.as(member))
                        .with(csrf())
                        .param("technologies", "CONTINUOUS_UPSTREAM")
                        .param("preferredTechnologies", "CONTINUOUS_UPSTREAM", "PAT_ONLINE_CONTROL"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(refused.select("#preferredTechnologies .fr-error-text").text())
                .contains("soit exigée, soit souhaitée");
        // What was ticked stays ticked.
        assertThat(refused.select("#technologies input[checked]").eachAttr("value"))
                .containsExactly("CONTINUOUS_UPSTREAM");
        assertThat(jdbc.sql("select count(*) from brief").query(Long.class).single())
                .isEqualTo(before);

        MvcResult saved = mvc.perform(antibodyBrief(post(briefs() + "/nouveau"))
                        .with(MatchmakingPeople.as(member))
                        .with(csrf())
                        .param("technologies", "CONTINUOUS_UPSTREAM")
                        .param("preferredTechnologies", "PAT_ONLINE_CONTROL", "NOT_A_TECHNOLOGY"))
                .andReturn();
        assertThat(saved.getResponse().getStatus()).isEqualTo(422);
        assertThat(Jsoup.parse(saved.getResponse().getContentAsString())
                        .select("#preferredTechnologies .fr-error-text")
                        .text())
                .contains("Choisissez une valeur de la liste");

        String location = mvc.perform(antibodyBrief(post(briefs() + "/nouveau"))
                        .with(MatchmakingPeople.as(member))
                        .with(csrf())
                        .param("technologies", "CONTINUOUS_UPSTREAM")
                        .param("preferredTechnologies", "PAT_ONLINE_CONTROL", "PROCESS_MODELLING_DIGITAL_TWIN"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertThat(jdbc.sql("""
                        select array_to_string(technologies, ',') || ' / ' || array_to_string(preferred_technologies, ',')
                        from brief where id = :id
                        """).param("id", id).query(String.class).single())
                .isEqualTo("CONTINUOUS_UPSTREAM / PAT_ONLINE_CONTROL,PROCESS_MODELLING_DIGITAL_TWIN");
        Document shown = page(briefs() + "/" + id, member, 200);
        assertThat(shown.select("#brief-technologies").text()).isEqualTo("Amont continu ou intensifié (perfusion)");
        assertThat(shown.select("#brief-preferredTechnologies").text())
                .contains("Contrôle en ligne des procédés", "jumeau numérique");
    }

    @Test
    void outsidersGetTheNotFoundOfAnUnknownBrief() throws Exception {
        long id = create();

        page(briefs() + "/" + id, outsider, 404);
        page(briefs(), outsider, 404);
        mvc.perform(post(briefs() + "/" + id + "/clore")
                        .with(MatchmakingPeople.as(outsider))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("select status from brief where id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("DRAFT");
    }

    @Test
    void aStaleFormSavesNothingAndAClosedBriefIsReadOnly() throws Exception {
        long id = create();
        mvc.perform(antibodyBrief(post(briefs() + "/" + id + "/modifier"), "Première modification")
                        .param("version", "0")
                        .with(MatchmakingPeople.as(member))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        // A second form opened at version 0: refused, the first change kept.
        mvc.perform(antibodyBrief(post(briefs() + "/" + id + "/modifier"), "Modification perdue")
                        .param("version", "0")
                        .with(MatchmakingPeople.as(member))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select title from brief where id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("Première modification");

        mvc.perform(post(briefs() + "/" + id + "/ouvrir")
                        .with(MatchmakingPeople.as(member))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post(briefs() + "/" + id + "/clore")
                        .with(MatchmakingPeople.as(member))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(antibodyBrief(post(briefs() + "/" + id + "/modifier"))
                        .param("version", "2")
                        .with(MatchmakingPeople.as(member))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select status || ' ' || title from brief where id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("CLOSED Première modification");
        assertThat(jdbc.sql("""
                        select string_agg(action, ',' order by id) from audit_entry
                        where target_type = 'brief' and target_id = :id
                        """)
                        .param("id", Long.toString(id))
                        .query(String.class)
                        .single())
                .isEqualTo("brief.created,brief.updated,brief.opened,brief.closed");
    }

    @Test
    void aDuplicateIsANewDraftWithTheSameNeed() throws Exception {
        long id = create();

        String location = mvc.perform(post(briefs() + "/" + id + "/dupliquer")
                        .with(MatchmakingPeople.as(member))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();

        long copy = Long.parseLong(location.replace("/modifier", "").substring(briefs().length() + 1));
        assertThat(copy).isNotEqualTo(id);
        assertThat(jdbc.sql("""
                        select title || '|' || modality || '|' || litres_per_batch || '|' || status
                        from brief where id = :id
                        """).param("id", copy).query(String.class).single())
                .isEqualTo("Anticorps phase III (copie)|MAB|2000.0|DRAFT");
    }

    @Test
    void aSizingResultPrefillsTheBriefOfThePersonsOrganisation() throws Exception {
        String sizing = "/mise-en-relation/dimensionnement?modalite=proteines&quantite=50&titre=3&rendement=70"
                + "&reussite=90&volume=2000&cadence=3&mois=11";
        Document result = page(sizing, member, 200);
        String start = result.select("#sizing-brief").attr("href");

        // One organisation: straight to its form, prefilled.
        // URI.create: the links are already encoded (get(String) would encode them again, as a template).
        String form = mvc.perform(get(URI.create(start)).with(MatchmakingPeople.as(member)))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(form).startsWith(briefs() + "/nouveau?");
        Document page = Jsoup.parse(mvc.perform(get(URI.create(form)).with(MatchmakingPeople.as(member)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(page.select("#modality option[selected]").attr("value")).isEqualTo("MAB");
        assertThat(page.select("#annualQuantityKg").val()).isEqualTo("50");
        assertThat(page.select("#litresPerBatch").val()).isEqualTo("2000");
        assertThat(page.select("#brief-from-sizing a").attr("href")).contains("quantite=50", "volume=2000");

        // No organisation: told to join one first.
        assertThat(Jsoup.parse(mvc.perform(get(URI.create(start)).with(MatchmakingPeople.as(outsider)))
                                .andExpect(status().isOk())
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                        .select("#brief-start-none"))
                .hasSize(1);
    }
}
