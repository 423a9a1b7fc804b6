package fr.guichetbio.portal.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestPeople;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Organisation pages, members, invitations, claims and the admin back office through MockMvc, with the whole
 * application on a throwaway PostgreSQL database (Liquibase applied): access rules per organisation, audit entries,
 * optimistic locking, the last-admin rule, single-use invitations.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1"
        })
@AutoConfigureMockMvc
class OrganisationPagesTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    // --- public page and visibility -------------------------------------------------------------------------

    @Test
    void activeOrganisationIsPublicPendingOneOnlyForMembersAndAdmins() throws Exception {
        long member = person("Membre", "membre@exemple.fr");
        long stranger = person("Inconnu", "inconnu@ailleurs.fr");
        long admin = person("Admin", "admin@guichet.fr", PlatformRole.ADMIN);
        Fixture active = organisation("ACTIVE", "https://www.active.example");
        Fixture pending = organisation("PENDING", null);
        member(pending.id, member, MembershipRole.ADMIN);

        Document page = html(mvc.perform(get("/organisations/" + active.slug)).andExpect(status().isOk()));
        assertThat(page.getElementById("organisation-name").text()).isEqualTo(active.name);
        assertThat(page.getElementById("organisation-website").attr("href")).isEqualTo("https://www.active.example");
        assertThat(page.getElementById("organisation-kind").text()).isEqualTo("Fabricant (CDMO, CMO, plateforme)");
        assertThat(page.select("[style]")).isEmpty();
        assertThat(page.getElementById("tab-edit"))
                .as("no edit link for the public")
                .isNull();

        mvc.perform(get("/organisations/" + pending.slug)).andExpect(status().isNotFound());
        mvc.perform(get("/organisations/" + pending.slug).with(as(stranger))).andExpect(status().isNotFound());
        Document asItsAdmin =
                html(mvc.perform(get("/organisations/" + pending.slug).with(as(member)))
                        .andExpect(status().isOk()));
        Document asPlatformAdmin =
                html(mvc.perform(get("/organisations/" + pending.slug).with(as(admin)))
                        .andExpect(status().isOk()));
        mvc.perform(get("/organisations/nulle-part")).andExpect(status().isNotFound());
        // The training matrix is the organisation's own administrators' (with members' consent), not the platform's.
        assertThat(asItsAdmin.getElementById("tab-training")).isNotNull();
        assertThat(asPlatformAdmin.getElementById("tab-members")).isNotNull();
        assertThat(asPlatformAdmin.getElementById("tab-training")).isNull();
    }

    @Test
    void pagesForSignedInPeopleSendAnonymousVisitorsToSignIn() throws Exception {
        Fixture organisation = organisation("ACTIVE", null);
        for (String path : List.of(
                "/organisations",
                "/organisations/nouvelle",
                "/organisations/" + organisation.slug + "/modifier",
                "/organisations/" + organisation.slug + "/membres",
                "/organisations/" + organisation.slug + "/journal",
                "/invitations/abc")) {
            mvc.perform(get(path))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(redirectedUrl("/oauth2/authorization/guichet"));
        }
    }

    // --- edit and access control ----------------------------------------------------------------------------

    @Test
    void aMemberEditsTheirOrganisationAndTheChangeIsAudited() throws Exception {
        long member = person("Camille", "camille@a.example");
        Fixture a = organisation("ACTIVE", null);
        member(a.id, member, MembershipRole.MEMBER);

        Document form =
                html(mvc.perform(get("/organisations/" + a.slug + "/modifier").with(as(member)))
                        .andExpect(status().isOk()));
        assertThat(form.select("input[name=version]").val()).isEqualTo("0");
        assertThat(form.select("input[name=_csrf]")).isNotEmpty();

        mvc.perform(edit(a.slug, a.name, null, "Nouvelle description", 0).with(as(member)))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/organisations/" + a.slug))
                .andExpect(flash().attribute("flashSuccess", "organisation.flash.updated"));

        Map<String, Object> row = jdbc.sql("select name, description, version from organisation where id = :id")
                .param("id", a.id)
                .query()
                .singleRow();
        assertThat(row)
                .containsEntry("name", a.name)
                .containsEntry("description", "Nouvelle description")
                .containsEntry("version", 1);
        Map<String, Object> audit = jdbc.sql("""
                        select actor_person_id, before_state->>'description' as before_description,
                               after_state->>'description' as after_description
                          from audit_entry where organisation_id = :id and action = 'organisation.updated'
                        """).param("id", a.id).query().singleRow();
        assertThat(audit)
                .containsEntry("actor_person_id", member)
                .containsEntry("before_description", null)
                .containsEntry("after_description", "Nouvelle description");
    }

    @Test
    void onlyOrganisationAdminsChangeNameOrWebsiteAndOnAnApprovedOrganisationTheChangeWaitsForReview()
            throws Exception {
        long plain = person("Simple", "simple@identity.example");
        long admin = person("Admine", "admine@identity.example");
        long platformAdmin = person("Moderatrice", "moderatrice@guichet.fr", PlatformRole.ADMIN);
        Fixture a = organisation("ACTIVE", "https://www.ancien.example");
        member(a.id, plain, MembershipRole.MEMBER);
        member(a.id, admin, MembershipRole.ADMIN);

        // A plain member: no identity change at all, whatever the form says.
        mvc.perform(edit(a.slug, "Nom pirate", "https://www.ancien.example", null, 0)
                        .with(as(plain)))
                .andExpect(flash().attribute("flashError", "organisation.error.identityAdminsOnly"));
        mvc.perform(edit(a.slug, a.name, "https://www.pirate.example", null, 0).with(as(plain)))
                .andExpect(flash().attribute("flashError", "organisation.error.identityAdminsOnly"));
        Document memberForm =
                html(mvc.perform(get("/organisations/" + a.slug + "/modifier").with(as(plain))));
        assertThat(memberForm.select("input[name=name]").hasAttr("readonly")).isTrue();
        assertThat(memberForm.select("input[name=website]").hasAttr("readonly")).isTrue();

        // An organisation admin: the description applies now, name and website wait for a platform admin.
        mvc.perform(edit(a.slug, "Nouveau nom", "https://www.nouveau.example", "Nouvelle description", 0)
                        .with(as(admin)))
                .andExpect(redirectedUrl("/organisations/" + a.slug))
                .andExpect(flash().attribute("flashSuccess", "organisation.flash.identityInReview"));
        Map<String, Object> row = jdbc.sql(
                        "select name, website, website_domain, description from organisation where id = :id")
                .param("id", a.id)
                .query()
                .singleRow();
        assertThat(row)
                .containsEntry("name", a.name)
                .containsEntry("website", "https://www.ancien.example")
                .containsEntry("website_domain", "ancien.example")
                .containsEntry("description", "Nouvelle description");
        Document publicPage = html(mvc.perform(get("/organisations/" + a.slug)).andExpect(status().isOk()));
        assertThat(publicPage.getElementById("organisation-name").text()).isEqualTo(a.name);
        Document adminForm =
                html(mvc.perform(get("/organisations/" + a.slug + "/modifier").with(as(admin))));
        assertThat(adminForm.getElementById("identity-in-review").text()).contains("Nouveau nom");

        long changeId = jdbc.sql("select id from organisation_identity_change where organisation_id = :id"
                        + " and status = 'PENDING'")
                .param("id", a.id)
                .query(Long.class)
                .single();
        mvc.perform(post("/admin/organisations/identites/" + changeId + "/approuver")
                        .with(csrf())
                        .with(as(admin)))
                .andExpect(status().isForbidden());
        Document back = html(
                mvc.perform(get("/admin/organisations").with(as(platformAdmin))).andExpect(status().isOk()));
        assertThat(back.getElementById("identity-" + changeId).text())
                .contains(a.name)
                .contains("Nouveau nom")
                .contains("https://www.nouveau.example");
        mvc.perform(post("/admin/organisations/identites/" + changeId + "/approuver")
                        .with(csrf())
                        .with(as(platformAdmin)))
                .andExpect(flash().attribute("flashSuccess", "admin.organisations.flash.identityApproved"));
        assertThat(name(a.id)).isEqualTo("Nouveau nom");
        assertThat(jdbc.sql("select website_domain from organisation where id = :id")
                        .param("id", a.id)
                        .query(String.class)
                        .single())
                .isEqualTo("nouveau.example");

        // A second proposal, rejected with a reason: nothing changes.
        int version = jdbc.sql("select version from organisation where id = :id")
                .param("id", a.id)
                .query(Integer.class)
                .single();
        mvc.perform(edit(a.slug, "Encore un nom", "https://www.nouveau.example", "Nouvelle description", version)
                        .with(as(admin)))
                .andExpect(flash().attribute("flashSuccess", "organisation.flash.identityInReview"));
        long second = jdbc.sql("select id from organisation_identity_change where organisation_id = :id"
                        + " and status = 'PENDING'")
                .param("id", a.id)
                .query(Long.class)
                .single();
        mvc.perform(post("/admin/organisations/identites/" + second + "/rejeter")
                        .param("reason", " ")
                        .with(csrf())
                        .with(as(platformAdmin)))
                .andExpect(flash().attribute("flashError", "admin.organisations.error.reasonRequired"));
        mvc.perform(post("/admin/organisations/identites/" + second + "/rejeter")
                        .param("reason", "Nom non justifié")
                        .with(csrf())
                        .with(as(platformAdmin)))
                .andExpect(flash().attribute("flashSuccess", "admin.organisations.flash.identityRejected"));
        assertThat(name(a.id)).isEqualTo("Nouveau nom");
        assertThat(actions(a.id))
                .contains(
                        "organisation.identity_proposed",
                        "organisation.identity_approved",
                        "organisation.identity_rejected");
    }

    @Test
    void anOrganisationNotYetPublicTakesItsAdminsIdentityChangeAtOnce() throws Exception {
        long admin = person("Créatrice", "creatrice@pending-identity.example");
        Fixture p = organisation("PENDING", null);
        member(p.id, admin, MembershipRole.ADMIN);

        mvc.perform(edit(p.slug, "Nom corrigé", "https://www.corrige.example", null, 0)
                        .with(as(admin)))
                .andExpect(flash().attribute("flashSuccess", "organisation.flash.updated"));
        assertThat(name(p.id)).isEqualTo("Nom corrigé");
        assertThat(count("select count(*) from organisation_identity_change where organisation_id = " + p.id))
                .isZero();
    }

    @Test
    void aMemberOfAnotherOrganisationGets403AndNothingChanges() throws Exception {
        long memberOfB = person("Dominique", "dominique@b.example");
        Fixture a = organisation("ACTIVE", null);
        Fixture b = organisation("ACTIVE", null);
        member(b.id, memberOfB, MembershipRole.ADMIN);

        mvc.perform(get("/organisations/" + a.slug + "/modifier").with(as(memberOfB)))
                .andExpect(status().isForbidden());
        mvc.perform(edit(a.slug, "Piraté", null, null, 0).with(as(memberOfB))).andExpect(status().isForbidden());
        // Invalid form too: the right is checked first.
        mvc.perform(edit(a.slug, "", null, null, 0).with(as(memberOfB))).andExpect(status().isForbidden());
        for (String path : List.of("/membres", "/journal")) {
            mvc.perform(get("/organisations/" + a.slug + path).with(as(memberOfB)))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(post("/organisations/" + a.slug + "/invitations")
                        .param("email", "x@y.fr")
                        .param("role", "ADMIN")
                        .with(csrf())
                        .with(as(memberOfB)))
                .andExpect(status().isForbidden());

        assertThat(name(a.id)).isEqualTo(a.name);
        assertThat(name(b.id)).isEqualTo(b.name);
        assertThat(count("select count(*) from invitation where organisation_id = " + a.id))
                .isZero();
        assertThat(count("select count(*) from audit_entry where organisation_id = " + a.id))
                .isZero();
    }

    @Test
    void aStaleSaveIsRefusedAndOverwritesNothing() throws Exception {
        long first = person("Première", "p1@c.example");
        long second = person("Seconde", "p2@c.example");
        Fixture c = organisation("PENDING", null);
        member(c.id, first, MembershipRole.ADMIN);
        member(c.id, second, MembershipRole.ADMIN);

        mvc.perform(edit(c.slug, "Version de la première", null, null, 0).with(as(first)))
                .andExpect(status().is3xxRedirection());
        mvc.perform(edit(c.slug, "Version de la seconde", null, null, 0).with(as(second)))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/organisations/" + c.slug + "/modifier"))
                .andExpect(flash().attribute("flashError", "organisation.error.stale"));

        assertThat(name(c.id)).isEqualTo("Version de la première");
    }

    @Test
    void anInvalidFormShowsFieldErrors() throws Exception {
        long member = person("Eva", "eva@d.example");
        Fixture d = organisation("ACTIVE", null);
        member(d.id, member, MembershipRole.MEMBER);

        Document page = html(
                mvc.perform(edit(d.slug, " ", "javascript:alert(1)", null, 0).with(as(member)))
                        .andExpect(status().isOk()));

        assertThat(page.select(".fr-input-group--error")).hasSize(2);
        assertThat(page.select(".fr-error-text").eachText())
                .contains("Indiquez le nom de l’organisation.")
                .anyMatch(text -> text.startsWith("Indiquez une adresse web"));
        assertThat(name(d.id)).isEqualTo(d.name);
    }

    // --- creation ---------------------------------------------------------------------------------------------

    @Test
    void creatingMakesAPendingOrganisationWithTheCreatorAsAdmin() throws Exception {
        long creator = person("Fanny", "fanny@e.example");
        String name = "Thérapie Génique Œuvre " + SEQUENCE.incrementAndGet();

        mvc.perform(post("/organisations/nouvelle")
                        .with(csrf())
                        .with(as(creator))
                        .param("name", name)
                        .param("kind", "SPONSOR")
                        .param("website", "https://www.tg.example")
                        .param("description", "Une biotech"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashSuccess", "organisation.flash.created"));
        mvc.perform(post("/organisations/nouvelle")
                        .with(csrf())
                        .with(as(creator))
                        .param("name", name)
                        .param("kind", "SPONSOR"))
                .andExpect(status().is3xxRedirection());

        List<Map<String, Object>> rows =
                jdbc.sql("""
                        select o.slug, o.status, o.website_domain, m.role from organisation o
                          join membership m on m.organisation_id = o.id and m.person_id = :person
                         order by o.id
                        """).param("person", creator).query().listOfRows();
        String slug = "therapie-genique-oeuvre-" + SEQUENCE.get();
        assertThat(rows).extracting(row -> row.get("slug")).containsExactly(slug, slug + "-2");
        assertThat(rows.getFirst())
                .containsEntry("status", "PENDING")
                .containsEntry("role", "ADMIN")
                .containsEntry("website_domain", "tg.example");
        assertThat(count("select count(*) from audit_entry where action = 'organisation.created' and actor_person_id = "
                        + creator))
                .isEqualTo(2);
        mvc.perform(get("/organisations/" + slug)).andExpect(status().isNotFound());
        mvc.perform(get("/organisations/" + slug).with(as(creator))).andExpect(status().isOk());
    }

    @Test
    void creationWithoutKindIsRefusedWithAFieldError() throws Exception {
        long creator = person("Gaël", "gael@f.example");
        Document page = html(mvc.perform(post("/organisations/nouvelle")
                        .with(csrf())
                        .with(as(creator))
                        .param("name", "Sans type"))
                .andExpect(status().isOk()));
        assertThat(page.select(".fr-select-group--error")).hasSize(1);
        assertThat(count("select count(*) from organisation where created_by = " + creator))
                .isZero();
    }

    @Test
    void theInvitationLinkComesFromTheConfiguredBaseNotFromTheHostHeader() throws Exception {
        long admin = person("Hector", "hector@h.example");
        Fixture h = organisation("ACTIVE", null);
        member(h.id, admin, MembershipRole.ADMIN);

        var result = mvc.perform(post("/organisations/" + h.slug + "/invitations")
                        .header("Host", "evil.example:8443")
                        .with(csrf())
                        .with(as(admin))
                        .param("email", "iris@h.example")
                        .param("role", "MEMBER"))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        // guichet.public-base-url is http://localhost in the tests (application-test.properties).
        assertThat((String) result.getFlashMap().get("invitationLink"))
                .matches("http://localhost/invitations/[A-Za-z0-9_-]{43}");
    }

    // --- members and invitations -----------------------------------------------------------------------------

    @Test
    void anInvitationIsShownOnceAcceptedOnceAndTheMemberCanThenEdit() throws Exception {
        long admin = person("Hugo", "hugo@g.example");
        long invited = person("Inès", "ines@ailleurs.example");
        Fixture g = organisation("ACTIVE", null);
        member(g.id, admin, MembershipRole.ADMIN);

        var result = mvc.perform(post("/organisations/" + g.slug + "/invitations")
                        .with(csrf())
                        .with(as(admin))
                        .param("email", " Ines@Ailleurs.example ")
                        .param("role", "MEMBER"))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        String link = (String) result.getFlashMap().get("invitationLink");
        assertThat(link).matches("http://localhost/invitations/[A-Za-z0-9_-]{43}");
        String token = link.substring(link.lastIndexOf('/') + 1);
        Map<String, Object> stored = jdbc.sql(
                        "select email, token_hash, expires_at - created_at as validity from invitation where organisation_id = :id")
                .param("id", g.id)
                .query()
                .singleRow();
        assertThat(stored.get("email")).isEqualTo("ines@ailleurs.example");
        assertThat(stored.get("token_hash")).isEqualTo(Invitations.hash(token)).isNotEqualTo(token);
        assertThat(stored.get("validity").toString()).contains("7 days");

        Document shown =
                html(mvc.perform(get("/invitations/" + token).with(as(invited))).andExpect(status().isOk()));
        assertThat(shown.getElementById("invitation-text").text())
                .contains(g.name)
                .contains("Membre");
        assertThat(count("select count(*) from membership where person_id = " + invited))
                .as("GET changes nothing")
                .isZero();

        mvc.perform(post("/invitations/" + token).with(csrf()).with(as(invited)))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/organisations/" + g.slug));
        assertThat(role(g.id, invited)).isEqualTo("MEMBER");
        mvc.perform(edit(g.slug, g.name, null, "Édité par Inès", 0).with(as(invited)))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select description from organisation where id = :id")
                        .param("id", g.id)
                        .query(String.class)
                        .single())
                .isEqualTo("Édité par Inès");

        // Single use: a replay, even by someone else, changes nothing.
        long other = person("Jules", "jules@h.example");
        Document replay =
                html(mvc.perform(post("/invitations/" + token).with(csrf()).with(as(other)))
                        .andExpect(status().isGone()));
        assertThat(replay.getElementById("invitation-unavailable").text()).contains("déjà été utilisée");
        assertThat(role(g.id, other)).isNull();
        mvc.perform(get("/invitations/" + token).with(as(other))).andExpect(status().isGone());
        assertThat(actions(g.id)).contains("invitation.created", "invitation.accepted", "organisation.updated");
    }

    @Test
    void anInvitationUsedFromAnotherAddressWaitsForAnAdminsConfirmation() throws Exception {
        long admin = person("Adèle", "adele@bind.example");
        long plain = person("Basile", "basile@bind.example");
        long holder = person("Porteur", "porteur@ailleurs.example");
        Fixture b = organisation("ACTIVE", null);
        member(b.id, admin, MembershipRole.ADMIN);
        member(b.id, plain, MembershipRole.MEMBER);
        String token = invite(b, admin, "destinataire@bind.example", "ADMIN");

        Document shown = html(mvc.perform(get("/invitations/" + token).with(as(holder))));
        assertThat(shown.getElementById("invitation-other-address")).isNotNull();
        Document requested =
                html(mvc.perform(post("/invitations/" + token).with(csrf()).with(as(holder)))
                        .andExpect(status().isAccepted()));
        assertThat(requested.getElementById("invitation-requested").text())
                .contains(b.name)
                .contains("administrateur");
        assertThat(role(b.id, holder))
                .as("not a member before an admin confirms")
                .isNull();
        // The same link again: still waiting, nothing changes.
        mvc.perform(post("/invitations/" + token).with(csrf()).with(as(holder))).andExpect(status().isAccepted());
        long invitationId = jdbc.sql("select id from invitation where token_hash = :h")
                .param("h", Invitations.hash(token))
                .query(Long.class)
                .single();

        Document asPlain =
                html(mvc.perform(get("/organisations/" + b.slug + "/membres").with(as(plain))));
        assertThat(asPlain.getElementById("invitation-requests")).isNull();
        mvc.perform(post("/organisations/" + b.slug + "/invitations/" + invitationId + "/confirmer")
                        .with(csrf())
                        .with(as(plain)))
                .andExpect(status().isForbidden());
        Document asAdmin =
                html(mvc.perform(get("/organisations/" + b.slug + "/membres").with(as(admin))));
        assertThat(asAdmin.select("#invitation-requests tbody tr").text())
                .contains("Porteur")
                .contains("destinataire@bind.example");
        assertThat(asAdmin.select("#invitation-requests .confirm-request")).hasSize(1);
        assertThat(asAdmin.select("#invitation-requests .refuse-request")).hasSize(1);

        mvc.perform(post("/organisations/" + b.slug + "/invitations/" + invitationId + "/confirmer")
                        .with(csrf())
                        .with(as(admin)))
                .andExpect(flash().attribute("flashSuccess", "invitation.flash.confirmed"));
        assertThat(role(b.id, holder)).isEqualTo("ADMIN");
        mvc.perform(post("/organisations/" + b.slug + "/invitations/" + invitationId + "/confirmer")
                        .with(csrf())
                        .with(as(admin)))
                .andExpect(flash().attribute("flashError", "invitation.error.notRequested"));

        // Refused: the person does not join, the link is spent.
        String refusedToken = invite(b, admin, "autre@bind.example", "MEMBER");
        long stranger = person("Inconnue", "inconnue@ailleurs.example");
        mvc.perform(post("/invitations/" + refusedToken).with(csrf()).with(as(stranger)))
                .andExpect(status().isAccepted());
        long refusedId = jdbc.sql("select id from invitation where token_hash = :h")
                .param("h", Invitations.hash(refusedToken))
                .query(Long.class)
                .single();
        mvc.perform(post("/organisations/" + b.slug + "/invitations/" + refusedId + "/refuser")
                        .with(csrf())
                        .with(as(admin)))
                .andExpect(flash().attribute("flashSuccess", "invitation.flash.refused"));
        assertThat(role(b.id, stranger)).isNull();
        mvc.perform(post("/invitations/" + refusedToken).with(csrf()).with(as(stranger)))
                .andExpect(status().isGone());
        assertThat(actions(b.id))
                .contains("invitation.requested", "invitation.confirmed", "invitation.refused")
                .doesNotContain("invitation.accepted");
    }

    @Test
    void anInvitationToTheRightAddressJoinsOnlyWhenTheProviderDidNotSayItIsUnverified() throws Exception {
        long admin = person("Céleste", "celeste@verify.example");
        long unverified = person("Non vérifiée", "Invitee@Verify.example");
        verified(unverified, false);
        long confirmed = person("Vérifiée", "confirmed@verify.example");
        verified(confirmed, true);
        Fixture v = organisation("ACTIVE", null);
        member(v.id, admin, MembershipRole.ADMIN);

        String first = invite(v, admin, "invitee@verify.example", "MEMBER");
        mvc.perform(post("/invitations/" + first).with(csrf()).with(as(unverified)))
                .andExpect(status().isAccepted());
        assertThat(role(v.id, unverified)).isNull();

        String second = invite(v, admin, "CONFIRMED@verify.example", "MEMBER");
        mvc.perform(post("/invitations/" + second).with(csrf()).with(as(confirmed)))
                .andExpect(redirectedUrl("/organisations/" + v.slug))
                .andExpect(flash().attribute("flashSuccess", "invitation.flash.accepted"));
        assertThat(role(v.id, confirmed)).isEqualTo("MEMBER");
    }

    @Test
    void unknownExpiredAndRevokedInvitationsAreRefusedClearly() throws Exception {
        long admin = person("Karim", "karim@i.example");
        long invited = person("Léa", "lea@i.example");
        Fixture i = organisation("ACTIVE", null);
        member(i.id, admin, MembershipRole.ADMIN);

        Document unknown = html(mvc.perform(post("/invitations/" + Invitations.newToken())
                        .with(csrf())
                        .with(as(invited)))
                .andExpect(status().isNotFound()));
        assertThat(unknown.getElementById("invitation-unavailable").text()).contains("n’existe pas");

        String expired = Invitations.newToken();
        jdbc.sql("""
                        insert into invitation (organisation_id, email, role, token_hash, invited_by, created_at, expires_at)
                        values (:org, 'lea@i.example', 'MEMBER', :hash, :admin, now() - interval '8 days', now() - interval '1 day')
                        """)
                .param("org", i.id)
                .param("hash", Invitations.hash(expired))
                .param("admin", admin)
                .update();
        Document gone =
                html(mvc.perform(post("/invitations/" + expired).with(csrf()).with(as(invited)))
                        .andExpect(status().isGone()));
        assertThat(gone.getElementById("invitation-unavailable").text()).contains("expiré");

        var result = mvc.perform(post("/organisations/" + i.slug + "/invitations")
                        .with(csrf())
                        .with(as(admin))
                        .param("email", "lea@i.example")
                        .param("role", "ADMIN"))
                .andReturn();
        String link = (String) result.getFlashMap().get("invitationLink");
        long invitationId = jdbc.sql("select id from invitation where token_hash = :h")
                .param("h", Invitations.hash(link.substring(link.lastIndexOf('/') + 1)))
                .query(Long.class)
                .single();
        mvc.perform(post("/organisations/" + i.slug + "/invitations/" + invitationId + "/revoquer")
                        .with(csrf())
                        .with(as(admin)))
                .andExpect(flash().attribute("flashSuccess", "invitation.flash.revoked"));
        Document revoked = html(mvc.perform(post(link.substring("http://localhost".length()))
                        .with(csrf())
                        .with(as(invited)))
                .andExpect(status().isGone()));
        assertThat(revoked.getElementById("invitation-unavailable").text()).contains("révoquée");

        assertThat(role(i.id, invited)).isNull();
        assertThat(actions(i.id)).contains("invitation.revoked").doesNotContain("invitation.accepted");
    }

    @Test
    void onlyOrganisationAdminsManageMembers() throws Exception {
        long admin = person("Marc", "marc@j.example");
        long plain = person("Nina", "nina@j.example");
        Fixture j = organisation("ACTIVE", null);
        member(j.id, admin, MembershipRole.ADMIN);
        member(j.id, plain, MembershipRole.MEMBER);

        Document asMember =
                html(mvc.perform(get("/organisations/" + j.slug + "/membres").with(as(plain)))
                        .andExpect(status().isOk()));
        assertThat(asMember.select("#members tbody tr")).hasSize(2);
        assertThat(asMember.getElementById("invitation-form")).isNull();
        assertThat(asMember.select(".remove-member")).isEmpty();

        mvc.perform(post("/organisations/" + j.slug + "/membres/" + admin + "/retirer")
                        .with(csrf())
                        .with(as(plain)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/organisations/" + j.slug + "/membres/" + plain + "/role")
                        .param("role", "ADMIN")
                        .with(csrf())
                        .with(as(plain)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/organisations/" + j.slug + "/invitations")
                        .param("email", "x@y.fr")
                        .param("role", "ADMIN")
                        .with(csrf())
                        .with(as(plain)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/organisations/" + j.slug + "/journal").with(as(plain)))
                .andExpect(status().isForbidden());
        assertThat(role(j.id, admin)).isEqualTo("ADMIN");
        assertThat(role(j.id, plain)).isEqualTo("MEMBER");
    }

    @Test
    void theLastAdminCannotLeaveOrBeDemotedOrRemovedWhileOthersRemain() throws Exception {
        long admin = person("Olga", "olga@k.example");
        long plain = person("Paul", "paul@k.example");
        long platformAdmin = person("Quentin", "quentin@guichet.fr", PlatformRole.ADMIN);
        Fixture k = organisation("ACTIVE", null);
        member(k.id, admin, MembershipRole.ADMIN);
        member(k.id, plain, MembershipRole.MEMBER);

        mvc.perform(post("/organisations/" + k.slug + "/quitter").with(csrf()).with(as(admin)))
                .andExpect(flash().attribute("flashError", "organisation.members.error.lastAdminLeave"));
        mvc.perform(post("/organisations/" + k.slug + "/membres/" + admin + "/role")
                        .param("role", "MEMBER")
                        .with(csrf())
                        .with(as(admin)))
                .andExpect(flash().attribute("flashError", "organisation.members.error.lastAdmin"));
        mvc.perform(post("/organisations/" + k.slug + "/membres/" + admin + "/retirer")
                        .with(csrf())
                        .with(as(platformAdmin)))
                .andExpect(flash().attribute("flashError", "organisation.members.error.lastAdmin"));
        assertThat(role(k.id, admin)).isEqualTo("ADMIN");

        // Transfer: grant, then the former admin steps down and leaves.
        mvc.perform(post("/organisations/" + k.slug + "/membres/" + plain + "/role")
                        .param("role", "ADMIN")
                        .with(csrf())
                        .with(as(admin)))
                .andExpect(flash().attribute("flashSuccess", "organisation.members.flash.roleChanged"));
        mvc.perform(post("/organisations/" + k.slug + "/quitter").with(csrf()).with(as(admin)))
                .andExpect(redirectedUrl("/organisations"));
        assertThat(role(k.id, admin)).isNull();
        // A sole member may leave: the organisation is left without members.
        mvc.perform(post("/organisations/" + k.slug + "/quitter").with(csrf()).with(as(plain)))
                .andExpect(redirectedUrl("/organisations"));
        assertThat(count("select count(*) from membership where organisation_id = " + k.id))
                .isZero();
        assertThat(actions(k.id)).contains("membership.role_changed", "membership.left");
    }

    @Test
    void aRemovedMemberCanNoLongerEdit() throws Exception {
        long admin = person("Rémi", "remi@l.example");
        long plain = person("Sara", "sara@l.example");
        Fixture l = organisation("ACTIVE", null);
        member(l.id, admin, MembershipRole.ADMIN);
        member(l.id, plain, MembershipRole.MEMBER);

        mvc.perform(post("/organisations/" + l.slug + "/membres/" + plain + "/retirer")
                        .with(csrf())
                        .with(as(admin)))
                .andExpect(flash().attribute("flashSuccess", "organisation.members.flash.removed"));
        mvc.perform(edit(l.slug, "Après retrait", null, null, 0).with(as(plain)))
                .andExpect(status().isForbidden());
        assertThat(name(l.id)).isEqualTo(l.name);
        Map<String, Object> audit = jdbc.sql("select target_id, before_state->>'role' as role from audit_entry"
                        + " where organisation_id = :id and action = 'membership.removed'")
                .param("id", l.id)
                .query()
                .singleRow();
        assertThat(audit).containsEntry("target_id", String.valueOf(plain)).containsEntry("role", "MEMBER");
    }

    @Test
    void organisationAdminsReadTheirJournal() throws Exception {
        long admin = person("Théo", "theo@m.example");
        Fixture m = organisation("ACTIVE", null);
        member(m.id, admin, MembershipRole.ADMIN);
        mvc.perform(edit(m.slug, m.name, null, "Journalisé", 0).with(as(admin))).andExpect(status().is3xxRedirection());

        Document journal =
                html(mvc.perform(get("/organisations/" + m.slug + "/journal").with(as(admin)))
                        .andExpect(status().isOk()));
        assertThat(journal.select("#journal tbody tr")).hasSize(1);
        assertThat(journal.select("#journal code").text()).isEqualTo("organisation.updated");
        assertThat(journal.getElementById("journal-next")).isNull();
    }

    // --- claims and suggestions ------------------------------------------------------------------------------

    @Test
    void aPersonWhoseEmailDomainMatchesIsSuggestedToClaimAndAnAdminDecides() throws Exception {
        Fixture n = organisation("ACTIVE", "https://www.claim" + SEQUENCE.incrementAndGet() + ".example");
        String domain = jdbc.sql("select website_domain from organisation where id = :id")
                .param("id", n.id)
                .query(String.class)
                .single();
        long claimant = person("Ugo", "ugo@" + domain);
        long platformAdmin = person("Vera", "vera@guichet.fr", PlatformRole.ADMIN);
        // The domain is proven: an organisation admin signed in with a verified address on it.
        long domainAdmin = person("Valérie", "valerie@" + domain);
        verified(domainAdmin, true);
        member(n.id, domainAdmin, MembershipRole.ADMIN);

        Document page = html(
                mvc.perform(get("/organisations/" + n.slug).with(as(claimant))).andExpect(status().isOk()));
        assertThat(page.getElementById("domain-match")).isNotNull();
        assertThat(page.getElementById("claim-submit")).isNotNull();
        Document mine =
                html(mvc.perform(get("/organisations").with(as(claimant))).andExpect(status().isOk()));
        assertThat(mine.select("#suggested-organisations a").eachText()).contains(n.name);

        mvc.perform(post("/organisations/" + n.slug + "/revendiquer")
                        .param("justification", "trop court")
                        .with(csrf())
                        .with(as(claimant)))
                .andExpect(flash().attribute("flashError", "claim.error.justification"));
        String justification = "Je suis directeur des opérations, vérifiable sur le site.";
        mvc.perform(post("/organisations/" + n.slug + "/revendiquer")
                        .param("justification", justification)
                        .with(csrf())
                        .with(as(claimant)))
                .andExpect(flash().attribute("flashSuccess", "claim.flash.created"));
        mvc.perform(post("/organisations/" + n.slug + "/revendiquer")
                        .param("justification", justification)
                        .with(csrf())
                        .with(as(claimant)))
                .andExpect(flash().attribute("flashError", "claim.error.alreadyPending"));
        long claimId = jdbc.sql("select id from organisation_claim where person_id = :p")
                .param("p", claimant)
                .query(Long.class)
                .single();

        mvc.perform(get("/admin/organisations").with(as(claimant))).andExpect(status().isForbidden());
        mvc.perform(post("/admin/organisations/revendications/" + claimId + "/approuver")
                        .with(csrf())
                        .with(as(claimant)))
                .andExpect(status().isForbidden());
        Document admin = html(
                mvc.perform(get("/admin/organisations").with(as(platformAdmin))).andExpect(status().isOk()));
        assertThat(admin.getElementById("claim-" + claimId)).isNotNull();

        mvc.perform(post("/admin/organisations/revendications/" + claimId + "/rejeter")
                        .param("reason", " ")
                        .with(csrf())
                        .with(as(platformAdmin)))
                .andExpect(flash().attribute("flashError", "admin.organisations.error.reasonRequired"));
        mvc.perform(post("/admin/organisations/revendications/" + claimId + "/approuver")
                        .with(csrf())
                        .with(as(platformAdmin)))
                .andExpect(flash().attribute("flashSuccess", "admin.organisations.flash.claimApproved"));
        assertThat(role(n.id, claimant))
                .as("the organisation has an admin: the claimant becomes a member")
                .isEqualTo("MEMBER");
        assertThat(actions(n.id)).contains("claim.created", "claim.approved");
    }

    @Test
    void aWebsiteDomainSuggestsClaimsOnlyOnceAnAdminWithAVerifiedAddressOnItProvedIt() throws Exception {
        Fixture q = organisation("ACTIVE", "https://www.unproven" + SEQUENCE.incrementAndGet() + ".example");
        String domain = jdbc.sql("select website_domain from organisation where id = :id")
                .param("id", q.id)
                .query(String.class)
                .single();
        long visitor = person("Quidam", "quidam@" + domain);
        long admin = person("Admin non vérifié", "admin@" + domain);
        member(q.id, admin, MembershipRole.ADMIN);
        verified(admin, false);

        assertThat(html(mvc.perform(get("/organisations").with(as(visitor))))
                        .select("#suggested-organisations a")
                        .eachText())
                .doesNotContain(q.name);
        assertThat(html(mvc.perform(get("/organisations/" + q.slug).with(as(visitor))))
                        .getElementById("domain-match"))
                .isNull();

        verified(admin, true);
        assertThat(html(mvc.perform(get("/organisations").with(as(visitor))))
                        .select("#suggested-organisations a")
                        .eachText())
                .contains(q.name);
        // The visitor's own address must be verified too.
        verified(visitor, false);
        assertThat(html(mvc.perform(get("/organisations/" + q.slug).with(as(visitor))))
                        .getElementById("domain-match"))
                .isNull();
    }

    @Test
    void aRejectedClaimShowsItsReasonToTheClaimant() throws Exception {
        long existingAdmin = person("Wim", "wim@o.example");
        long claimant = person("Xavier", "xavier@autre.example");
        long platformAdmin = person("Yasmine", "yasmine@guichet.fr", PlatformRole.ADMIN);
        Fixture o = organisation("ACTIVE", null);
        member(o.id, existingAdmin, MembershipRole.ADMIN);
        mvc.perform(post("/organisations/" + o.slug + "/revendiquer")
                        .param("justification", "Responsable qualité depuis 2019, joignable au standard.")
                        .with(csrf())
                        .with(as(claimant)))
                .andExpect(flash().attribute("flashSuccess", "claim.flash.created"));
        long claimId = jdbc.sql("select id from organisation_claim where person_id = :p")
                .param("p", claimant)
                .query(Long.class)
                .single();

        mvc.perform(post("/admin/organisations/revendications/" + claimId + "/rejeter")
                        .param("reason", "Fonction non vérifiable")
                        .with(csrf())
                        .with(as(platformAdmin)))
                .andExpect(flash().attribute("flashSuccess", "admin.organisations.flash.claimRejected"));

        assertThat(role(o.id, claimant)).isNull();
        Document mine =
                html(mvc.perform(get("/organisations").with(as(claimant))).andExpect(status().isOk()));
        assertThat(mine.select("#my-claims tbody tr").text())
                .contains("Refusée")
                .contains("Fonction non vérifiable");
    }

    // --- admin back office ------------------------------------------------------------------------------------

    @Test
    void platformAdminsApproveOrRejectPendingOrganisations() throws Exception {
        long creator = person("Zoé", "zoe@p.example");
        long platformAdmin = person("Alix", "alix@guichet.fr", PlatformRole.ADMIN);
        Fixture approved = organisation("PENDING", null);
        Fixture rejected = organisation("PENDING", null);
        member(rejected.id, creator, MembershipRole.ADMIN);

        Document admin = html(
                mvc.perform(get("/admin/organisations").with(as(platformAdmin)).param("lang", "en"))
                        .andExpect(status().isOk()));
        assertThat(admin.getElementById("pending-" + approved.id)).isNotNull();
        assertThat(admin.selectFirst("h1").text()).isEqualTo("Organisations administration");
        Document search = html(mvc.perform(get("/admin/organisations")
                        .with(as(platformAdmin))
                        .param("q", approved.name)
                        .param("statut", "PENDING"))
                .andExpect(status().isOk()));
        assertThat(search.select("#organisations tbody tr")).hasSize(1);

        mvc.perform(post("/admin/organisations/" + approved.id + "/approuver")
                        .with(csrf())
                        .with(as(creator)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/organisations/" + approved.id + "/approuver")
                        .with(csrf())
                        .with(as(platformAdmin)))
                .andExpect(flash().attribute("flashSuccess", "admin.organisations.flash.approved"));
        mvc.perform(post("/admin/organisations/" + rejected.id + "/rejeter")
                        .param("reason", "")
                        .with(csrf())
                        .with(as(platformAdmin)))
                .andExpect(flash().attribute("flashError", "admin.organisations.error.reasonRequired"));
        mvc.perform(post("/admin/organisations/" + rejected.id + "/rejeter")
                        .param("reason", "Doublon de Démo CDMO")
                        .with(csrf())
                        .with(as(platformAdmin)))
                .andExpect(flash().attribute("flashSuccess", "admin.organisations.flash.rejected"));

        mvc.perform(get("/organisations/" + approved.slug)).andExpect(status().isOk());
        mvc.perform(get("/organisations/" + rejected.slug)).andExpect(status().isNotFound());
        Document seenByCreator =
                html(mvc.perform(get("/organisations/" + rejected.slug).with(as(creator)))
                        .andExpect(status().isOk()));
        assertThat(seenByCreator.text()).contains("Doublon de Démo CDMO");
        assertThat(actions(approved.id)).containsExactly("organisation.approved");
        assertThat(actions(rejected.id)).containsExactly("organisation.rejected");
        // Each decision tells the search indexer once it is committed (its sites appear or stay hidden).
        for (long id : new long[] {approved.id, rejected.id}) {
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(
                                    jdbc.sql("select count(*) from outbox where aggregate_type = 'organisation'"
                                                    + " and aggregate_id = :id")
                                            .param("id", id)
                                            .query(Long.class)
                                            .single())
                            .isOne());
        }
    }

    // --- fixtures ---------------------------------------------------------------------------------------------

    private record Fixture(long id, String slug, String name) {}

    private Fixture organisation(String status, String website) {
        int n = SEQUENCE.incrementAndGet();
        String slug = "org-" + n + "-" + UUID.randomUUID().toString().substring(0, 6);
        String name = "Organisation " + n;
        long id = jdbc.sql("""
                        insert into organisation (slug, name, kind, website, website_domain, status)
                        values (:slug, :name, 'MANUFACTURER', :website, :domain, :status) returning id
                        """)
                .param("slug", slug)
                .param("name", name)
                .param("website", website)
                .param("domain", Websites.domainOf(website))
                .param("status", status)
                .query(Long.class)
                .single();
        return new Fixture(id, slug, name);
    }

    private long person(String name, String email, PlatformRole... roles) {
        return TestPeople.person(jdbc, name, email, roles);
    }

    private void member(long organisationId, long personId, MembershipRole role) {
        jdbc.sql("insert into membership (organisation_id, person_id, role) values (:o, :p, :r)")
                .param("o", organisationId)
                .param("p", personId)
                .param("r", role.name())
                .update();
    }

    /** What the identity provider said of the person's address at sign-in. */
    private void verified(long personId, boolean verified) {
        jdbc.sql("update person set email_verified = :v where id = :id")
                .param("v", verified)
                .param("id", personId)
                .update();
    }

    /** An organisation admin invites the address; returns the link's token. */
    private String invite(Fixture organisation, long admin, String email, String role) throws Exception {
        String link = (String) mvc.perform(post("/organisations/" + organisation.slug + "/invitations")
                        .with(csrf())
                        .with(as(admin))
                        .param("email", email)
                        .param("role", role))
                .andReturn()
                .getFlashMap()
                .get("invitationLink");
        return link.substring(link.lastIndexOf('/') + 1);
    }

    private RequestPostProcessor as(long personId) {
        return TestPeople.signedIn(jdbc, personId);
    }

    private static MockHttpServletRequestBuilder edit(
            String slug, String name, String website, String description, int version) {
        MockHttpServletRequestBuilder request = post("/organisations/" + slug + "/modifier")
                .with(csrf())
                .param("name", name)
                .param("version", String.valueOf(version));
        if (website != null) {
            request.param("website", website);
        }
        if (description != null) {
            request.param("description", description);
        }
        return request;
    }

    private String name(long organisationId) {
        return jdbc.sql("select name from organisation where id = :id")
                .param("id", organisationId)
                .query(String.class)
                .single();
    }

    private String role(long organisationId, long personId) {
        return jdbc.sql("select role from membership where organisation_id = :o and person_id = :p")
                .param("o", organisationId)
                .param("p", personId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private List<String> actions(long organisationId) {
        return jdbc.sql("select action from audit_entry where organisation_id = :id order by id")
                .param("id", organisationId)
                .query(String.class)
                .list();
    }

    private static Document html(ResultActions result) throws Exception {
        return Jsoup.parse(result.andReturn().getResponse().getContentAsString());
    }
}
