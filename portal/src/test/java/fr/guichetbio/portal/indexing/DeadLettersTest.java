package fr.guichetbio.portal.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.catalogue.index.CatalogueIndexer;
import fr.guichetbio.portal.support.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Refused documents are kept with their reason; a retry puts the site back in the outbox, once. */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false",
            "guichet.indexing.enabled=false"
        })
class DeadLettersTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void empty() {
        jdbc.sql("delete from index_dead_letter").update();
        jdbc.sql("delete from outbox").update();
    }

    @Test
    void aRetriedDeadLetterGoesBackToTheOutboxOnce() {
        deadLetters.record(
                List.of(
                        new CatalogueIndexer.Rejected(41, "document_parsing_exception: bad geo_point"),
                        new CatalogueIndexer.Rejected(42, "mapper_parsing_exception: too long")),
                Map.of(41L, 3L, 42L, 5L));
        List<DeadLetters.DeadLetter> letters = deadLetters.list();
        assertThat(letters).extracting(DeadLetters.DeadLetter::siteId).containsExactly(41L, 42L);
        assertThat(letters.getFirst().reason()).contains("bad geo_point");
        assertThat(letters.getFirst().version()).isEqualTo(3);

        assertThat(deadLetters.retry(letters.getFirst().id())).isTrue();
        assertThat(deadLetters.retry(letters.getFirst().id())).isFalse();

        assertThat(outbox()).containsExactly("site 41 v3");
        assertThat(deadLetters.count()).isEqualTo(1);

        assertThat(deadLetters.retryAll()).isEqualTo(1);
        assertThat(outbox()).containsExactly("site 41 v3", "site 42 v5");
        assertThat(deadLetters.count()).isZero();
    }

    private List<String> outbox() {
        return jdbc.sql("select aggregate_type || ' ' || aggregate_id || ' v' || version from outbox"
                        + " where processed_at is null order by id")
                .query(String.class)
                .list();
    }
}
