package fr.guichetbio.portal.dashboards.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.portal.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The stored datasets on a real PostgreSQL: generated once across replicas (two concurrent refreshes, one does the
 * work), {@code modified} kept while the content is the same, and only ended quarters of demand published. The daily
 * schedule is switched off: the test calls the refresh.
 */
@SpringBootTest(
        properties = {
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.indexing.enabled=false",
            "guichet.open-data.refresh-cron=-"
        })
class OpenDatasetsTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    OpenDatasets datasets;

    @Autowired
    JdbcClient jdbc;

    @Test
    void twoReplicasRefreshingTogetherGenerateTheDatasetsOnce() throws Exception {
        jdbc.sql("update open_dataset set refreshed_at = now() - interval '1 day'")
                .update();
        CountDownLatch start = new CountDownLatch(1);
        Callable<Boolean> replica = () -> {
            start.await();
            return datasets.refreshIfDue();
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> runs = List.of(pool.submit(replica), pool.submit(replica));
            start.countDown();

            assertThat(List.of(runs.get(0).get(), runs.get(1).get())).containsExactlyInAnyOrder(true, false);
        } finally {
            pool.shutdownNow();
        }
        assertThat(datasets.refreshIfDue()).as("just refreshed").isFalse();
    }

    @Test
    void theModificationDateMovesOnlyWhenTheContentChanges() {
        datasets.refreshNow();
        Instant before = datasets.find(Dataset.DEMAND).orElseThrow().modified();

        datasets.refreshNow();
        assertThat(datasets.find(Dataset.DEMAND).orElseThrow().modified()).isEqualTo(before);

        insertBriefs("2001-Q3", "84", "MAB", 7);
        datasets.refreshNow();
        assertThat(datasets.find(Dataset.DEMAND).orElseThrow().modified()).isAfter(before);
    }

    @Test
    void publishesEndedQuartersOnlyWithSmallCellsHidden() {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        String current = today.getYear() + "-Q" + ((today.getMonthValue() + 2) / 3);
        insertBriefs(current, "11", "AAV", 9);
        insertBriefs("2002-Q1", "11", "AAV", 2);
        insertBriefs("2002-Q1", "11", "MAB", 30);
        insertBriefs("2002-Q1", "84", "AAV", 12);
        insertBriefs("2002-Q1", "84", "MAB", 40);

        datasets.refreshNow();

        String csv = new String(datasets.find(Dataset.DEMAND).orElseThrow().csv(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("quarter,region_code,modality,briefs,suppressed\r\n");
        assertThat(csv).doesNotContain(current);
        // Ile-de-France's 2 viral-vector briefs, and with them its row and column partners: a 2 × 2 table hides all
        // four cells; the totals stay.
        assertThat(csv)
                .contains(
                        "2002-Q1,11,AAV,,true\r\n",
                        "2002-Q1,11,MAB,,true\r\n",
                        "2002-Q1,84,AAV,,true\r\n",
                        "2002-Q1,84,MAB,,true\r\n",
                        "2002-Q1,11,TOTAL,32,false\r\n",
                        "2002-Q1,TOTAL,AAV,14,false\r\n",
                        "2002-Q1,TOTAL,TOTAL,84,false\r\n");
    }

    private void insertBriefs(String quarter, String regionCode, String modality, int count) {
        for (int i = 0; i < count; i++) {
            jdbc.sql("""
                            insert into demand_record (brief_id, modality, region, region_code, opened_quarter,
                                qualified_sites)
                            values ((select coalesce(min(brief_id), 0) - 1 from demand_record), :modality, 'FRANCE',
                                :region, :quarter, 2)
                            """)
                    .param("modality", modality)
                    .param("region", regionCode)
                    .param("quarter", quarter)
                    .update();
        }
    }
}
