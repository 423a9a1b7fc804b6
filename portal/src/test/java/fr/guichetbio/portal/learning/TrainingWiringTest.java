package fr.guichetbio.portal.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestPeople;
import fr.guichetbio.training.Learner;
import fr.guichetbio.training.Learner.Affiliation;
import fr.guichetbio.training.Learners;
import fr.guichetbio.training.learner.LearnerAccess;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The training module inside the portal, on a real PostgreSQL migrated by the master changelog: its services are
 * wired to the portal's adapter of its port, its changelog ran after the portal's, and training sees the signed-in
 * person with their roles and organisations as the portal's database holds them.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1"
        })
class TrainingWiringTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    LearnerAccess access;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void trainingRunsOnThePortalsAdapterOfItsPort() {
        assertThat(context.getBeansOfType(Learners.class).values())
                .singleElement()
                .isInstanceOf(PortalLearners.class);
        assertThat(context.getBeansOfType(LearnerAccess.class)).hasSize(1);
    }

    @Test
    void trainingsChangelogRanAfterThePortalsAndCreatedItsTable() {
        List<String> columns = jdbc.sql("""
                        select column_name from information_schema.columns
                         where table_schema = current_schema() and table_name = 'learning_path'
                         order by ordinal_position
                        """).query(String.class).list();
        assertThat(columns)
                .containsExactly(
                        "id", "code", "title_fr", "title_en", "role", "created_at", "outcome_fr", "outcome_en");

        Integer lastPortalChange = jdbc.sql("""
                        select max(orderexecuted) from databasechangelog where filename like 'db/changelog/changes/%'
                        """).query(Integer.class).single();
        Integer trainingChange = jdbc.sql(
                        "select orderexecuted from databasechangelog where id = 'training-0001-learning-path'"
                                + " and filename = 'db/changelog/training/0001-learning-path.yaml'")
                .query(Integer.class)
                .single();
        assertThat(trainingChange).isGreaterThan(lastPortalChange);
    }

    @Test
    void learningPathsKeepTheirCodeUniqueAndWellFormed() {
        jdbc.sql("insert into learning_path (code, title_fr, role) values ('analyste-cq', 'Analyste CQ', 'QC_ANALYST')")
                .update();

        assertThat(jdbc.sql("select created_at from learning_path where code = 'analyste-cq'")
                        .query(Instant.class)
                        .single())
                .isNotNull();
        assertThatThrownBy(() -> jdbc.sql("insert into learning_path (code, title_fr, role)"
                                + " values ('analyste-cq', 'Autre', 'QC_ANALYST')")
                        .update())
                .hasMessageContaining("learning_path_code_uk");
        assertThatThrownBy(() -> jdbc.sql("insert into learning_path (code, title_fr, role)"
                                + " values ('Analyste CQ', 'Autre', 'QC_ANALYST')")
                        .update())
                .hasMessageContaining("learning_path_code_ck");
        assertThatThrownBy(() -> jdbc.sql("insert into learning_path (code, title_fr, role)"
                                + " values ('vide', '  ', 'QC_ANALYST')")
                        .update())
                .hasMessageContaining("learning_path_title_fr_ck");
    }

    @Test
    void trainingSeesTheSignedInPersonWithTheirRolesAndOrganisations() {
        long person = TestPeople.person(jdbc, "Camille Martin", "camille@example.org", PlatformRole.INSTRUCTOR);
        long provider = organisation("institut-formation", "TRAINING_PROVIDER");
        long sponsor = organisation("biotech-sponsor", "SPONSOR");
        long other = organisation("autre-organisme", "TRAINING_PROVIDER");
        member(provider, person, "ADMIN");
        member(sponsor, person, "MEMBER");
        signIn(person, "Camille Martin", Set.of(PlatformRole.INSTRUCTOR));
        LocaleContextHolder.setLocale(Locale.ENGLISH);

        Learner learner = access.requireLearner();

        assertThat(learner.personId()).isEqualTo(person);
        assertThat(learner.displayName()).isEqualTo("Camille Martin");
        assertThat(learner.locale()).isEqualTo(Locale.ENGLISH);
        assertThat(learner.roles()).containsExactly(Learner.Role.INSTRUCTOR);
        assertThat(learner.affiliations())
                .containsExactlyInAnyOrder(
                        new Affiliation(provider, true, true), new Affiliation(sponsor, false, false));
        assertThat(access.canAuthor(provider)).isTrue();
        assertThat(access.canAuthor(sponsor)).as("not a training provider").isFalse();
        assertThat(access.canAuthor(other))
                .as("a provider the person does not belong to")
                .isFalse();
    }

    @Test
    void membershipsChangedSinceSignInAreSeenAtOnce() {
        long person = TestPeople.person(jdbc, "Sacha Roux", "sacha@example.org", PlatformRole.INSTRUCTOR);
        long provider = organisation("centre-formation", "TRAINING_PROVIDER");
        signIn(person, "Sacha Roux", Set.of(PlatformRole.INSTRUCTOR, PlatformRole.ADMIN));
        assertThat(access.canAuthor(provider)).isFalse();

        member(provider, person, "MEMBER");

        Learner learner = access.requireLearner();
        assertThat(learner.affiliations()).containsExactly(new Affiliation(provider, true, false));
        assertThat(learner.roles()).containsExactlyInAnyOrder(Learner.Role.INSTRUCTOR, Learner.Role.ADMIN);
        assertThat(access.canAuthor(provider)).isTrue();
    }

    @Test
    void nobodySignedInIsNoLearner() {
        assertThat(context.getBean(Learners.class).current()).isEmpty();
        assertThatThrownBy(access::requireLearner).isInstanceOf(AccessDeniedException.class);
    }

    private long organisation(String slug, String kind) {
        return jdbc.sql("""
                        insert into organisation (slug, name, kind, status) values (:slug, :slug, :kind, 'ACTIVE')
                        returning id
                        """)
                .param("slug", slug)
                .param("kind", kind)
                .query(Long.class)
                .single();
    }

    private void member(long organisation, long person, String role) {
        jdbc.sql("insert into membership (organisation_id, person_id, role) values (:organisation, :person, :role)")
                .param("organisation", organisation)
                .param("person", person)
                .param("role", role)
                .update();
    }

    /** As the portal's sign-in leaves the security context for a request. */
    private static void signIn(long personId, String name, Set<PlatformRole> roles) {
        OidcIdToken token = OidcIdToken.withTokenValue("id-token")
                .issuer("http://localhost:1/issuer")
                .subject("person-" + personId)
                .claim("name", name)
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(3600))
                .build();
        PortalUser user = new PortalUser(
                new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")), token, "name"),
                personId,
                name,
                roles);
        SecurityContext securityContext = SecurityContextHolder.createEmptyContext();
        securityContext.setAuthentication(new OAuth2AuthenticationToken(user, user.getAuthorities(), "guichet"));
        SecurityContextHolder.setContext(securityContext);
    }
}
