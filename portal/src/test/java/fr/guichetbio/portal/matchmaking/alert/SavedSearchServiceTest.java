package fr.guichetbio.portal.matchmaking.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.identity.AccountDeleted;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestPeople;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Saved searches on a real PostgreSQL: the search kept as the search page reads it, field messages for a bad name or
 * search, the limit per person, only the owner deletes, each save and delete audited, erased with the account; the
 * daily digest sent once when two replicas run it at the same time.
 */
@SpringBootTest(
        properties = {
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.indexing.enabled=false",
            "guichet.rate-limit.enabled=false",
            "guichet.alerts.max-saved-searches=2"
        })
@AutoConfigureMockMvc
class SavedSearchServiceTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    SavedSearchService savedSearches;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    AlertDigests digests;

    long person;
    long other;

    @BeforeEach
    void fixture() {
        String n = UUID.randomUUID().toString().substring(0, 8);
        person = TestPeople.person(jdbc, "Personne " + n, "personne-" + n + "@guichet.example");
        other = TestPeople.person(jdbc, "Autre " + n, "autre-" + n + "@guichet.example");
    }

    @Test
    void aSearchIsKeptAsThePageReadsItAndOnlyItsOwnerDeletesIt() {
        SavedSearch saved = savedSearches.save(person, "  AAV Lyon ", "q=aav&page=3&modalite=AAV&x=1&rayon=");

        // Unknown and blank parameters dropped, the page number too: it changes no match.
        assertThat(saved.name()).isEqualTo("AAV Lyon");
        assertThat(saved.url()).isEqualTo("/recherche?q=aav&modalite=AAV");
        assertThat(savedSearches.of(person)).extracting(SavedSearch::id).containsExactly(saved.id());
        assertThat(savedSearches.of(other)).isEmpty();
        assertThat(audit("saved_search.created", saved.id())).isOne();

        assertThatThrownBy(() -> savedSearches.delete(other, saved.id())).isInstanceOf(SavedSearchNotFound.class);
        assertThat(savedSearches.of(person)).hasSize(1);
        savedSearches.delete(person, saved.id());
        assertThat(savedSearches.of(person)).isEmpty();
        assertThat(audit("saved_search.deleted", saved.id())).isOne();
    }

    @Test
    void badInputAndTheLimitAreRefusedWithTheirMessages() {
        assertThatThrownBy(() -> savedSearches.save(person, " ", "modalite=NOT_A_MODALITY"))
                .isInstanceOfSatisfying(
                        SavedSearchInvalid.class,
                        e -> assertThat(e.problems())
                                .isEqualTo(Map.of(
                                        "nom", "alert.search.error.name.required",
                                        "recherche", "alert.search.error.search")));
        assertThatThrownBy(() -> savedSearches.save(person, "x".repeat(81), "q=aav"))
                .isInstanceOfSatisfying(
                        SavedSearchInvalid.class, e -> assertThat(e.problems()).containsOnlyKeys("nom"));

        savedSearches.save(person, "Un", "q=aav");
        savedSearches.save(person, "Deux", "");
        assertThatThrownBy(() -> savedSearches.save(person, "Trois", "q=mab"))
                .isInstanceOfSatisfying(
                        SavedSearchInvalid.class,
                        e -> assertThat(e.problems())
                                .isEqualTo(Map.of(SavedSearchInvalid.FORM, "alert.search.error.limit")));
        assertThat(savedSearches.of(person)).hasSize(2);
    }

    @Test
    void theFormComesBackWithItsFieldMessages() throws Exception {
        String page = mvc.perform(post("/compte/recherches")
                        .with(csrf())
                        .with(TestPeople.signedIn(jdbc, person))
                        .param("nom", "")
                        .param("recherche", "rayon=7"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();

        var document = Jsoup.parse(page);
        assertThat(document.getElementById("save-search-name-error").text())
                .isEqualTo("Donnez un nom à cette recherche.");
        assertThat(document.getElementById("save-search-search-error")).isNotNull();
        assertThat(savedSearches.of(person)).isEmpty();
    }

    @Test
    void theAccountsDeletionErasesItsSearchesAndDigests() {
        SavedSearch saved = savedSearches.save(person, "AAV", "q=aav");
        jdbc.sql("""
                        insert into alert_digest_item (person_id, saved_search_id, title, sites)
                        values (:person, :search, 'AAV', '[{"key":"k","name":"Site","city":"Lyon"}]')""").param("person", person).param("search", saved.id()).update();
        assertThat(savedSearches.recentItems(person))
                .singleElement()
                .satisfies(item ->
                        assertThat(item.sites()).extracting(s -> s.key()).containsExactly("k"));
        assertThat(savedSearches.export(person)).containsKeys("savedSearches", "digestItems");

        transactions.executeWithoutResult(status -> events.publishEvent(new AccountDeleted(person)));

        assertThat(savedSearches.of(person)).isEmpty();
        assertThat(savedSearches.recentItems(person)).isEmpty();
    }

    @Test
    void twoReplicasRunningTheDailyDigestAtOnceSendOneDigest() throws Exception {
        // Two searches with new sites found at their last check, not sent yet (the check itself needs Elasticsearch,
        // unreachable here: the runs go on to the digests).
        for (String title : List.of("AAV", "Anticorps")) {
            SavedSearch saved = savedSearches.save(person, title, "q=" + title);
            jdbc.sql("""
                            insert into alert_digest_item (person_id, saved_search_id, title, sites)
                            values (:person, :search, :title, '[{"key":"k","name":"Site","city":"Lyon"}]')""")
                    .param("person", person)
                    .param("search", saved.id())
                    .param("title", title)
                    .update();
        }

        List<Callable<AlertDigests.Run>> replicas = List.of(digests::runDaily, digests::runDaily);
        int sent = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (Future<AlertDigests.Run> run : pool.invokeAll(replicas)) {
                sent += run.get().digestsSent();
            }
        }

        assertThat(sent).isOne();
        assertThat(jdbc.sql("select count(*) from notification where person_id = :person")
                        .param("person", person)
                        .query(Long.class)
                        .single())
                .as("one notice (and one e-mail) with both items")
                .isOne();
        assertThat(jdbc.sql("select count(*) from alert_digest_item where person_id = :person and sent_at is null")
                        .param("person", person)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private long audit(String action, long id) {
        return jdbc.sql("select count(*) from audit_entry where action = :action and target_id = :id")
                .param("action", action)
                .param("id", Long.toString(id))
                .query(Long.class)
                .single();
    }
}
