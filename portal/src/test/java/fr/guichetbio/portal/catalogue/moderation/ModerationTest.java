package fr.guichetbio.portal.catalogue.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestPeople;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The moderation queue through MockMvc on a real PostgreSQL: what it lists, the moderator's decisions on GMP evidence
 * and listings (level, review state, site version, outbox, audit, the organisation's journal, the mail to its
 * administrators), refused blank reasons and refused non-moderators, who change nothing.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false"
        })
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class ModerationTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    long moderator;
    long orgAdmin;
    long orgMember;
    long organisation;
    String slug;
    long site;
    String siteKey;
    long evidence;
    String reference;

    /** An organisation with an admin and a member, a new site and a new self-declared piece of evidence. */
    @BeforeEach
    void fixture() {
        // The queue lists everything pending: start from an empty catalogue so the rows are this test's.
        jdbc.sql("delete from site").update();
        String n = UUID.randomUUID().toString().substring(0, 8);
        moderator = person("Modératrice " + n, "moderatrice-" + n + "@guichet.example", PlatformRole.ADMIN);
        orgAdmin = person("Admin " + n, "admin-" + n + "@cdmo.example");
        orgMember = person("Membre " + n, "membre-" + n + "@cdmo.example");
        slug = "cdmo-" + n;
        organisation = jdbc.sql("""
                        insert into organisation (slug, name, kind, status) values (:slug, :name, 'MANUFACTURER', 'ACTIVE')
                        returning id
                        """)
                .param("slug", slug)
                .param("name", "CDMO " + n)
                .query(Long.class)
                .single();
        membership(orgAdmin, "ADMIN");
        membership(orgMember, "MEMBER");
        siteKey = "site-" + n;
        site = jdbc.sql("""
                        insert into site (site_key, organisation_id, name, postal_code, city, region_code, country)
                        values (:key, :o, :name, '69007', 'Lyon', '84', 'FR')
                        returning id
                        """)
                .param("key", siteKey)
                .param("o", organisation)
                .param("name", "Site de Lyon " + n)
                .query(Long.class)
                .single();
        reference = "FR-GMP-" + n;
        evidence = jdbc.sql("""
                        insert into gmp_evidence (site_id, position, kind, authority, reference, issued, valid_until,
                                                  verification)
                        values (:site, 0, 'GMP_CERTIFICATE', 'ANSM', :reference, date '2025-03-01', date '2028-03-01',
                                'SELF_DECLARED')
                        returning id
                        """)
                .param("site", site)
                .param("reference", reference)
                .query(Long.class)
                .single();
    }

    @Test
    void theQueueListsNewEvidenceAndNewListingsWithTheirCurrentVerification() throws Exception {
        long checked = jdbc.sql("""
                        insert into gmp_evidence (site_id, position, kind, authority, reference, verification,
                                                  checked_at, review)
                        values (:site, 1, 'MANUFACTURING_AUTHORISATION', 'ANSM', 'ALREADY-CHECKED', 'DOCUMENT_CHECKED',
                                current_timestamp, 'CHECKED')
                        returning id
                        """).param("site", site).query(Long.class).single();

        Document page =
                html(mvc.perform(get("/admin/moderation").with(as(moderator))).andExpect(status().isOk()));

        Element row = page.getElementById("evidence-" + evidence);
        assertThat(row).as("the new evidence is in the queue").isNotNull();
        assertThat(row.text()).contains(reference, "ANSM", "Certificat BPF", "Site de Lyon", "CDMO ");
        assertThat(row.selectFirst(".gmp-verification").attr("data-level")).isEqualTo("SELF_DECLARED");
        assertThat(row.selectFirst(".gmp-verification").text()).isEqualTo("Déclaré par l'organisation");
        assertThat(row.select("a.evidence-certificate"))
                .as("no certificate uploaded")
                .isEmpty();
        assertThat(row.select("form.evidence-check textarea[name=comment]")).hasSize(1);
        assertThat(row.select("form.evidence-reject textarea[name=reason][required]"))
                .hasSize(1);
        assertThat(page.getElementById("evidence-" + checked))
                .as("reviewed evidence")
                .isNull();
        assertThat(page.getElementById("listing-" + site))
                .as("the new listing is in the queue")
                .isNotNull();
        assertThat(page.getElementById("moderation-evidence").selectFirst("h2").text())
                .contains("(1)");
        assertThat(page.getElementById("admin-nav")
                        .select("a[aria-current=page]")
                        .attr("href"))
                .isEqualTo("/admin/moderation");
        assertThat(page.getElementById("admin-register-link").attr("href")).isEqualTo("/admin/moderation/registre");

        // Once the organisation uploaded its certificate, the row links to it.
        jdbc.sql("""
                        insert into evidence_document (evidence_id, file_name, size_bytes, sha256, content)
                        values (:id, 'certificat.pdf', 4, repeat('0', 64), '\\x25504446'::bytea)
                        """).param("id", evidence).update();
        Element withCertificate =
                html(mvc.perform(get("/admin/moderation").with(as(moderator)))).getElementById("evidence-" + evidence);
        assertThat(withCertificate.selectFirst("a.evidence-certificate").attr("href"))
                .isEqualTo("/organisations/" + slug + "/sites/" + siteKey + "/preuves/" + evidence + "/certificat");
    }

    @Test
    void theQueueIsPagedOldestFirst() throws Exception {
        // 21 older pieces of evidence: the fixture's, changed last, is the 22nd and opens page 2.
        for (int i = 1; i <= 21; i++) {
            jdbc.sql("""
                            insert into gmp_evidence (site_id, position, kind, authority, reference, changed_at)
                            values (:site, :position, 'GMP_CERTIFICATE', 'ANSM', :reference,
                                    timestamp with time zone '2026-01-01 00:00:00+00' + make_interval(mins => :position))
                            """)
                    .param("site", site)
                    .param("position", i)
                    .param("reference", "OLDER-" + i)
                    .update();
        }

        Document first =
                html(mvc.perform(get("/admin/moderation").with(as(moderator))).andExpect(status().isOk()));
        assertThat(first.select("tr.moderation-evidence")).hasSize(ModerationQueue.PAGE_SIZE);
        assertThat(first.select("tr.moderation-evidence").first().text()).contains("OLDER-1 ");
        assertThat(first.getElementById("evidence-" + evidence)).isNull();
        assertThat(first.getElementById("moderation-evidence-previous")).isNull();
        assertThat(first.getElementById("moderation-evidence-next").attr("href"))
                .isEqualTo("/admin/moderation?pagePreuves=1");
        assertThat(first.getElementById("moderation-evidence").selectFirst("h2").text())
                .contains("(22)");

        Document second =
                html(mvc.perform(get("/admin/moderation?pagePreuves=1").with(as(moderator)))
                        .andExpect(status().isOk()));
        assertThat(second.select("tr.moderation-evidence")).hasSize(2);
        assertThat(second.getElementById("evidence-" + evidence)).isNotNull();
        assertThat(second.getElementById("moderation-evidence-previous").attr("href"))
                .isEqualTo("/admin/moderation");
        assertThat(second.getElementById("moderation-evidence-next")).isNull();
        // Every form of the page brings the moderator back to this page.
        assertThat(second.select("form.evidence-reject input[name=pagePreuves]").eachAttr("value"))
                .containsOnly("1");
    }

    @Test
    void markingEvidenceCheckedRaisesItsLevelBumpsTheSiteAndIsAudited() throws Exception {
        int version = siteVersion();
        long outbox = count("outbox where aggregate_type = 'site' and aggregate_id = " + site);

        mvc.perform(post("/admin/moderation/preuves/" + evidence + "/verifier")
                        .with(as(moderator))
                        .with(csrf())
                        .param("version", String.valueOf(version))
                        .param("comment", "  Certificat lu : référence et dates conformes.  "))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/admin/moderation"))
                .andExpect(flash().attribute("flashSuccess", "admin.moderation.flash.evidenceChecked"));

        Map<String, Object> row = evidenceRow();
        assertThat(row.get("verification")).isEqualTo("DOCUMENT_CHECKED");
        assertThat(row.get("review")).isEqualTo("CHECKED");
        assertThat(row.get("review_comment")).isEqualTo("Certificat lu : référence et dates conformes.");
        assertThat(row.get("reviewed_by")).isEqualTo(moderator);
        assertThat(siteVersion()).isEqualTo(version + 1);
        assertThat(count("outbox where aggregate_type = 'site' and aggregate_id = " + site))
                .isEqualTo(outbox + 1);
        assertThat(count("outbox where aggregate_type = 'site' and aggregate_id = " + site + " and version = "
                        + (version + 1)))
                .isOne();
        assertThat(count("audit_entry where action = 'gmp.evidence.checked' and target_id = '" + evidence
                        + "' and organisation_id = " + organisation + " and actor_person_id = " + moderator))
                .isOne();
        assertThat(html(mvc.perform(get("/admin/moderation").with(as(moderator))))
                        .getElementById("evidence-" + evidence))
                .as("no longer waiting")
                .isNull();
    }

    @Test
    void aDecisionOnEvidenceThatChangedSinceTheModeratorOpenedItIsRefusedAndStaysInTheQueue() throws Exception {
        certificate("a");
        Element row =
                html(mvc.perform(get("/admin/moderation").with(as(moderator)))).getElementById("evidence-" + evidence);
        String seenVersion =
                row.selectFirst("form.evidence-check input[name=version]").attr("value");
        String seenCertificate =
                row.selectFirst("form.evidence-check input[name=certificate]").attr("value");
        assertThat(seenVersion).isEqualTo(String.valueOf(siteVersion()));
        assertThat(seenCertificate).isEqualTo("a".repeat(64));
        assertThat(row.selectFirst("form.evidence-reject input[name=version]").attr("value"))
                .isEqualTo(seenVersion);
        long audits = count("audit_entry");

        // The member replaces the certificate (the editor bumps the site's version) before the moderator decides.
        certificate("b");
        jdbc.sql("update site set version = version + 1 where id = :id")
                .param("id", site)
                .update();
        Document refused = html(mvc.perform(post("/admin/moderation/preuves/" + evidence + "/verifier")
                        .with(as(moderator))
                        .with(csrf())
                        .param("version", seenVersion)
                        .param("certificate", seenCertificate)
                        .param("comment", "Certificat lu."))
                .andExpect(status().isConflict()));
        assertThat(refused.getElementById("evidence-" + evidence + "-changed").text())
                .isEqualTo("Cette preuve a été modifiée par l’organisation depuis l’ouverture de la file : "
                        + "relisez-la (et son certificat) avant de décider.");
        assertThat(refused.getElementById("evidence-comment-" + evidence).text())
                .as("what was typed is given back")
                .isEqualTo("Certificat lu.");
        assertThat(refused.selectFirst("#evidence-" + evidence + " form.evidence-check input[name=certificate]")
                        .attr("value"))
                .as("the form now carries what is there to read")
                .isEqualTo("b".repeat(64));
        assertThat(evidenceRow().get("review")).isEqualTo("PENDING");
        assertThat(evidenceRow().get("verification")).isEqualTo("SELF_DECLARED");
        assertThat(count("audit_entry")).isEqualTo(audits);

        // The same version with another certificate (or none): refused too; so is a rejection of what was not read.
        String version = String.valueOf(siteVersion());
        mvc.perform(post("/admin/moderation/preuves/" + evidence + "/verifier")
                        .with(as(moderator))
                        .with(csrf())
                        .param("version", version)
                        .param("certificate", seenCertificate))
                .andExpect(status().isConflict());
        mvc.perform(post("/admin/moderation/preuves/" + evidence + "/verifier")
                        .with(as(moderator))
                        .with(csrf())
                        .param("version", version))
                .andExpect(status().isConflict());
        mvc.perform(post("/admin/moderation/preuves/" + evidence + "/rejeter")
                        .with(as(moderator))
                        .with(csrf())
                        .param("version", seenVersion)
                        .param("certificate", "b".repeat(64))
                        .param("reason", "Illisible."))
                .andExpect(status().isConflict());
        mvc.perform(post("/admin/moderation/preuves/" + evidence + "/verifier")
                        .with(as(moderator))
                        .with(csrf())
                        .param("certificate", "b".repeat(64)))
                .andExpect(status().isConflict());
        assertThat(evidenceRow().get("review")).isEqualTo("PENDING");
        assertThat(count("audit_entry")).isEqualTo(audits);
        assertThat(html(mvc.perform(get("/admin/moderation").with(as(moderator))))
                        .getElementById("evidence-" + evidence))
                .as("still waiting")
                .isNotNull();

        // What the moderator now sees is what they decide on.
        mvc.perform(post("/admin/moderation/preuves/" + evidence + "/verifier")
                        .with(as(moderator))
                        .with(csrf())
                        .param("version", version)
                        .param("certificate", "B".repeat(64)))
                .andExpect(status().isFound());
        assertThat(evidenceRow().get("review")).isEqualTo("CHECKED");
    }

    @Test
    void aDecisionOnAListingThatChangedSinceTheModeratorOpenedItIsRefused() throws Exception {
        Element row =
                html(mvc.perform(get("/admin/moderation").with(as(moderator)))).getElementById("listing-" + site);
        String seen = row.selectFirst("form.listing-check input[name=version]").attr("value");
        long decisions = count("audit_entry where action in ('site.reviewed', 'site.rejected')");
        assertThat(row.selectFirst("form.listing-reject input[name=version]").attr("value"))
                .isEqualTo(seen);
        jdbc.sql("update site set name = 'Autre nom', version = version + 1 where id = :id")
                .param("id", site)
                .update();

        Document refused = html(mvc.perform(post("/admin/moderation/sites/" + site + "/valider")
                        .with(as(moderator))
                        .with(csrf())
                        .param("version", seen))
                .andExpect(status().isConflict()));
        assertThat(refused.getElementById("listing-" + site + "-changed").text())
                .isEqualTo("Cette annonce a été modifiée par l’organisation depuis l’ouverture de la file : "
                        + "relisez-la avant de décider.");
        mvc.perform(post("/admin/moderation/sites/" + site + "/rejeter")
                        .with(as(moderator))
                        .with(csrf())
                        .param("version", seen)
                        .param("reason", "Adresse incomplète."))
                .andExpect(status().isConflict());
        mvc.perform(post("/admin/moderation/sites/" + site + "/valider")
                        .with(as(moderator))
                        .with(csrf()))
                .andExpect(status().isConflict());
        assertThat(listingReview()).isEqualTo("PENDING");
        assertThat(count("audit_entry where action in ('site.reviewed', 'site.rejected')"))
                .isEqualTo(decisions);

        mvc.perform(post("/admin/moderation/sites/" + site + "/valider")
                        .with(as(moderator))
                        .with(csrf())
                        .param("version", String.valueOf(siteVersion())))
                .andExpect(status().isFound());
        assertThat(listingReview()).isEqualTo("CHECKED");
    }

    @Test
    void aBlankReasonIsRefusedOnItsRowAndChangesNothing() throws Exception {
        int version = siteVersion();
        long audits = count("audit_entry");

        Document page = html(mvc.perform(post("/admin/moderation/preuves/" + evidence + "/rejeter")
                        .with(as(moderator))
                        .with(csrf())
                        .param("reason", "   "))
                .andExpect(status().isUnprocessableContent()));

        Element field = page.getElementById("evidence-reason-" + evidence);
        assertThat(field.attr("aria-describedby")).isEqualTo("evidence-reason-" + evidence + "-error");
        assertThat(field.parent().hasClass("fr-input-group--error")).isTrue();
        assertThat(page.getElementById("evidence-reason-" + evidence + "-error").text())
                .isEqualTo("Indiquez le motif du rejet : l’organisation doit savoir quoi corriger.");
        assertThat(page.getElementById("moderation-error")).isNotNull();
        assertThat(page.getElementById("listing-reason-" + site + "-error"))
                .as("only that row's field")
                .isNull();
        assertThat(evidenceRow().get("review")).isEqualTo("PENDING");
        assertThat(evidenceRow().get("verification")).isEqualTo("SELF_DECLARED");
        assertThat(siteVersion()).isEqualTo(version);
        assertThat(count("audit_entry")).isEqualTo(audits);

        mvc.perform(post("/admin/moderation/sites/" + site + "/rejeter")
                        .with(as(moderator))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent());
        Document tooLong = html(mvc.perform(post("/admin/moderation/preuves/" + evidence + "/verifier")
                        .with(as(moderator))
                        .with(csrf())
                        .param("comment", "x".repeat(ListingReviews.MAX_COMMENT_LENGTH + 1)))
                .andExpect(status().isUnprocessableContent()));
        assertThat(tooLong.getElementById("evidence-comment-" + evidence + "-error")
                        .text())
                .isEqualTo("Le commentaire ne doit pas dépasser 2 000 caractères.");
        assertThat(tooLong.getElementById("evidence-comment-" + evidence).text())
                .as("what was typed is given back")
                .hasSize(ListingReviews.MAX_COMMENT_LENGTH + 1);
        assertThat(evidenceRow().get("review")).isEqualTo("PENDING");
        assertThat(listingReview()).isEqualTo("PENDING");
        assertThat(count("audit_entry")).isEqualTo(audits);
    }

    @Test
    void rejectingEvidenceRecordsTheReasonTellsTheOrganisationAndShowsInItsJournal(CapturedOutput output)
            throws Exception {
        mvc.perform(post("/admin/moderation/preuves/" + evidence + "/rejeter")
                        .with(as(moderator))
                        .with(csrf())
                        .param("reason", "Le certificat déposé ne correspond pas à la référence.")
                        .param("version", String.valueOf(siteVersion()))
                        .param("pagePreuves", "0"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/admin/moderation"))
                .andExpect(flash().attribute("flashSuccess", "admin.moderation.flash.evidenceRejected"));

        Map<String, Object> row = evidenceRow();
        assertThat(row.get("review")).isEqualTo("REJECTED");
        assertThat(row.get("verification")).isEqualTo("SELF_DECLARED");
        assertThat(row.get("review_comment")).isEqualTo("Le certificat déposé ne correspond pas à la référence.");
        assertThat(count("audit_entry where action = 'gmp.evidence.rejected' and organisation_id = " + organisation
                        + " and target_id = '" + evidence + "'"
                        + " and after_state->>'comment' = 'Le certificat déposé ne correspond pas à la référence.'"))
                .isOne();

        Document journal =
                html(mvc.perform(get("/organisations/" + slug + "/journal").with(as(orgAdmin)))
                        .andExpect(status().isOk()));
        assertThat(journal.getElementById("journal").text())
                .contains("gmp.evidence.rejected", "gmp_evidence " + evidence);

        // The organisation's administrator is told once the rejection is committed (a notice and its e-mail in the
        // outbox, through the notification module); its plain member is not.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> notices(orgAdmin, "notification.catalogue.evidenceRejected") == 1);
        assertThat(jdbc.sql("select arguments, link from notification where person_id = :p")
                        .param("p", orgAdmin)
                        .query((rs, n) ->
                                List.of(List.of((String[]) rs.getArray(1).getArray()), rs.getString(2)))
                        .single())
                .isEqualTo(List.of(
                        List.of("ANSM " + reference, "Le certificat déposé ne correspond pas à la référence."),
                        "/organisations/" + slug + "/sites"));
        assertThat(count("mail_outbox o join notification n on n.id = o.notification_id where n.person_id = "
                        + orgAdmin))
                .isOne();
        assertThat(count("notification where person_id = " + orgMember)).isZero();
    }

    @Test
    void aListingIsCheckedOrRejectedWithoutChangingItsPublicVersion(CapturedOutput output) throws Exception {
        int version = siteVersion();
        long outbox = count("outbox");

        mvc.perform(post("/admin/moderation/sites/" + site + "/valider")
                        .with(as(moderator))
                        .with(csrf())
                        .param("version", String.valueOf(version))
                        .param("pageSites", "2"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/admin/moderation?pageSites=2"))
                .andExpect(flash().attribute("flashSuccess", "admin.moderation.flash.listingChecked"));
        assertThat(listingReview()).isEqualTo("CHECKED");
        assertThat(count("audit_entry where action = 'site.reviewed' and organisation_id = " + organisation
                        + " and target_id = '" + site + "'"))
                .isOne();

        mvc.perform(post("/admin/moderation/sites/" + site + "/rejeter")
                        .with(as(moderator))
                        .with(csrf())
                        .param("version", String.valueOf(version))
                        .param("reason", "Adresse du site incomplète."))
                .andExpect(status().isFound())
                .andExpect(flash().attribute("flashSuccess", "admin.moderation.flash.listingRejected"));
        assertThat(listingReview()).isEqualTo("REJECTED");
        assertThat(jdbc.sql("select review_comment from site where id = :id")
                        .param("id", site)
                        .query(String.class)
                        .single())
                .isEqualTo("Adresse du site incomplète.");
        assertThat(count("audit_entry where action = 'site.rejected' and organisation_id = " + organisation))
                .isOne();
        assertThat(siteVersion()).as("review state is not public content").isEqualTo(version);
        assertThat(count("outbox")).isEqualTo(outbox);
        assertThat(html(mvc.perform(get("/organisations/" + slug + "/journal").with(as(orgAdmin))))
                        .getElementById("journal")
                        .text())
                .contains("site.rejected", "site.reviewed");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> notices(orgAdmin, "notification.catalogue.listingRejected") == 1);
        assertThat(count("notification where person_id = " + orgAdmin
                        + " and 'Adresse du site incomplète.' = any(arguments)"))
                .isOne();
    }

    @Test
    void organisationPeopleCannotModerateAndChangeNothing() throws Exception {
        long audits = count("audit_entry");
        for (long person : List.of(orgMember, orgAdmin)) {
            mvc.perform(get("/admin/moderation").with(as(person))).andExpect(status().isForbidden());
            for (String path : List.of(
                    "/admin/moderation/preuves/" + evidence + "/verifier",
                    "/admin/moderation/preuves/" + evidence + "/rejeter",
                    "/admin/moderation/sites/" + site + "/valider",
                    "/admin/moderation/sites/" + site + "/rejeter")) {
                mvc.perform(post(path).with(as(person)).with(csrf()).param("reason", "Je me valide moi-même."))
                        .andExpect(status().isForbidden());
            }
        }
        assertThat(evidenceRow().get("review")).isEqualTo("PENDING");
        assertThat(evidenceRow().get("verification")).isEqualTo("SELF_DECLARED");
        assertThat(listingReview()).isEqualTo("PENDING");
        assertThat(count("audit_entry")).isEqualTo(audits);
    }

    @Test
    void unknownEvidenceOrSiteIsNotFound() throws Exception {
        mvc.perform(post("/admin/moderation/preuves/999999999/verifier")
                        .with(as(moderator))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/admin/moderation/sites/999999999/rejeter")
                        .with(as(moderator))
                        .with(csrf())
                        .param("reason", "Inconnu."))
                .andExpect(status().isNotFound());
    }

    /** Stores (or replaces) the evidence's certificate, its digest made of {@code digit}. */
    private void certificate(String digit) {
        jdbc.sql("""
                        insert into evidence_document (evidence_id, file_name, size_bytes, sha256, content)
                        values (:id, 'certificat.pdf', 4, repeat(:digit, 64), '\\x25504446'::bytea)
                        on conflict (evidence_id) do update set sha256 = excluded.sha256
                        """).param("id", evidence).param("digit", digit).update();
    }

    private Map<String, Object> evidenceRow() {
        return jdbc.sql("""
                        select verification, review, review_comment, reviewed_by from gmp_evidence where id = :id
                        """).param("id", evidence).query().singleRow();
    }

    private String listingReview() {
        return jdbc.sql("select review from site where id = :id")
                .param("id", site)
                .query(String.class)
                .single();
    }

    private int siteVersion() {
        return jdbc.sql("select version from site where id = :id")
                .param("id", site)
                .query(Integer.class)
                .single();
    }

    private long notices(long personId, String messageKey) {
        return jdbc.sql("select count(*) from notification where person_id = :p and message_key = :k")
                .param("p", personId)
                .param("k", messageKey)
                .query(Long.class)
                .single();
    }

    private long count(String fromWhere) {
        return jdbc.sql("select count(*) from " + fromWhere).query(Long.class).single();
    }

    private long person(String name, String email, PlatformRole... roles) {
        return TestPeople.person(jdbc, name, email, roles);
    }

    private void membership(long personId, String role) {
        jdbc.sql("insert into membership (organisation_id, person_id, role) values (:o, :p, :r)")
                .param("o", organisation)
                .param("p", personId)
                .param("r", role)
                .update();
    }

    private RequestPostProcessor as(long personId) {
        return TestPeople.signedIn(jdbc, personId);
    }

    private static Document html(ResultActions result) throws Exception {
        return Jsoup.parse(result.andReturn().getResponse().getContentAsString());
    }
}
