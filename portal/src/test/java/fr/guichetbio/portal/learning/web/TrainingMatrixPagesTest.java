package fr.guichetbio.portal.learning.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.support.TestCourses;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestPeople;
import fr.guichetbio.training.assessment.QuestionBanks;
import fr.guichetbio.training.certification.Certificates;
import fr.guichetbio.training.course.Courses;
import java.util.List;
import java.util.UUID;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The employers' training matrix on a throwaway database (issue 17's acceptance): an organisation's administrator
 * sets a member's role and the courses it requires; the member's expiring and missing certifications appear only
 * after the member consents, and disappear again when they withdraw; the CSV says the same, with a member's name
 * that looks like a formula kept as text; bad course codes are refused with nothing written; nobody else reads it.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false"
        })
@AutoConfigureMockMvc
class TrainingMatrixPagesTest {

    /** A name a spreadsheet would run as a formula if the CSV let it. */
    private static final String FORMULA_NAME = "=HYPERLINK(\"https://evil.example\",\"Cliquez\")";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Courses courses;

    @Autowired
    QuestionBanks banks;

    @Autowired
    Certificates certificates;

    private String slug;
    private String expiringCode;
    private String missingCode;
    private long admin;
    private long member;
    private long otherAdmin;

    @BeforeEach
    void anOrganisationWithAMemberHoldingOneOfTwoCertificates() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        slug = "cdmo-" + run;
        long organisation = organisation(slug);
        long other = organisation("autre-" + run);
        admin = TestPeople.person(jdbc, "Admin " + run, "admin-" + run + "@example.org", PlatformRole.CDMO_MEMBER);
        member = TestPeople.person(jdbc, FORMULA_NAME, "member-" + run + "@example.org", PlatformRole.CDMO_MEMBER);
        otherAdmin = TestPeople.person(jdbc, "Other " + run, "other-" + run + "@example.org", PlatformRole.CDMO_MEMBER);
        join(organisation, admin, "ADMIN");
        join(organisation, member, "MEMBER");
        join(other, otherAdmin, "ADMIN");
        long provider = organisation("formation-" + run);
        expiringCode = "matrice-a-" + run;
        missingCode = "matrice-b-" + run;
        long version = TestCourses.publishOneLessonCourse(courses, banks, provider, expiringCode);
        TestCourses.publishOneLessonCourse(courses, banks, provider, missingCode);
        // Valid for 24 months, then brought within the 90 days before its end: "expiring".
        String id =
                certificates.issue(member, "Membre " + run, version, 100, false).id();
        jdbc.sql("update certificate set valid_until = now() + interval '30 days' where id = :id")
                .param("id", id)
                .update();
    }

    @Test
    void missingAndExpiringCertificationsShowOnlyWhileTheMemberConsents() throws Exception {
        assertThat(location(post(matrix() + "/membres/" + member + "/role")
                        .param("role", "QC_ANALYST")
                        .with(csrf())
                        .with(TestPeople.signedIn(jdbc, admin))))
                .isEqualTo(matrix());
        assertThat(location(post(matrix() + "/exigences")
                        .param("role", "QC_ANALYST")
                        .param("cours-QC_ANALYST", expiringCode + "\n" + missingCode + "\n")
                        .with(csrf())
                        .with(TestPeople.signedIn(jdbc, admin))))
                .isEqualTo(matrix() + "#exigences");

        // No consent yet: the member is listed, with nothing of their certificates.
        Element row = memberRow();
        assertThat(row.attr("data-consented")).isEqualTo("false");
        assertThat(statuses(row)).containsExactly("HIDDEN", "HIDDEN");
        assertThat(csv()).doesNotContain("Expire bientôt", "Manquant").contains("Non partagé");

        String mine = page(get("/formation/certificats").with(TestPeople.signedIn(jdbc, member)), 200);
        assertThat(Jsoup.parse(mine).select("#partage li.consent[data-slug=" + slug + "]"))
                .hasSize(1);
        assertThat(location(post("/formation/certificats/consentements/" + slug)
                        .with(csrf())
                        .with(TestPeople.signedIn(jdbc, member))))
                .isEqualTo("/formation/certificats#partage");

        row = memberRow();
        assertThat(row.attr("data-consented")).isEqualTo("true");
        assertThat(statuses(row)).containsExactly("EXPIRING", "MISSING");
        assertThat(row.text()).contains("Expire bientôt", "Manquant");
        String csv = csv();
        assertThat(csv).contains("Expire bientôt,Manquant");
        // The name is quoted (RFC 4180: it holds quotes and a comma) and starts with a single quote: text, not a
        // formula.
        assertThat(csv).contains("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"Cliquez\"\")\"");

        location(post("/formation/certificats/consentements/" + slug + "/retrait")
                .with(csrf())
                .with(TestPeople.signedIn(jdbc, member)));
        assertThat(statuses(memberRow())).containsExactly("HIDDEN", "HIDDEN");
        assertThat(csv()).doesNotContain("Expire bientôt", "Manquant");
    }

    @Test
    void unknownCoursesAreRefusedByNameAndNothingIsWritten() throws Exception {
        location(post(matrix() + "/exigences")
                .param("role", "QC_ANALYST")
                .param("cours-QC_ANALYST", expiringCode)
                .with(csrf())
                .with(TestPeople.signedIn(jdbc, admin)));
        String refused = page(
                post(matrix() + "/exigences")
                        .param("role", "QC_ANALYST")
                        .param("cours-QC_ANALYST", missingCode + "\ncours-inconnu")
                        .with(csrf())
                        .with(TestPeople.signedIn(jdbc, admin)),
                422);
        Document page = Jsoup.parse(refused);
        assertThat(page.select("#cours-QC_ANALYST-error-0").text()).contains("cours-inconnu");
        assertThat(page.select("#cours-QC_ANALYST").text()).contains("cours-inconnu");
        assertThat(requiredCodes()).containsExactly(expiringCode);

        String badRole = page(
                post(matrix() + "/membres/" + member + "/role")
                        .param("role", "ASTRONAUT")
                        .with(csrf())
                        .with(TestPeople.signedIn(jdbc, admin)),
                422);
        assertThat(Jsoup.parse(badRole).select("#role-" + member + "-error-0").text())
                .isEqualTo("Choisissez un rôle de la liste.");
    }

    @Test
    void onlyTheOrganisationsAdministratorsSeeTheMatrix() throws Exception {
        mvc.perform(get(matrix())).andExpect(status().is3xxRedirection());
        mvc.perform(get(matrix()).with(TestPeople.signedIn(jdbc, member))).andExpect(status().isForbidden());
        mvc.perform(get(matrix() + ".csv").with(TestPeople.signedIn(jdbc, otherAdmin)))
                .andExpect(status().isForbidden());
        // Another organisation's administrator cannot consent for it, nor set the role of its member.
        mvc.perform(post("/formation/certificats/consentements/" + slug)
                        .with(csrf())
                        .with(TestPeople.signedIn(jdbc, otherAdmin)))
                .andExpect(status().isForbidden());
        mvc.perform(post(matrix() + "/membres/" + member + "/role")
                        .param("role", "QC_ANALYST")
                        .with(csrf())
                        .with(TestPeople.signedIn(jdbc, otherAdmin)))
                .andExpect(status().isForbidden());
        // The administrator cannot name someone who is not a member.
        mvc.perform(post(matrix() + "/membres/" + otherAdmin + "/role")
                        .param("role", "QC_ANALYST")
                        .with(csrf())
                        .with(TestPeople.signedIn(jdbc, admin)))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from member_training_role where person_id in (:people)")
                        .param("people", List.of(member, otherAdmin))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private String matrix() {
        return "/organisations/" + slug + "/formation";
    }

    private Element memberRow() throws Exception {
        Document page = Jsoup.parse(page(get(matrix()).with(TestPeople.signedIn(jdbc, admin)), 200));
        Element row = page.getElementById("matrix-" + member);
        assertThat(row).as("the member's row").isNotNull();
        assertThat(page.select("#training-matrix caption").text()).isNotBlank();
        return row;
    }

    private static List<String> statuses(Element row) {
        return row.select("td.matrix-cell").stream()
                .map(cell -> cell.attr("data-status"))
                .toList();
    }

    private String csv() throws Exception {
        return page(get(matrix() + ".csv").with(TestPeople.signedIn(jdbc, admin)), 200);
    }

    private List<String> requiredCodes() {
        return jdbc.sql("""
                        select c.code from required_course r join course c on c.id = r.course_id
                          join organisation o on o.id = r.organisation_id where o.slug = :slug order by c.code
                        """).param("slug", slug).query(String.class).list();
    }

    private String page(MockHttpServletRequestBuilder request, int expected) throws Exception {
        var response = mvc.perform(request)
                .andExpect(status().is(expected))
                .andReturn()
                .getResponse();
        response.setCharacterEncoding("UTF-8");
        return response.getContentAsString();
    }

    private String location(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request)
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
    }

    private long organisation(String slug) {
        return jdbc.sql("""
                        insert into organisation (slug, name, kind, website, website_domain, status)
                        values (:slug, :slug, 'MANUFACTURER', 'https://x.example', 'x.example', 'ACTIVE')
                        returning id
                        """).param("slug", slug).query(Long.class).single();
    }

    private void join(long organisation, long person, String role) {
        jdbc.sql("insert into membership (organisation_id, person_id, role) values (:o, :p, :role)")
                .param("o", organisation)
                .param("p", person)
                .param("role", role)
                .update();
    }
}
