package fr.guichetbio.portal.catalogue.listing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.support.TestDatabase;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The public catalogue pages on a throwaway PostgreSQL database, with Elasticsearch unreachable. */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1"
        })
@AutoConfigureMockMvc
class CataloguePagesTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    final LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));

    @Test
    void sitePageShowsCapabilitiesEvidenceFutureSlotsAndSchemaOrgData() throws Exception {
        String suffix = suffix();
        long org = organisation("Bio " + suffix, "ACTIVE");
        long site = site(org, "lyon-" + suffix, "Site de Lyon " + suffix, "84");
        long mab = capability(site, 0, "MAB", "{UPSTREAM,DOWNSTREAM}", "{CLINICAL_EARLY,COMMERCIAL}", "{CHO}");
        bioreactor(mab, "SINGLE_USE", "2000", 3);
        evidence(site, 0, "GMP_CERTIFICATE", today.minusYears(4), "REGISTRY_MATCHED", true);
        evidence(site, 1, "MANUFACTURING_AUTHORISATION", today.minusMonths(6), "SELF_DECLARED", false);
        slot(site, 0, today.minusMonths(6), today.minusDays(1), "MAB");
        slot(site, 1, LocalDate.of(2027, 7, 1), LocalDate.of(2027, 9, 30), "MAB");

        Document page = html(mvc.perform(get("/sites/lyon-" + suffix)).andExpect(status().isOk()));
        assertThat(page.getElementById("site-name").text()).isEqualTo("Site de Lyon " + suffix);
        assertThat(page.getElementById("site-organisation").attr("href")).isEqualTo("/organisations/bio-" + suffix);
        assertThat(page.getElementById("site-region").text()).isEqualTo("Auvergne-Rhône-Alpes");
        assertThat(page.select("#capabilities-table .capability-modality").text())
                .isEqualTo("Anticorps monoclonaux");
        assertThat(page.select("#capabilities-table .capability-service").eachText())
                .containsExactly("Production amont (USP)", "Purification aval (DSP)");
        assertThat(page.select("#bioreactors-table .bioreactor-volume").text()).isEqualTo("2000");
        List<Element> evidence = page.select("#gmp-table .gmp-evidence");
        assertThat(evidence).hasSize(2);
        assertThat(evidence.get(0).select(".gmp-verification").attr("data-level"))
                .isEqualTo("REGISTRY_MATCHED");
        assertThat(evidence.get(0).select(".gmp-verification").hasClass("fr-badge--success"))
                .isTrue();
        assertThat(evidence.get(0).select(".gmp-checked").text()).contains(today.toString());
        assertThat(evidence.get(0).select(".gmp-stale")).hasSize(1);
        assertThat(evidence.get(1).select(".gmp-verification").attr("data-level"))
                .isEqualTo("SELF_DECLARED");
        assertThat(evidence.get(1).select(".gmp-stale")).isEmpty();
        assertThat(evidence.get(1).select(".gmp-checked")).isEmpty();
        // Only the slot that ends today or later, in its quarter.
        assertThat(page.select(".capacity-slot")).hasSize(1);
        assertThat(page.select(".quarter-label").eachText()).containsExactly("T3 2027");
        assertThat(page.select("link[rel=canonical]").attr("href")).isEqualTo("http://localhost/sites/lyon-" + suffix);
        JsonNode data = JsonMapper.builder()
                .build()
                .readTree(page.select("script[type=application/ld+json]").html());
        assertThat(data.get("name").asString()).isEqualTo("Site de Lyon " + suffix);
        assertThat(data.get("@context").asString()).isEqualTo("https://schema.org");
        assertThat(page.select("[style]")).isEmpty();
        assertThat(page.select("script:not([src]):not([type=application/ld+json])"))
                .isEmpty();
        assertThat(page.getElementById("contact-sign-in")).isNotNull();
        assertThat(page.getElementById("contact-link")).isNull();

        Document signedIn = html(
                mvc.perform(get("/sites/lyon-" + suffix).with(signedIn(suffix))).andExpect(status().isOk()));
        assertThat(signedIn.getElementById("contact-link").attr("href")).isEqualTo("/organisations/bio-" + suffix);

        Document english = html(
                mvc.perform(get("/sites/lyon-" + suffix).param("lang", "en")).andExpect(status().isOk()));
        assertThat(english.select("#capabilities-table .capability-modality").text())
                .isEqualTo("Monoclonal antibodies");
        assertThat(english.select(".quarter-label").eachText()).containsExactly("Q3 2027");

        Document organisation =
                html(mvc.perform(get("/organisations/bio-" + suffix)).andExpect(status().isOk()));
        assertThat(organisation.select("#organisation-sites a.site-link").attr("href"))
                .isEqualTo("/sites/lyon-" + suffix);
    }

    @Test
    void schemaOrgDataCannotOpenACommentOrAScriptInThePage() throws Exception {
        String suffix = suffix();
        // An HTML comment opened inside a script element swallows the rest of the page in Chromium.
        String name = "Commentaire <!--<script> Bio & Co " + suffix;
        long org = organisation("commentaire-" + suffix, name, "ACTIVE");
        String siteName = "Site </script><script>alert(1)</script> " + suffix;
        long site = site(org, "commentaire-" + suffix, siteName, "84");
        capability(site, 0, "MAB", "{UPSTREAM}", "{COMMERCIAL}", null);

        String html = mvc.perform(get("/sites/commentaire-" + suffix))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        Matcher block = Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(block.find()).isTrue();
        String jsonLd = block.group(1);
        assertThat(jsonLd).doesNotContain("<!--", "<script", "</", "<", ">", "&");
        assertThat(jsonLd).contains("\\u003c!--\\u003cscript\\u003e", "\\u0026");
        JsonNode data = JsonMapper.builder().build().readTree(jsonLd);
        assertThat(data.get("name").asString()).isEqualTo(siteName);
        assertThat(data.get("parentOrganization").get("name").asString()).isEqualTo(name);
        // The rest of the page is there: the script element ended where it should.
        Document page = Jsoup.parse(html);
        assertThat(page.select("script[type=application/ld+json]")).hasSize(1);
        assertThat(page.getElementById("site-name").text()).isEqualTo(siteName);
    }

    @Test
    void absoluteUrlsComeFromTheConfiguredBaseNotFromTheHostHeader() throws Exception {
        String suffix = suffix();
        long org = organisation("Hote " + suffix, "ACTIVE");
        long site = site(org, "hote-" + suffix, "Hote " + suffix, "84");
        capability(site, 0, "MAB", "{UPSTREAM}", "{COMMERCIAL}", null);

        // guichet.public-base-url is http://localhost in the tests (application-test.properties).
        Document page = html(mvc.perform(get("/sites/hote-" + suffix).header("Host", "evil.example:8443"))
                .andExpect(status().isOk()));
        assertThat(page.select("link[rel=canonical]").attr("href")).isEqualTo("http://localhost/sites/hote-" + suffix);
        JsonNode data = JsonMapper.builder()
                .build()
                .readTree(page.select("script[type=application/ld+json]").html());
        assertThat(data.get("url").asString()).isEqualTo("http://localhost/sites/hote-" + suffix);
        assertThat(data.get("parentOrganization").get("url").asString())
                .isEqualTo("http://localhost/organisations/hote-" + suffix);
        String xml = mvc.perform(get("/sitemap.xml").header("Host", "evil.example:8443"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(xml)
                .contains("<loc>http://localhost/sites/hote-" + suffix + "</loc>")
                .doesNotContain("evil");
    }

    @Test
    void unknownSitesAndSitesOfNonActiveOrganisationsAreNotFound() throws Exception {
        String suffix = suffix();
        long pending = organisation("Attente " + suffix, "PENDING");
        site(pending, "pending-" + suffix, "Site en attente " + suffix, "11");
        mvc.perform(get("/sites/nowhere-" + suffix)).andExpect(status().isNotFound());
        mvc.perform(get("/sites/pending-" + suffix)).andExpect(status().isNotFound());
        assertThat(mvc.perform(get("/sitemap.xml")).andReturn().getResponse().getContentAsString())
                .doesNotContain("/sites/pending-" + suffix);
    }

    @Test
    void browseFiltersNarrowResultsAndCountSitesPerOption() throws Exception {
        String before = option(browse("/catalogue/parcourir?region=94"), "modalite", "TISSUE_ENGINEERED");
        String regionBefore = option(browse("/catalogue/parcourir?modalite=TISSUE_ENGINEERED"), "region", "94");
        String suffix = suffix();
        long org = organisation("Corse Bio " + suffix, "ACTIVE");
        long a = site(org, "ajaccio-" + suffix, "Ajaccio " + suffix, "94");
        capability(a, 0, "TISSUE_ENGINEERED", "{UPSTREAM}", "{RESEARCH}", null);
        long b = site(org, "bastia-" + suffix, "Bastia " + suffix, "94");
        capability(b, 0, "VACCINE", "{UPSTREAM}", "{RESEARCH}", null);
        long c = site(org, "nice-" + suffix, "Nice " + suffix, "93");
        capability(c, 0, "TISSUE_ENGINEERED", "{UPSTREAM}", "{RESEARCH}", null);

        Document filtered = browse("/catalogue/parcourir?modalite=TISSUE_ENGINEERED&region=94");
        List<String> names = filtered.select("#browse-results .site-link").eachText();
        assertThat(names).contains("Ajaccio " + suffix).doesNotContain("Bastia " + suffix, "Nice " + suffix);
        assertThat(filtered.select("#modalite option[selected]").val()).isEqualTo("TISSUE_ENGINEERED");
        assertThat(count(option(browse("/catalogue/parcourir?region=94"), "modalite", "TISSUE_ENGINEERED")))
                .isEqualTo(count(before) + 1);
        assertThat(count(option(browse("/catalogue/parcourir?modalite=TISSUE_ENGINEERED"), "region", "94")))
                .isEqualTo(count(regionBefore) + 1);
        Document english =
                html(mvc.perform(get("/catalogue/parcourir?region=94&lang=en")).andExpect(status().isOk()));
        assertThat(option(english, "modalite", "TISSUE_ENGINEERED")).startsWith("Tissue engineering (");
    }

    @Test
    void sitemapListsPagesOrganisationsAndSitesWithAbsoluteUrls() throws Exception {
        String suffix = suffix();
        long org = organisation("Plan " + suffix, "ACTIVE");
        long listed = site(org, "plan-" + suffix, "Plan " + suffix, "53");
        capability(listed, 0, "MAB", "{UPSTREAM}", "{COMMERCIAL}", null);
        // A site without capability is a draft of the listing editor: not public, not in the sitemap.
        site(org, "brouillon-" + suffix, "Brouillon " + suffix, "53");
        String xml = mvc.perform(get("/sitemap.xml"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(xml)
                .contains("<loc>http://localhost/</loc>")
                .contains("<loc>http://localhost/catalogue/parcourir</loc>")
                .contains("<loc>http://localhost/organisations/plan-" + suffix + "</loc>")
                .contains("<loc>http://localhost/sites/plan-" + suffix + "</loc>")
                .doesNotContain("brouillon-" + suffix);
        mvc.perform(get("/sites/brouillon-" + suffix)).andExpect(status().isNotFound());
    }

    @Test
    void exportsAndTheSitemapAnswerConditionalRequestsUntilThePublicCatalogueChanges() throws Exception {
        String suffix = suffix();
        long org = organisation("Etag " + suffix, "ACTIVE");
        long site = site(org, "etag-" + suffix, "Etag " + suffix, "84");
        capability(site, 0, "MAB", "{UPSTREAM}", "{COMMERCIAL}", null);
        int round = 0;
        for (String path : List.of("/catalogue/export.json", "/catalogue/export.csv", "/sitemap.xml")) {
            MockHttpServletResponse first = mvc.perform(get(path))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse();
            String etag = first.getHeader("ETag");
            String lastModified = first.getHeader("Last-Modified");
            assertThat(etag).as(path).isNotBlank();
            assertThat(lastModified).as(path).isNotBlank();
            assertThat(first.getHeader("Cache-Control")).as(path).doesNotContain("no-store");
            assertThat(mvc.perform(get(path).header("If-None-Match", etag))
                            .andExpect(status().isNotModified())
                            .andReturn()
                            .getResponse()
                            .getContentAsByteArray())
                    .as(path)
                    .isEmpty();
            mvc.perform(get(path).header("If-Modified-Since", lastModified)).andExpect(status().isNotModified());
            mvc.perform(get(path).header("If-None-Match", "\"other\"")).andExpect(status().isOk());

            // A change to a public site (as the editor makes it: a new version) gives the document a new tag.
            String name = "Etag " + suffix + " renamed " + ++round;
            jdbc.sql("update site set name = :name, version = version + 1 where id = :id")
                    .param("name", name)
                    .param("id", site)
                    .update();
            MockHttpServletResponse changed = mvc.perform(get(path).header("If-None-Match", etag))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse();
            assertThat(changed.getHeader("ETag")).as(path).isNotBlank().isNotEqualTo(etag);
            if (!path.equals("/sitemap.xml")) {
                assertThat(changed.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                        .as(path)
                        .contains(name);
            }
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private RequestPostProcessor signedIn(String suffix) {
        long personId = jdbc.sql("""
                        insert into person (issuer, subject, name, email, first_login_at, last_login_at)
                        values ('http://localhost:1/issuer', :subject, 'Visiteur', :email, current_timestamp,
                                current_timestamp)
                        returning id
                        """)
                .param("subject", "visitor-" + suffix)
                .param("email", "visitor-" + suffix + "@example.fr")
                .query(Long.class)
                .single();
        OidcIdToken token = OidcIdToken.withTokenValue("id-token")
                .issuer("http://localhost:1/issuer")
                .subject("visitor-" + suffix)
                .claim("name", "Visiteur")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(3600))
                .build();
        return oidcLogin()
                .oidcUser(new PortalUser(
                        new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")), token, "name"),
                        personId,
                        "Visiteur",
                        Set.of()));
    }

    private Document browse(String url) throws Exception {
        return html(mvc.perform(get(url)).andExpect(status().isOk()));
    }

    private static String option(Document page, String select, String value) {
        return page.select("#" + select + " option[value=" + value + "]").text();
    }

    private static int count(String label) {
        Matcher matcher = Pattern.compile("\\((\\d+)\\)$").matcher(label);
        assertThat(matcher.find()).as(label).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private static Document html(ResultActions result) throws Exception {
        return Jsoup.parse(result.andReturn().getResponse().getContentAsString());
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private long organisation(String name, String status) {
        return organisation(name.toLowerCase().replace(' ', '-'), name, status);
    }

    private long organisation(String slug, String name, String status) {
        return jdbc.sql("""
                        with o as (insert into organisation (slug, name, kind, website, website_domain, status)
                                   values (:slug, :name, 'MANUFACTURER', null, null, :status) returning id),
                             p as (insert into catalogue_profile (organisation_id, catalogue_key) select id, :slug from o)
                        select id from o
                        """)
                .param("slug", slug)
                .param("name", name)
                .param("status", status)
                .query(Long.class)
                .single();
    }

    private long site(long organisation, String key, String name, String region) {
        return jdbc.sql("""
                        insert into site (site_key, organisation_id, name, postal_code, city, region_code, country)
                        values (:key, :o, :name, '69007', 'Lyon', :region, 'FR') returning id
                        """)
                .param("key", key)
                .param("o", organisation)
                .param("name", name)
                .param("region", region)
                .query(Long.class)
                .single();
    }

    private long capability(long site, int position, String modality, String services, String stages, String systems) {
        return jdbc.sql("""
                        insert into capability (site_id, position, modality, services, stages, expression_systems)
                        values (:s, :p, :m, cast(:services as varchar(32)[]), cast(:stages as varchar(32)[]),
                                cast(:systems as varchar(32)[]))
                        returning id
                        """)
                .param("s", site)
                .param("p", position)
                .param("m", modality)
                .param("services", services)
                .param("stages", stages)
                .param("systems", systems)
                .query(Long.class)
                .single();
    }

    private void bioreactor(long capability, String technology, String volume, int count) {
        jdbc.sql("""
                        insert into bioreactor (capability_id, position, technology, working_volume_litres, unit_count)
                        values (:c, 0, :t, cast(:v as numeric), :n)
                        """)
                .param("c", capability)
                .param("t", technology)
                .param("v", volume)
                .param("n", count)
                .update();
    }

    private void evidence(
            long site, int position, String kind, LocalDate issued, String verification, boolean checked) {
        jdbc.sql("""
                        insert into gmp_evidence (site_id, position, kind, authority, reference, issued, verification,
                                                  checked_at)
                        values (:s, :p, :k, 'ANSM', :ref, :issued, :v,
                                case when :checked then current_timestamp end)
                        """)
                .param("s", site)
                .param("p", position)
                .param("k", kind)
                .param("ref", "REF-" + position)
                .param("issued", Date.valueOf(issued))
                .param("v", verification)
                .param("checked", checked)
                .update();
    }

    private void slot(long site, int position, LocalDate from, LocalDate to, String modality) {
        jdbc.sql("""
                        insert into availability_slot (site_id, position, available_from, available_to, modality, slots)
                        values (:s, :p, :from, :to, :m, 1)
                        """)
                .param("s", site)
                .param("p", position)
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .param("m", modality)
                .update();
    }
}
