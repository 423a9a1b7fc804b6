package fr.guichetbio.portal.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestPeople;
import java.util.List;
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
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notification module on a real PostgreSQL: a notice and its e-mail are written in the caller's transaction (and
 * not at all when it rolls back), the person's e-mail choices are honoured, undeclared categories are refused; the
 * list, "mark all read", the header's counter and the preferences page through MockMvc.
 */
@SpringBootTest(
        properties = {
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.indexing.enabled=false",
            "guichet.rate-limit.enabled=false"
        })
@AutoConfigureMockMvc
class NotificationsTest {

    static final String CATEGORY = "catalogue.rejection";
    static final String KEY = "notification.catalogue.listingRejected";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    Notifications notifications;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    long person;

    @BeforeEach
    void fixture() {
        String n = UUID.randomUUID().toString().substring(0, 8);
        person = TestPeople.person(jdbc, "Personne " + n, "personne-" + n + "@guichet.example");
    }

    @Test
    void aNoticeAndItsMailAreWrittenInTheCallersTransaction() {
        transactions.executeWithoutResult(status -> notifications.notify(
                new Notice(person, CATEGORY, KEY, List.of("Site de Lyon", "Adresse incomplète."), "/notifications")));

        assertThat(count("notification where person_id = " + person + " and read_at is null"
                        + " and arguments = array['Site de Lyon', 'Adresse incomplète.']::varchar[]"))
                .isOne();
        assertThat(count("mail_outbox o join notification n on n.id = o.notification_id where n.person_id = " + person
                        + " and o.sent_at is null"))
                .isOne();

        // The person's part of their personal data export.
        java.util.Map<String, Object> export = notifications.export(person);
        assertThat(export.get("notices"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .singleElement()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("category", CATEGORY)
                .containsEntry("arguments", List.of("Site de Lyon", "Adresse incomplète."))
                .containsEntry("link", "/notifications")
                .containsEntry("readAt", null)
                .containsEntry("emailSentAt", null);
        assertThat(export.get("emailChoices")).isEqualTo(java.util.Map.of());
    }

    @Test
    void nothingIsWrittenWhenTheCallersTransactionRollsBack() {
        transactions.executeWithoutResult(status -> {
            notifications.notify(new Notice(person, CATEGORY, KEY, List.of("a", "b"), null));
            status.setRollbackOnly();
        });

        assertThat(count("notification where person_id = " + person)).isZero();
    }

    @Test
    void aNoticeNeedsTheCallersTransactionAndADeclaredCategory() {
        assertThatThrownBy(() -> notifications.notify(new Notice(person, CATEGORY, KEY, null)))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThatThrownBy(() -> transactions.executeWithoutResult(
                        status -> notifications.notify(new Notice(person, "nobody.declared", KEY, null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nobody.declared");
        assertThatThrownBy(() -> new Notice(person, CATEGORY, KEY, "https://elsewhere.example/"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Notice(person, CATEGORY, KEY, "//elsewhere.example/"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(count("notification where person_id = " + person)).isZero();
    }

    @Test
    void aPersonWhoTurnedACategoryOffGetsTheNoticeButNoMail() throws Exception {
        Document page =
                html(mvc.perform(get("/compte/notifications").with(signedIn())).andExpect(status().isOk()));
        assertThat(page.select("input[name=email][value=" + CATEGORY + "]").hasAttr("checked"))
                .isTrue();

        mvc.perform(post("/compte/notifications").with(signedIn()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/compte/notifications"));
        assertThat(html(mvc.perform(get("/compte/notifications").with(signedIn())))
                        .select("input[name=email][value=" + CATEGORY + "]")
                        .hasAttr("checked"))
                .isFalse();
        transactions.executeWithoutResult(
                status -> notifications.notify(new Notice(person, CATEGORY, KEY, List.of("a", "b"), null)));
        assertThat(count("notification where person_id = " + person)).isOne();
        assertThat(count("mail_outbox o join notification n on n.id = o.notification_id where n.person_id = " + person))
                .isZero();

        // Ticked again: e-mails come back.
        mvc.perform(post("/compte/notifications")
                        .with(signedIn())
                        .with(csrf())
                        .param("email", CATEGORY, "not.a-category"))
                .andExpect(status().isFound());
        transactions.executeWithoutResult(
                status -> notifications.notify(new Notice(person, CATEGORY, KEY, List.of("c", "d"), null)));
        assertThat(count("mail_outbox o join notification n on n.id = o.notification_id where n.person_id = " + person))
                .isOne();
        // One row per category the person saw (every declared one), not one per save.
        assertThat(count("notification_preference where person_id = " + person + " and category = '" + CATEGORY + "'"))
                .isOne();
    }

    @Test
    void theListShowsNewestFirstAndTheHeaderCountsUnreadUntilAllAreMarkedRead() throws Exception {
        transactions.executeWithoutResult(status -> {
            notifications.notify(new Notice(person, CATEGORY, KEY, List.of("Premier site", "raison 1"), "/sites/a"));
            notifications.notify(new Notice(person, CATEGORY, KEY, List.of("Second site", "raison 2"), null));
        });

        Document page = html(mvc.perform(get("/notifications").with(signedIn())).andExpect(status().isOk()));
        assertThat(page.select("#notifications > li"))
                .extracting(element -> element.text())
                .hasSize(2)
                .first()
                .asString()
                .contains("Second site", "raison 2");
        assertThat(page.select("#notifications > li").get(1).select("a").attr("href"))
                .isEqualTo("/sites/a");
        assertThat(page.select("#notifications > li.notification--unread")).hasSize(2);
        assertThat(page.getElementById("notifications-link").text()).isEqualTo("Notifications (2 non lues) 2");
        assertThat(page.getElementById("notifications-count").attr("aria-hidden"))
                .isEqualTo("true");

        mvc.perform(post("/notifications/lues").with(signedIn()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/notifications"));
        page = html(mvc.perform(get("/notifications").with(signedIn())));
        assertThat(page.select("#notifications > li.notification--unread")).isEmpty();
        assertThat(page.getElementById("notifications-link").text()).isEqualTo("Notifications");
        assertThat(page.getElementById("notifications-count")).isNull();
    }

    @Test
    void anonymousVisitorsHaveNoCounter() throws Exception {
        Document home = html(mvc.perform(get("/")).andExpect(status().isOk()));
        assertThat(home.getElementById("notifications-link")).isNull();
        mvc.perform(get("/notifications")).andExpect(status().isFound());
    }

    @Test
    void aDeletedAccountLosesItsNoticesAndIsToldNothingMore() {
        transactions.executeWithoutResult(
                status -> notifications.notify(new Notice(person, CATEGORY, KEY, List.of("a", "b"), null)));
        transactions.executeWithoutResult(
                status -> notifications.on(new fr.guichetbio.portal.identity.AccountDeleted(person)));
        assertThat(count("notification where person_id = " + person)).isZero();
        assertThat(count("notification_preference where person_id = " + person)).isZero();
    }

    private org.springframework.test.web.servlet.request.RequestPostProcessor signedIn() {
        return TestPeople.signedIn(jdbc, person);
    }

    private long count(String fromWhere) {
        return jdbc.sql("select count(*) from " + fromWhere).query(Long.class).single();
    }

    private static Document html(org.springframework.test.web.servlet.ResultActions result) throws Exception {
        return Jsoup.parse(result.andReturn().getResponse().getContentAsString());
    }
}
