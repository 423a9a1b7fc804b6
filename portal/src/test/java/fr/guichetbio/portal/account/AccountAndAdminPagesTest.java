package fr.guichetbio.portal.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.support.TestDatabase;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The account pages ({@code /compte}), the admins' people pages and audit journal, and the per-request account check,
 * through MockMvc with the whole application on a throwaway PostgreSQL database.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1"
        })
@AutoConfigureMockMvc
class AccountAndAdminPagesTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    // --- account ---

    @Test
    void anonymousPeopleAreSentToSignIn() throws Exception {
        mvc.perform(get("/compte")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/admin/utilisateurs")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/admin/journal")).andExpect(status().is3xxRedirection());
    }

    @Test
    void profileShowsIdentityRolesOrganisationsAndCsrfProtectedForms() throws Exception {
        long person = person("Camille Durand", "camille@labo.example");
        grant(person, PlatformRole.SPONSOR);
        long organisation = organisation("Labo Camille");
        membership(organisation, person, "ADMIN");

        Document page = html(mvc.perform(get("/compte").with(signedIn(person, PlatformRole.SPONSOR)))
                .andExpect(status().isOk()));

        assertThat(page.selectFirst("h1").text()).isEqualTo("Mon compte");
        assertThat(page.getElementById("account-email").text()).isEqualTo("camille@labo.example");
        assertThat(page.select("#account-roles .fr-badge").eachText())
                .containsExactlyInAnyOrder("Porteur de projet", "Apprenant");
        assertThat(page.select("#account-organisations li").eachText()).containsExactly("Labo Camille");
        assertThat(page.getElementById("displayName").val()).isEqualTo("Camille Durand");
        assertThat(page.select("#language option[selected]").val()).isEqualTo("fr");
        for (String form : List.of("#profile-form", "#delete-form")) {
            assertThat(page.select(form + " input[name=_csrf]").val()).as(form).isNotBlank();
        }
        assertThat(page.select("[style]")).isEmpty();
        assertThat(page.select("script:not([src])")).isEmpty();
        assertThat(page.getElementById("account-link").attr("href")).isEqualTo("/compte");
        assertThat(page.getElementById("admin-link")).as("not an admin").isNull();
    }

    @Test
    void invalidProfileShowsDsfrFieldErrorsAndChangesNothing() throws Exception {
        long person = person("Camille", null);

        Document page = html(mvc.perform(post("/compte")
                        .with(signedIn(person))
                        .with(csrf())
                        .param("displayName", "   ")
                        .param("language", "de"))
                .andExpect(status().isUnprocessableContent()));

        assertThat(page.select(".fr-input-group--error #displayName")).hasSize(1);
        assertThat(page.getElementById("displayName-error").text()).isEqualTo("Indiquez le nom à afficher.");
        assertThat(page.getElementById("language-error").text()).isEqualTo("Choisissez le français ou l’anglais.");
        assertThat(page.getElementById("displayName").attr("aria-describedby")).isEqualTo("displayName-error");

        Document tooLong = html(mvc.perform(post("/compte")
                        .with(signedIn(person))
                        .with(csrf())
                        .param("displayName", "x".repeat(121))
                        .param("language", "fr")
                        .param("lang", "en"))
                .andExpect(status().isUnprocessableContent()));
        assertThat(tooLong.getElementById("displayName-error").text()).isEqualTo("The display name is too long.");
        assertThat(displayName(person)).isNull();
    }

    @Test
    void savingTheProfileRedirectsWithAFlashSetsTheLanguageCookieAndAudits() throws Exception {
        long person = person("Camille", "camille@example.org");

        mvc.perform(post("/compte")
                        .with(signedIn(person))
                        .with(csrf())
                        .param("displayName", "  Camille D.  ")
                        .param("language", "en"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/compte"))
                .andExpect(flash().attribute("flashSuccess", "account.profile.saved"))
                .andExpect(header().string("Set-Cookie", Matchers.containsString("guichet_lang=en")));

        assertThat(displayName(person)).isEqualTo("Camille D.");
        String after = jdbc.sql("""
                        select after_state::text from audit_entry
                         where actor_person_id = :id and action = 'person.profile_updated'
                        """).param("id", person).query(String.class).single();
        assertThat(after).contains("Camille D.").contains("\"en\"").doesNotContain("camille@example.org");
        // The header shows the new name at the next request (the principal is refreshed).
        Document page = html(mvc.perform(get("/").with(signedIn(person))));
        assertThat(page.getElementById("user-name").text()).isEqualTo("Camille D.");
    }

    @Test
    void exportDownloadsEverythingHeldOnThePerson() throws Exception {
        long person = person("Export Person", "export@example.org");
        grant(person, PlatformRole.INSTRUCTOR);
        long organisation = organisation("Export Org");
        membership(organisation, person, "MEMBER");
        mvc.perform(post("/compte")
                .with(signedIn(person))
                .with(csrf())
                .param("displayName", "Exporté")
                .param("language", "fr"));

        mvc.perform(get("/compte/donnees").with(signedIn(person)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", Matchers.startsWith("attachment;")))
                .andExpect(jsonPath("$.person.email").value("export@example.org"))
                .andExpect(jsonPath("$.person.display_name").value("Exporté"))
                .andExpect(jsonPath("$.roles[0].role").value("INSTRUCTOR"))
                .andExpect(jsonPath("$.memberships[0].organisationName").value("Export Org"))
                .andExpect(jsonPath("$.auditEntriesAsActor[0].action").value("person.profile_updated"))
                .andExpect(
                        jsonPath("$.auditEntriesAsActor[0].after.displayName").value("Exporté"));
    }

    @Test
    void exportIncludesClaimsInvitationsAuditEntriesAboutThePersonAndSiteRevisions() throws Exception {
        long person = person("Gdpr Export", "Gdpr.Export@example.org");
        long admin = person("Org Admin", "org-admin@example.org");
        long organisation = organisation("Gdpr Org");
        membership(organisation, admin, "ADMIN");
        claim(organisation, person, "Je dirige la production de ce site depuis 2020.");
        invitation(organisation, "gdpr.export@example.org", admin);
        invitation(organisation, "somebody-else@example.org", admin);
        jdbc.sql("""
                        insert into audit_entry (actor_person_id, organisation_id, action, target_type, target_id,
                                                 after_state)
                        values (:admin, :o, 'membership.role_changed', 'person', :person, '{"role":"ADMIN"}')
                        """)
                .param("admin", admin)
                .param("o", organisation)
                .param("person", String.valueOf(person))
                .update();
        long site = jdbc.sql("""
                        insert into site (site_key, organisation_id, name, postal_code, city, region_code, country)
                        values (:key, :o, 'Site exporté', '69007', 'Lyon', '84', 'FR') returning id
                        """)
                .param("key", "gdpr-" + UUID.randomUUID().toString().substring(0, 8))
                .param("o", organisation)
                .query(Long.class)
                .single();
        jdbc.sql("insert into site_revision (site_id, version, content, changed_by)"
                        + " values (:site, 0, '{\"name\":\"Site exporté\"}', :person)")
                .param("site", site)
                .param("person", person)
                .update();

        mvc.perform(get("/compte/donnees").with(signedIn(person)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.claims[0].organisationName").value("Gdpr Org"))
                .andExpect(
                        jsonPath("$.claims[0].justification").value("Je dirige la production de ce site depuis 2020."))
                .andExpect(jsonPath("$.invitations.length()").value(1))
                .andExpect(jsonPath("$.invitations[0].email").value("gdpr.export@example.org"))
                .andExpect(jsonPath("$.auditEntriesAboutPerson[0].action").value("membership.role_changed"))
                .andExpect(jsonPath("$.siteRevisions[0].siteId").value(site))
                .andExpect(jsonPath("$.siteRevisions[0].content.name").value("Site exporté"));
    }

    @Test
    void deletionErasesTheEmailOfInvitationsAndTheJustificationOfClaims() throws Exception {
        long person = person("Gdpr Delete", "gdpr.delete@example.org");
        long admin = person("Org Admin", "org-admin-2@example.org");
        long organisation = organisation("Gdpr Delete Org");
        membership(organisation, admin, "ADMIN");
        long claim = claim(organisation, person, "Responsable qualité, joignable au standard du site.");
        long invitation = invitation(organisation, "gdpr.delete@example.org", admin);
        long other = invitation(organisation, "keep-me@example.org", admin);

        mvc.perform(post("/compte/suppression")
                        .with(signedIn(person))
                        .with(csrf())
                        .param("confirm", "true"))
                .andExpect(redirectedUrl("/?accountDeleted"));

        assertThat(jdbc.sql("select justification from organisation_claim where id = :id")
                        .param("id", claim)
                        .query((rs, n) -> java.util.Optional.ofNullable(rs.getString(1)))
                        .single())
                .isEmpty();
        assertThat(jdbc.sql("select email from invitation where id = :id")
                        .param("id", invitation)
                        .query((rs, n) -> java.util.Optional.ofNullable(rs.getString(1)))
                        .single())
                .isEmpty();
        assertThat(jdbc.sql("select email from invitation where id = :id")
                        .param("id", other)
                        .query(String.class)
                        .single())
                .isEqualTo("keep-me@example.org");
    }

    @Test
    void deletionNeedsTheConfirmation() throws Exception {
        long person = person("Keep Me", null);

        mvc.perform(post("/compte/suppression").with(signedIn(person)).with(csrf()))
                .andExpect(redirectedUrl("/compte"))
                .andExpect(flash().attribute("flashError", "account.delete.error.confirm"));

        assertThat(deletedAt(person)).isNull();
    }

    @Test
    void theLastAdminOfAnOrganisationWithOtherMembersCannotDeleteTheirAccount() throws Exception {
        long admin = person("Last Admin", null);
        long member = person("Member", null);
        long organisation = organisation("Busy Org");
        membership(organisation, admin, "ADMIN");
        membership(organisation, member, "MEMBER");

        mvc.perform(post("/compte/suppression")
                        .with(signedIn(admin))
                        .with(csrf())
                        .param("confirm", "true"))
                .andExpect(redirectedUrl("/compte"))
                .andExpect(flash().attribute("flashError", "account.delete.error.lastAdmin"));

        assertThat(deletedAt(admin)).isNull();
        assertThat(memberships(admin)).isEqualTo(1);
    }

    @Test
    void deletionLeavesOrganisationsPseudonymisesAndSignsOut() throws Exception {
        long person = person("Alex Dupont", "alex@example.org");
        grant(person, PlatformRole.SPONSOR);
        long alone = organisation("Alone Org");
        membership(alone, person, "ADMIN");
        long shared = organisation("Shared Org");
        long otherAdmin = person("Other admin", null);
        membership(shared, otherAdmin, "ADMIN");
        membership(shared, person, "ADMIN");

        var result = mvc.perform(post("/compte/suppression")
                        .with(signedIn(person, PlatformRole.SPONSOR))
                        .with(csrf())
                        .param("confirm", "true"))
                .andExpect(redirectedUrl("/?accountDeleted"))
                .andReturn();

        assertThat(result.getRequest().getSession(false))
                .as("session invalidated")
                .isNull();
        assertThat(deletedAt(person)).isNotNull();
        assertThat(memberships(person)).isZero();
        assertThat(jdbc.sql("select count(*) from organisation where id = :id")
                        .param("id", alone)
                        .query(Integer.class)
                        .single())
                .as("the organisation stays")
                .isEqualTo(1);
        assertThat(jdbc.sql("select name is null and email is null and subject = 'deleted-' || id from person"
                                + " where id = :id")
                        .param("id", person)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        // A session opened before the deletion stops working.
        mvc.perform(get("/compte").with(signedIn(person))).andExpect(redirectedUrl("/"));
        Document home = html(mvc.perform(get("/").param("accountDeleted", "")));
        assertThat(home.getElementById("account-deleted-alert").text()).isEqualTo("Votre compte a été supprimé.");
    }

    // --- per-request account check ---

    @Test
    void aSuspendedPersonsSessionEndsAtTheNextRequest() throws Exception {
        long person = person("Suspended", null);
        jdbc.sql("update person set suspended_at = current_timestamp, suspension_reason = 'test' where id = :id")
                .param("id", person)
                .update();

        var result = mvc.perform(get("/catalogue").with(signedIn(person)))
                .andExpect(redirectedUrl("/?suspended"))
                .andReturn();
        assertThat(result.getRequest().getSession(false)).isNull();

        Document home = html(mvc.perform(get("/").param("suspended", "")).andExpect(status().isOk()));
        assertThat(home.select("#suspended-alert.fr-alert--error h2").text()).isEqualTo("Compte suspendu");
    }

    @Test
    void rolesAreRefreshedAtEveryRequest() throws Exception {
        long person = person("Promoted", null);
        mvc.perform(get("/admin/utilisateurs").with(signedIn(person))).andExpect(status().isForbidden());

        grant(person, PlatformRole.ADMIN);
        Document page = html(
                mvc.perform(get("/admin/utilisateurs").with(signedIn(person))).andExpect(status().isOk()));
        assertThat(page.getElementById("admin-link")).isNotNull();

        jdbc.sql("delete from person_role where person_id = :id")
                .param("id", person)
                .update();
        mvc.perform(get("/admin/journal").with(signedIn(person, PlatformRole.ADMIN)))
                .andExpect(status().isForbidden());
    }

    // --- admin: people ---

    @Test
    void adminsSearchPeopleAndOpenTheirPage() throws Exception {
        long admin = admin();
        String unique = "Zéphyrin " + UUID.randomUUID().toString().substring(0, 6);
        long person = person(unique, "zephyrin@example.org");

        Document list = html(mvc.perform(get("/admin/utilisateurs")
                        .with(signedIn(admin, PlatformRole.ADMIN))
                        .param("q", unique.substring(0, 12)))
                .andExpect(status().isOk()));
        assertThat(list.select("#users-table tbody tr")).hasSize(1);
        assertThat(list.select("#users-table tbody a").attr("href")).isEqualTo("/admin/utilisateurs/" + person);
        assertThat(list.select("#users-search-input").val()).isEqualTo(unique.substring(0, 12));

        Document detail =
                html(mvc.perform(get("/admin/utilisateurs/" + person).with(signedIn(admin, PlatformRole.ADMIN)))
                        .andExpect(status().isOk()));
        assertThat(detail.getElementById("person-name").text()).isEqualTo(unique);
        assertThat(detail.select("#roles-table tbody tr")).hasSize(PlatformRole.values().length - 1);
        assertThat(detail.select("#role-ADMIN form").attr("action"))
                .isEqualTo("/admin/utilisateurs/" + person + "/roles/attribuer");
        assertThat(detail.select("form[method=post] input[name=_csrf]")).isNotEmpty();
        assertThat(detail.getElementById("suspend-form")).isNotNull();

        mvc.perform(get("/admin/utilisateurs/999999999").with(signedIn(admin, PlatformRole.ADMIN)))
                .andExpect(status().isNotFound());
    }

    @Test
    void adminsGrantRevokeSuspendAndUnsuspend() throws Exception {
        long admin = admin();
        long person = person("Target", null);
        RequestPostProcessor asAdmin = signedIn(admin, PlatformRole.ADMIN);

        mvc.perform(post("/admin/utilisateurs/" + person + "/roles/attribuer")
                        .with(asAdmin)
                        .with(csrf())
                        .param("role", "CDMO_MEMBER"))
                .andExpect(redirectedUrl("/admin/utilisateurs/" + person))
                .andExpect(flash().attribute("flashSuccess", "admin.users.flash.granted"));
        assertThat(roles(person)).containsExactly("CDMO_MEMBER");

        mvc.perform(post("/admin/utilisateurs/" + person + "/roles/retirer")
                        .with(asAdmin)
                        .with(csrf())
                        .param("role", "CDMO_MEMBER"))
                .andExpect(flash().attribute("flashSuccess", "admin.users.flash.revoked"));
        assertThat(roles(person)).isEmpty();

        mvc.perform(post("/admin/utilisateurs/" + person + "/suspension")
                        .with(asAdmin)
                        .with(csrf())
                        .param("reason", "Comportement abusif"))
                .andExpect(flash().attribute("flashSuccess", "admin.users.flash.suspended"));
        Document suspended =
                html(mvc.perform(get("/admin/utilisateurs/" + person).with(asAdmin)));
        assertThat(suspended.getElementById("person-suspended").text()).contains("Comportement abusif");
        assertThat(suspended.getElementById("unsuspend-form")).isNotNull();

        mvc.perform(post("/admin/utilisateurs/" + person + "/reactivation")
                        .with(asAdmin)
                        .with(csrf()))
                .andExpect(flash().attribute("flashSuccess", "admin.users.flash.unsuspended"));
        assertThat(jdbc.sql("select suspended_at is null from person where id = :id")
                        .param("id", person)
                        .query(Boolean.class)
                        .single())
                .isTrue();

        Document journal = html(mvc.perform(get("/admin/journal")
                        .with(asAdmin)
                        .param("actor", String.valueOf(admin))
                        .param("targetType", "person"))
                .andExpect(status().isOk()));
        assertThat(journal.select("#journal-table tbody code").eachText())
                .containsExactly("person.unsuspended", "person.suspended", "role.revoked", "role.granted");
        assertThat(journal.select("#journal-table details pre").eachText())
                .anyMatch(text -> text.contains("\"reason\" : \"Comportement abusif\""));
        assertThat(journal.select("#filter-actor").val()).isEqualTo(String.valueOf(admin));
    }

    @Test
    void adminsCannotSuspendThemselvesNorRevokeTheirOwnAdminRole() throws Exception {
        long admin = admin();
        RequestPostProcessor asAdmin = signedIn(admin, PlatformRole.ADMIN);

        Document self = html(mvc.perform(get("/admin/utilisateurs/" + admin).with(asAdmin)));
        assertThat(self.getElementById("suspend-form")).isNull();
        assertThat(self.getElementById("self-suspension")).isNotNull();
        assertThat(self.select("#role-ADMIN form")).isEmpty();

        mvc.perform(post("/admin/utilisateurs/" + admin + "/roles/retirer")
                        .with(asAdmin)
                        .with(csrf())
                        .param("role", "ADMIN"))
                .andExpect(flash().attribute("flashError", "admin.users.error.selfRevokeAdmin"));
        mvc.perform(post("/admin/utilisateurs/" + admin + "/suspension")
                        .with(asAdmin)
                        .with(csrf())
                        .param("reason", "oops"))
                .andExpect(flash().attribute("flashError", "admin.users.error.selfSuspend"));
        assertThat(roles(admin)).contains("ADMIN");
    }

    @Test
    void nonAdminsCannotChangeRoles() throws Exception {
        long person = person("Sneaky", null);
        mvc.perform(post("/admin/utilisateurs/" + person + "/roles/attribuer")
                        .with(signedIn(person))
                        .with(csrf())
                        .param("role", "ADMIN"))
                .andExpect(status().isForbidden());
        assertThat(roles(person)).isEmpty();
    }

    // --- admin: audit journal ---

    @Test
    void journalFiltersByActionPrefixAndDateAndPagesWithTheFiltersInTheUrl() throws Exception {
        long admin = admin();
        long person = person("Journal target", null);
        for (int i = 0; i < 51; i++) {
            jdbc.sql("""
                            insert into audit_entry (actor_person_id, action, target_type, target_id, after_state)
                            values (:admin, 'journaltest.step', 'thing', :i, cast('{"n": 1}' as jsonb))
                            """).param("admin", admin).param("i", String.valueOf(i)).update();
        }
        RequestPostProcessor asAdmin = signedIn(admin, PlatformRole.ADMIN);

        Document first = html(mvc.perform(get("/admin/journal").with(asAdmin).param("action", "journaltest."))
                .andExpect(status().isOk()));
        assertThat(first.select("#journal-table tbody tr")).hasSize(50);
        String next = first.getElementById("journal-next").attr("href");
        assertThat(next).contains("action=journaltest.").contains("page=1");
        Document second = html(mvc.perform(get(next).with(asAdmin)));
        assertThat(second.select("#journal-table tbody tr")).hasSize(1);
        assertThat(second.getElementById("journal-previous")).isNotNull();
        assertThat(second.getElementById("journal-next")).isNull();

        Document future = html(mvc.perform(get("/admin/journal")
                .with(asAdmin)
                .param("action", "journaltest.")
                .param("from", "2999-01-01")));
        assertThat(future.getElementById("journal-empty")).isNotNull();
        assertThat(person).isPositive();
    }

    @Test
    void healthDetailsAreForPlatformAdminsOnly() throws Exception {
        long sponsor = person("Sponsor " + UUID.randomUUID(), null);
        grant(sponsor, PlatformRole.SPONSOR);

        // Anonymous callers and other people: the status only (Elasticsearch is down here, so DOWN and 503).
        for (RequestPostProcessor caller :
                List.<RequestPostProcessor>of(request -> request, signedIn(sponsor, PlatformRole.SPONSOR))) {
            String body = mvc.perform(get("/actuator/health").with(caller))
                    .andExpect(status().is(Matchers.oneOf(200, 503)))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            // The names of the probe groups (liveness, readiness) stay: Kubernetes calls them anonymously.
            assertThat(JSON.readTree(body).propertyNames()).contains("status").isSubsetOf("status", "groups");
            mvc.perform(get("/actuator/health/db").with(caller)).andExpect(status().isNotFound());
        }
        long admin = admin();
        mvc.perform(get("/actuator/health").with(signedIn(admin, PlatformRole.ADMIN)))
                .andExpect(jsonPath("$.components.db.status").value("UP"))
                .andExpect(jsonPath("$.components.db.details").exists());
    }

    // --- fixtures ---

    private long admin() {
        long admin = person("Admin " + UUID.randomUUID(), null);
        grant(admin, PlatformRole.ADMIN);
        return admin;
    }

    private long person(String name, String email) {
        return jdbc.sql("""
                        insert into person (issuer, subject, name, email, first_login_at, last_login_at)
                        values ('http://localhost:1/issuer', :subject, :name, :email, current_timestamp,
                                current_timestamp)
                        returning id
                        """)
                .param("subject", UUID.randomUUID().toString())
                .param("name", name)
                .param("email", email)
                .query(Long.class)
                .single();
    }

    private void grant(long person, PlatformRole role) {
        jdbc.sql("insert into person_role (person_id, role) values (:p, :r)")
                .param("p", person)
                .param("r", role.name())
                .update();
    }

    private long organisation(String name) {
        String slug = "org-" + UUID.randomUUID().toString().substring(0, 8);
        return jdbc.sql("""
                        insert into organisation (slug, name, kind, status) values (:slug, :name, 'SPONSOR', 'ACTIVE')
                        returning id
                        """)
                .param("slug", slug)
                .param("name", name)
                .query(Long.class)
                .single();
    }

    private long claim(long organisation, long person, String justification) {
        return jdbc.sql("""
                        insert into organisation_claim (organisation_id, person_id, justification, status)
                        values (:o, :p, :j, 'PENDING') returning id
                        """)
                .param("o", organisation)
                .param("p", person)
                .param("j", justification)
                .query(Long.class)
                .single();
    }

    private long invitation(long organisation, String email, long invitedBy) {
        return jdbc.sql("""
                        insert into invitation (organisation_id, email, role, token_hash, invited_by, expires_at)
                        values (:o, :email, 'MEMBER', :hash, :by, current_timestamp + interval '7 days') returning id
                        """)
                .param("o", organisation)
                .param("email", email)
                .param("hash", UUID.randomUUID().toString().replace("-", ""))
                .param("by", invitedBy)
                .query(Long.class)
                .single();
    }

    private void membership(long organisation, long person, String role) {
        jdbc.sql("insert into membership (organisation_id, person_id, role) values (:o, :p, :r)")
                .param("o", organisation)
                .param("p", person)
                .param("r", role)
                .update();
    }

    private String displayName(long person) {
        return jdbc.sql("select display_name from person where id = :id")
                .param("id", person)
                .query((rs, n) -> rs.getString(1))
                .list()
                .getFirst();
    }

    private Object deletedAt(long person) {
        return jdbc.sql("select deleted_at from person where id = :id")
                .param("id", person)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getObject(1)))
                .single()
                .orElse(null);
    }

    private int memberships(long person) {
        return jdbc.sql("select count(*) from membership where person_id = :id")
                .param("id", person)
                .query(Integer.class)
                .single();
    }

    private List<String> roles(long person) {
        return jdbc.sql("select role from person_role where person_id = :id order by role")
                .param("id", person)
                .query(String.class)
                .list();
    }

    private static RequestPostProcessor signedIn(long personId, PlatformRole... roles) {
        OidcIdToken idToken = OidcIdToken.withTokenValue("id-token")
                .issuer("http://localhost:1/issuer")
                .subject("person-" + personId)
                .claim("name", "Person " + personId)
                .build();
        Set<PlatformRole> set = EnumSet.noneOf(PlatformRole.class);
        set.addAll(List.of(roles));
        return oidcLogin()
                .oidcUser(new PortalUser(new DefaultOidcUser(List.of(), idToken), personId, "Person " + personId, set));
    }

    private static Document html(ResultActions result) throws Exception {
        return Jsoup.parse(result.andReturn().getResponse().getContentAsString());
    }
}
