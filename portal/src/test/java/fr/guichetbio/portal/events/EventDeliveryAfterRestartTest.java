package fr.guichetbio.portal.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichetbio.portal.PortalApplication;
import fr.guichetbio.portal.catalogue.moderation.ListingReviews;
import fr.guichetbio.portal.catalogue.moderation.Reviewed;
import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.identity.PortalUser;
import fr.guichetbio.portal.organisation.OrganisationService;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestPeople;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * A portal that stops between the commit of a change and the listeners of its events loses neither the re-index of
 * an approved organisation nor the notice of a rejected listing: the publications stay in {@code event_publication}
 * and another portal on the same database completes them once they are stale (waiting for their listener longer than
 * {@code spring.modulith.events.staleness.published}, here a second), not at its start: a starting replica must not
 * take over the publications a live one is processing.
 *
 * <p>The stop is made certain rather than raced: the first portal's listener thread is held busy, so the listeners
 * wait in its queue, and the portal is then closed without waiting for queued work, as a killed process would.
 */
@ExtendWith(OutputCaptureExtension.class)
class EventDeliveryAfterRestartTest {

    private static final String REASON = "Le site ne décrit aucune capacité vérifiable (test de redémarrage).";

    @Test
    void publicationsLeftByAStoppedPortalAreCompletedByTheNextOne(CapturedOutput output) {
        String database = TestDatabase.create();
        long organisation;
        try (ConfigurableApplicationContext first = portal(database)) {
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            PortalUser moderator = moderator(jdbc);
            organisation = pendingOrganisationWithAdmin(jdbc);
            long site = siteOf(jdbc, organisation);

            CountDownLatch never = new CountDownLatch(1);
            first.getBean("applicationTaskExecutor", TaskExecutor.class).execute(() -> {
                try {
                    never.await();
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            });
            first.getBean(OrganisationService.class).approve(moderator, organisation);
            int version = jdbc.sql("select version from site where id = :id")
                    .param("id", site)
                    .query(Integer.class)
                    .single();
            first.getBean(ListingReviews.class).reject(moderator, site, Reviewed.listing(version), REASON);

            // Committed, listeners not run: the publications wait in the table (the demo data's too).
            assertThat(incomplete(jdbc, "OrganisationChanges", organisation)).isOne();
            assertThat(incomplete(jdbc, "RejectionNotices", organisation)).isOne();
            assertThat(organisationRows(jdbc, organisation)).isZero();
            assertThat(jdbc.sql("select count(*) from notification")
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        try (ConfigurableApplicationContext second = portal(
                database,
                "--spring.modulith.events.staleness.published=1s",
                "--spring.modulith.events.staleness.check-intervall=1s",
                "--guichet.events.check-every=1s",
                "--guichet.events.resubmit-after=0s")) {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> incomplete(jdbc, "OrganisationChanges", organisation) == 0
                            && incomplete(jdbc, "RejectionNotices", organisation) == 0);
            assertThat(organisationRows(jdbc, organisation)).isOne();
            // The rejected listing's notice (and its e-mail in the outbox) reached the organisation's administrator.
            assertThat(jdbc.sql("""
                            select count(*) from notification n join person p on p.id = n.person_id
                              join mail_outbox o on o.notification_id = n.id
                             where p.email = 'restart-admin@example.org' and :reason = any(n.arguments)""").param("reason", REASON).query(Long.class).single())
                    .isOne();
        }
    }

    /**
     * A portal on the database, its listeners on one thread, stopped without waiting for queued work; {@code more}
     * arguments on top.
     */
    private static ConfigurableApplicationContext portal(String database, String... more) {
        // Arguments, not default properties: they must win over the configuration files.
        return new SpringApplicationBuilder(PortalApplication.class)
                .run(Stream.concat(
                                Stream.of(
                                        "--server.port=0",
                                        "--spring.datasource.url=" + TestDatabase.url(database),
                                        "--spring.datasource.username=postgres",
                                        "--spring.datasource.password=",
                                        "--spring.elasticsearch.uris=http://127.0.0.1:1",
                                        "--guichet.indexing.enabled=false",
                                        "--guichet.demo.accounts=",
                                        "--spring.task.execution.pool.core-size=1",
                                        "--spring.task.execution.pool.max-size=1",
                                        "--spring.modulith.default-async-termination=false",
                                        "--spring.task.execution.shutdown.await-termination=false"),
                                Stream.of(more))
                        .toArray(String[]::new));
    }

    /** Incomplete publications for the listener of an event about the organisation. */
    private static long incomplete(JdbcClient jdbc, String listener, long organisation) {
        return jdbc.sql("""
                        select count(*) from event_publication
                         where completion_date is null and listener_id like :l
                           and serialized_event ~ ('"organisationId":' || :o || '[,}]')
                        """)
                .param("l", "%" + listener + "%")
                .param("o", organisation)
                .query(Long.class)
                .single();
    }

    private static long organisationRows(JdbcClient jdbc, long organisation) {
        return jdbc.sql("select count(*) from outbox where aggregate_type = 'organisation' and aggregate_id = :o")
                .param("o", organisation)
                .query(Long.class)
                .single();
    }

    private static PortalUser moderator(JdbcClient jdbc) {
        long id = TestPeople.person(jdbc, "Restart Moderator", "restart-moderator@example.org", PlatformRole.ADMIN);
        OidcIdToken token = OidcIdToken.withTokenValue("id-token")
                .issuer("http://localhost:1/issuer")
                .subject("restart-moderator")
                .claim("name", "Restart Moderator")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(3600))
                .build();
        return new PortalUser(
                new DefaultOidcUser(List.of(), token, "name"), id, "Restart Moderator", Set.of(PlatformRole.ADMIN));
    }

    private static long pendingOrganisationWithAdmin(JdbcClient jdbc) {
        long organisation = jdbc.sql("""
                        insert into organisation (slug, name, kind, status)
                        values ('restart-bio', 'Restart Bio (fictive)', 'MANUFACTURER', 'PENDING') returning id
                        """).query(Long.class).single();
        long admin = TestPeople.person(jdbc, "Restart Admin", "restart-admin@example.org");
        jdbc.sql("insert into membership (organisation_id, person_id, role) values (:o, :p, 'ADMIN')")
                .param("o", organisation)
                .param("p", admin)
                .update();
        return organisation;
    }

    private static long siteOf(JdbcClient jdbc, long organisation) {
        return jdbc.sql("""
                        insert into site (site_key, organisation_id, name, postal_code, city, region_code, country)
                        values ('restart-site', :o, 'Site de redémarrage', '69007', 'Lyon', '84', 'FR')
                        returning id
                        """).param("o", organisation).query(Long.class).single();
    }
}
