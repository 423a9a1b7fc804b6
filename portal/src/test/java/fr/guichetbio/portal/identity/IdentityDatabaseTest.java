package fr.guichetbio.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.audit.AuditTrail.AuditEntry;
import fr.guichetbio.portal.audit.AuditTrail.AuditQuery;
import fr.guichetbio.portal.support.TestDatabase;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The identity module's SQL and services against a real PostgreSQL (a throwaway database migrated by Liquibase):
 * search, role grants, suspension, profile, deletion, the demo accounts seeder and the audit trail's trigger.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.demo.accounts=demo-sponsor:SPONSOR, demo-admin:ADMIN,demo-admin:INSTRUCTOR"
        })
class IdentityDatabaseTest {

    static final String ISSUER = "http://localhost:1/issuer";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    Persons persons;

    @Autowired
    People people;

    @Autowired
    PersonAdministration administration;

    @Autowired
    Accounts accounts;

    @Autowired
    AuditTrail audit;

    @Autowired
    DemoAccountsSeeder seeder;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theSeederCreatedTheDemoPeopleWithTheirRolesAndIsIdempotent() {
        long sponsor = people.idOf(ISSUER, "demo-sponsor").orElseThrow();
        long admin = people.idOf(ISSUER, "demo-admin").orElseThrow();

        seeder.seed();

        assertThat(people.idOf(ISSUER, "demo-admin")).contains(admin);
        assertThat(people.find(sponsor).orElseThrow().roles()).containsExactly(PlatformRole.SPONSOR);
        assertThat(people.find(admin).orElseThrow().roles())
                .containsExactlyInAnyOrder(PlatformRole.ADMIN, PlatformRole.INSTRUCTOR);
        assertThat(audit.find(new AuditQuery(null, null, "role.granted", "person", null, null, 0, 200)).stream()
                        .filter(entry -> entry.targetId().equals(String.valueOf(admin))))
                .as("granted once, by the system")
                .hasSize(2)
                .allSatisfy(entry -> assertThat(entry.actorPersonId()).isNull());

        // The first real login of a seeded person keeps its id and roles and sets its login dates.
        Persons.SignedInPerson signedIn =
                persons.recordLogin(new Persons.PersonLogin(ISSUER, "demo-sponsor", "Démo Sponsor", null, "fr"));
        assertThat(signedIn.id()).isEqualTo(sponsor);
        assertThat(signedIn.roles()).containsExactly(PlatformRole.SPONSOR);
        assertThat(people.find(sponsor).orElseThrow().lastLoginAt()).isNotNull();
    }

    @Test
    void whatTheProviderSaidOfTheAddressIsKeptAndDecidesWhetherItCountsAsVerified() {
        long said = persons.recordLogin(
                        new Persons.PersonLogin(ISSUER, "verified-no", "Non", "Non@Verif.example", "fr", false))
                .id();
        long silent = persons.recordLogin(
                        new Persons.PersonLogin(ISSUER, "verified-silent", "Muet", "muet@verif.example", "fr", null))
                .id();
        assertThat(people.verifiedEmail(said)).isEmpty();
        assertThat(people.verifiedEmail(silent))
                .as("a provider that sends no email_verified claim")
                .contains("muet@verif.example");

        // The next sign-in refreshes it.
        persons.recordLogin(new Persons.PersonLogin(ISSUER, "verified-no", "Non", "Non@Verif.example", "fr", true));
        assertThat(people.verifiedEmail(said)).contains("non@verif.example");
        assertThat(jdbc.sql("select email_verified from person where id = :id")
                        .param("id", said)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void searchFindsByNameChosenNameEmailOrSubjectAndEscapesWildcards() {
        long camille = login("search-camille", "Camille Durand", "camille@labo.example");
        long dominique = login("search-dominique", "Dominique Petit", "dominique@cdmo.example");
        jdbc.sql("update person set display_name = 'Dom P.' where id = :id")
                .param("id", dominique)
                .update();

        assertThat(ids(people.search("durand", 0))).contains(camille).doesNotContain(dominique);
        assertThat(ids(people.search("CDMO.EXAMPLE", 0))).contains(dominique);
        assertThat(ids(people.search("dom p", 0))).contains(dominique);
        assertThat(ids(people.search("search-camille", 0))).containsExactly(camille);
        assertThat(people.search("%", 0)).as("% is not a wildcard").isEmpty();
        assertThat(people.search("", 0)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(people.search("", 1000)).isEmpty();
        assertThat(people.find(dominique).orElseThrow().displayName()).isEqualTo("Dom P.");
    }

    @Test
    void adminsGrantAndRevokeRolesWithAnAuditEntryButNotTheirOwnAdminRole() {
        long admin = login("roles-admin", "Admin", null);
        persons.grant(admin, PlatformRole.ADMIN, null);
        long person = login("roles-person", "Personne", null);
        PortalUser actor = user(admin, PlatformRole.ADMIN);

        assertThat(administration.grant(actor, person, PlatformRole.AGENCY_ANALYST))
                .isTrue();
        assertThat(administration.grant(actor, person, PlatformRole.AGENCY_ANALYST))
                .as("idempotent")
                .isFalse();
        assertThat(people.find(person).orElseThrow().roles()).containsExactly(PlatformRole.AGENCY_ANALYST);
        assertThat(administration.revoke(actor, person, PlatformRole.AGENCY_ANALYST))
                .isTrue();
        assertThat(people.find(person).orElseThrow().roles()).isEmpty();

        List<AuditEntry> entries = audit.find(new AuditQuery(null, admin, "role.", "person", null, null, 0, 50));
        assertThat(entries).extracting(AuditEntry::action).containsExactly("role.revoked", "role.granted");
        assertThat(entries.get(1).after()).contains("AGENCY_ANALYST");
        assertThat(entries.get(1).targetId()).isEqualTo(String.valueOf(person));

        assertThatThrownBy(() -> administration.revoke(actor, admin, PlatformRole.ADMIN))
                .isInstanceOfSatisfying(
                        AccountRefusedException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("admin.users.error.selfRevokeAdmin"));
        assertThat(persons.roles(admin)).contains(PlatformRole.ADMIN);
        assertThatThrownBy(() -> administration.grant(user(person), admin, PlatformRole.SPONSOR))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void suspensionEndsTheSessionStateAndIsAudited() {
        long admin = login("suspend-admin", "Admin", null);
        long person = login("suspend-person", "Personne", null);
        PortalUser actor = user(admin, PlatformRole.ADMIN);

        assertThatThrownBy(() -> administration.suspend(actor, admin, "moi"))
                .isInstanceOfSatisfying(
                        AccountRefusedException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("admin.users.error.selfSuspend"));
        assertThatThrownBy(() -> administration.suspend(actor, person, "  "))
                .isInstanceOf(AccountRefusedException.class);

        administration.suspend(actor, person, " Usurpation d'identité ");

        assertThat(people.sessionState(person).orElseThrow().suspended()).isTrue();
        PersonSummary suspended = people.find(person).orElseThrow();
        assertThat(suspended.suspensionReason()).isEqualTo("Usurpation d'identité");
        assertThat(persons.recordLogin(new Persons.PersonLogin(ISSUER, "suspend-person", null, null, null))
                        .suspended())
                .isTrue();

        administration.unsuspend(actor, person);

        assertThat(people.sessionState(person).orElseThrow().suspended()).isFalse();
        assertThat(audit.find(new AuditQuery(null, admin, "person.", "person", null, null, 0, 50)))
                .extracting(AuditEntry::action)
                .containsExactly("person.unsuspended", "person.suspended");
    }

    @Test
    void profileUpdateIsAuditedWithoutEmail() {
        long person = login("profile-person", "Claude Martin", "claude@example.org");

        accounts.updateProfile(user(person), "  Claude M.  ", "en");

        PersonSummary updated = people.find(person).orElseThrow();
        assertThat(updated.displayName()).isEqualTo("Claude M.");
        assertThat(updated.language()).isEqualTo("en");
        AuditEntry entry = audit.find(new AuditQuery(null, person, "person.profile_updated", null, null, null, 0, 5))
                .getFirst();
        assertThat(entry.before()).contains("Claude Martin").doesNotContain("claude@example.org");
        assertThat(entry.after()).contains("Claude M.").contains("\"en\"");
        assertThatThrownBy(() -> accounts.updateProfile(user(person), " ", "fr"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> accounts.updateProfile(user(person), "x".repeat(121), "fr"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletionPseudonymisesThePersonKeepsTheAuditAndALaterLoginIsAFreshPerson() {
        long person = login("delete-person", "Alex Dupont", "alex@example.org");
        persons.grant(person, PlatformRole.SPONSOR, null);
        accounts.updateProfile(user(person), "Alex D.", "fr");

        new TransactionTemplate(transactions)
                .executeWithoutResult(status -> accounts.delete(user(person), Map.of("organisationsLeft", List.of())));

        Map<String, Object> row = persons.row(person);
        assertThat(row.get("subject")).isEqualTo("deleted-" + person);
        assertThat(row.get("name")).isNull();
        assertThat(row.get("email")).isNull();
        assertThat(row.get("display_name")).isNull();
        assertThat(row.get("deleted_at")).isNotNull();
        assertThat(persons.roles(person)).isEmpty();
        assertThat(people.sessionState(person).orElseThrow().deleted()).isTrue();
        assertThat(people.search("Alex", 0)).isEmpty();
        List<AuditEntry> entries = audit.find(new AuditQuery(null, person, "person.", null, null, null, 0, 5));
        assertThat(entries).extracting(AuditEntry::action).containsExactly("person.deleted", "person.profile_updated");
        assertThat(entries.get(1).after()).as("kept unchanged").contains("Alex D.");
        assertThat(entries.getFirst().actorName()).as("anonymous now").isNull();

        long again = login("delete-person", "Alex Dupont", "alex@example.org");
        assertThat(again).isNotEqualTo(person);
        assertThat(persons.roles(again)).isEmpty();
    }

    @Test
    void theAuditTrailRefusesUpdatesAndDeletes() {
        long person = login("audit-person", "Audit", null);
        accounts.updateProfile(user(person), "Audité", "fr");
        long entry = audit.find(new AuditQuery(null, person, null, null, null, null, 0, 1))
                .getFirst()
                .id();

        assertThatThrownBy(() -> jdbc.sql("update audit_entry set action = 'forged' where id = :id")
                        .param("id", entry)
                        .update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_entry where id = :id")
                        .param("id", entry)
                        .update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_entry").update()).isInstanceOf(DataAccessException.class);
    }

    @Test
    void demoAccountsPropertyIsParsedStrictly() {
        assertThat(new DemoAccountsProperties("a:sponsor, b:ADMIN,").parsed())
                .containsExactly(
                        new DemoAccountsProperties.DemoAccount("a", PlatformRole.SPONSOR),
                        new DemoAccountsProperties.DemoAccount("b", PlatformRole.ADMIN));
        assertThatThrownBy(() -> new DemoAccountsProperties("a:KING").parsed())
                .hasMessageContaining("unknown role 'KING'");
        assertThatThrownBy(() -> new DemoAccountsProperties("nobody").parsed()).hasMessageContaining("username:ROLE");
    }

    private long login(String subject, String name, String email) {
        return persons.recordLogin(new Persons.PersonLogin(ISSUER, subject, name, email, "fr"))
                .id();
    }

    private static List<Long> ids(List<PersonSummary> found) {
        return found.stream().map(PersonSummary::id).toList();
    }

    static PortalUser user(long personId, PlatformRole... roles) {
        OidcIdToken idToken = OidcIdToken.withTokenValue("id-token")
                .issuer(ISSUER)
                .subject("person-" + personId)
                .claim("name", "Person " + personId)
                .build();
        Set<PlatformRole> set = EnumSet.noneOf(PlatformRole.class);
        set.addAll(List.of(roles));
        return new PortalUser(new DefaultOidcUser(List.of(), idToken), personId, "Person " + personId, set);
    }
}
