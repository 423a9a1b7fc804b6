package fr.guichetbio.portal.dashboards.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.portal.dashboards.disclosure.LinearAttack;
import fr.guichetbio.portal.support.TestCourses;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.training.assessment.QuestionBanks;
import fr.guichetbio.training.course.Courses;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stored datasets on a real PostgreSQL: generated once across replicas (two concurrent refreshes, one does the
 * work), {@code modified} kept while the content is the same, and only ended quarters of demand and certification
 * published, with no hidden figure recoverable from the published ones. The daily schedule is switched off: the test
 * calls the refresh.
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

    @Autowired
    Courses courses;

    @Autowired
    QuestionBanks banks;

    @Autowired
    TransactionTemplate transactions;

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

    @Test
    void publishesCertificationsByQuarterCourseAndRegionWithNobodyRecoverable() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        long provider = trainingProvider(run);
        String gmp = "od-bpf-" + run;
        String qc = "od-cq-" + run;
        long gmpVersion = TestCourses.publishOneLessonCourse(courses, banks, provider, gmp);
        long qcVersion = TestCourses.publishOneLessonCourse(courses, banks, provider, qc);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        LocalDate currentQuarter = today.withDayOfMonth(1).withMonth(3 * ((today.getMonthValue() - 1) / 3) + 1);
        String current = today.getYear() + "-Q" + ((today.getMonthValue() + 2) / 3);
        // 2003-Q2: Île-de-France has 2 people certified in GMP (hidden, and its partners with it), the unknown region
        // (certificates from before regions were recorded) a column of its own. 2003-Q3: nothing small.
        certify(gmpVersion, "2003-05-10", "11", 2);
        certify(gmpVersion, "2003-05-10", "84", 12);
        certify(gmpVersion, "2003-05-10", null, 7);
        certify(qcVersion, "2003-05-10", "11", 30);
        certify(qcVersion, "2003-05-10", "84", 40);
        certify(qcVersion, "2003-05-10", null, 9);
        certify(gmpVersion, "2003-08-10", "11", 6);
        certify(qcVersion, "2003-08-10", "11", 8);
        certify(gmpVersion, currentQuarter.plusDays(1).toString(), "11", 3);
        // A renewal in the same quarter counts the person once; a revoked certificate not at all.
        long renewed = certify(gmpVersion, "2003-08-20", "11", 1);
        certify(gmpVersion, "2003-09-20", "11", renewed, false);
        certify(qcVersion, "2003-08-20", "11", nextPerson++, true);

        datasets.refreshNow();

        String csv = new String(datasets.find(Dataset.TRAINING).orElseThrow().csv(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("quarter,course_code,region_code,people_certified,suppressed\r\n");
        assertThat(csv).doesNotContain(current);
        assertThat(csv)
                .contains(
                        "2003-Q2," + gmp + ",11,,true\r\n",
                        "2003-Q2," + gmp + ",NC,,true\r\n",
                        "2003-Q2," + gmp + ",TOTAL,21,false\r\n",
                        "2003-Q2,TOTAL,TOTAL,100,false\r\n",
                        "2003-Q3," + gmp + ",11,7,false\r\n",
                        "2003-Q3," + qc + ",11,8,false\r\n",
                        "2003-Q3,TOTAL,TOTAL,15,false\r\n");

        // The attacker's view: every published figure and every sum the file states (per quarter, each course's
        // regions add up to its total, each region's courses to the region's total, both to the grand total).
        LinearAttack attack = new LinearAttack();
        Map<String, Map<String, List<String>>> byQuarterCourse = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> byQuarterRegion = new LinkedHashMap<>();
        List<CSVRecord> records = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))
                .getRecords();
        assertThat(records).isNotEmpty();
        for (CSVRecord r : records) {
            String quarter = r.get("quarter");
            String course = r.get("course_code");
            String region = r.get("region_code");
            String name = quarter + "/" + course + "/" + region;
            String count = r.get("people_certified");
            attack.figure(name, count.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(count)));
            assertThat(r.get("suppressed")).isEqualTo(String.valueOf(count.isEmpty()));
            if (!course.equals(DatasetContents.ALL) && !region.equals(DatasetContents.ALL)) {
                byQuarterCourse
                        .computeIfAbsent(quarter, q -> new LinkedHashMap<>())
                        .computeIfAbsent(course, c -> new ArrayList<>())
                        .add(name);
                byQuarterRegion
                        .computeIfAbsent(quarter, q -> new LinkedHashMap<>())
                        .computeIfAbsent(region, c -> new ArrayList<>())
                        .add(name);
            }
        }
        byQuarterCourse.forEach((quarter, rows) -> {
            rows.forEach((course, cells) -> attack.sum(cells, quarter + "/" + course + "/" + DatasetContents.ALL));
            attack.sum(
                    rows.keySet().stream()
                            .map(course -> quarter + "/" + course + "/" + DatasetContents.ALL)
                            .toList(),
                    quarter + "/" + DatasetContents.ALL + "/" + DatasetContents.ALL);
        });
        byQuarterRegion.forEach((quarter, columns) -> {
            columns.forEach((region, cells) -> attack.sum(cells, quarter + "/" + DatasetContents.ALL + "/" + region));
            attack.sum(
                    columns.keySet().stream()
                            .map(region -> quarter + "/" + DatasetContents.ALL + "/" + region)
                            .toList(),
                    quarter + "/" + DatasetContents.ALL + "/" + DatasetContents.ALL);
        });
        assertThat(csv).contains(",true\r\n");
        assertThat(attack.recovered()).isEmpty();
    }

    @Test
    void publishesEnrolmentsAndCompletionsPerQuarterWithNobodyRecoverable() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        long provider = trainingProvider(run);
        String gmp = "ac-bpf-" + run;
        String qc = "ac-cq-" + run;
        long gmpVersion = TestCourses.publishOneLessonCourse(courses, banks, provider, gmp);
        long qcVersion = TestCourses.publishOneLessonCourse(courses, banks, provider, qc);
        // 2004-Q1: 8 people enrol in GMP, all complete in Q2. 2004-Q2: 3 more enrol in GMP (a small count: hidden,
        // and enough with it), 20 in QC of whom 15 complete in the quarter.
        enrol(gmpVersion, "2004-02-10", "2004-05-10", 8);
        enrol(gmpVersion, "2004-05-10", null, 3);
        enrol(qcVersion, "2004-04-10", "2004-06-10", 15);
        enrol(qcVersion, "2004-04-10", null, 5);

        datasets.refreshNow();

        String csv = new String(datasets.find(Dataset.COMPLETIONS).orElseThrow().csv(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("quarter,course_code,measure,people,suppressed\r\n");
        assertThat(csv)
                .contains(
                        "2004-Q1," + gmp + ",ENROLLED,8,false\r\n",
                        "2004-Q1," + gmp + ",COMPLETED,0,false\r\n",
                        "2004-Q2," + gmp + ",ENROLLED,,true\r\n",
                        "2004-Q2," + gmp + ",COMPLETED,,true\r\n",
                        "2004-Q2,TOTAL,ENROLLED,23,false\r\n",
                        "2004-Q2,TOTAL,COMPLETED,23,false\r\n");

        // The published sums: per quarter and measure, the courses add up to the TOTAL row.
        LinearAttack attack = new LinearAttack();
        Map<String, List<String>> lines = new LinkedHashMap<>();
        for (CSVRecord r : CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))
                .getRecords()) {
            String name = r.get("quarter") + "/" + r.get("course_code") + "/" + r.get("measure");
            String count = r.get("people");
            attack.figure(name, count.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(count)));
            if (!r.get("course_code").equals(DatasetContents.ALL)) {
                lines.computeIfAbsent(
                                r.get("quarter") + "/" + DatasetContents.ALL + "/" + r.get("measure"),
                                total -> new ArrayList<>())
                        .add(name);
            }
        }
        lines.forEach((total, parts) -> attack.sum(parts, total));
        assertThat(attack.recovered()).isEmpty();
    }

    /** {@code people} people enrolling on that day (Paris), completing on the other (or not, when null). */
    private void enrol(long version, String enrolled, String completed, int people) {
        for (int i = 0; i < people; i++) {
            jdbc.sql("""
                            insert into enrolment (person_id, course_id, course_version_id, enrolled_at, completed_at)
                            select :person, v.course_id, v.id, :enrolled, :completed from course_version v
                             where v.id = :version
                            """)
                    .param("person", nextPerson++)
                    .param("enrolled", Timestamp.from(noon(enrolled)))
                    .param("completed", completed == null ? null : Timestamp.from(noon(completed)))
                    .param("version", version)
                    .update();
        }
    }

    private static Instant noon(String day) {
        return LocalDate.parse(day)
                .atTime(12, 0)
                .atZone(ZoneId.of("Europe/Paris"))
                .toInstant();
    }

    private long nextPerson = 800_000_000L;

    /** {@code people} people certified on that day (Paris) in that region; returns the last person's id. */
    private long certify(long version, String day, String region, int people) {
        long person = 0;
        for (int i = 0; i < people; i++) {
            person = nextPerson++;
            certify(version, day, region, person, false);
        }
        return person;
    }

    private void certify(long version, String day, String region, long person, boolean revoked) {
        Instant issued = LocalDate.parse(day)
                .atTime(12, 0)
                .atZone(ZoneId.of("Europe/Paris"))
                .toInstant();
        String id = UUID.randomUUID()
                .toString()
                .replace("-", "")
                .substring(0, 26)
                .replace('0', 'w')
                .replace('1', 'x')
                .replace('8', 'y')
                .replace('9', 'z');
        // A renewal supersedes the person's current certificate of the course (one current per course), in the same
        // transaction: the reference to the new certificate is checked at commit.
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                        update certificate set superseded_by = :id
                         where person_id = :person and superseded_by is null
                           and course_id = (select course_id from course_version where id = :version)
                        """)
                    .param("id", id)
                    .param("person", person)
                    .param("version", version)
                    .update();
            jdbc.sql("""
                        insert into certificate (id, person_id, holder_name, course_id, course_version_id, score,
                            issued_at, valid_until, region_code, revoked_at, revocation_reason)
                        select :id, :person, 'Fictive', v.course_id, v.id, 90, :issued, :until, :region,
                               case when :revoked then now() end, case when :revoked then 'test' end
                          from course_version v where v.id = :version
                        """)
                    .param("id", id)
                    .param("person", person)
                    .param("issued", Timestamp.from(issued))
                    .param("until", Timestamp.from(issued.plus(java.time.Duration.ofDays(730))))
                    .param("region", region)
                    .param("revoked", revoked)
                    .param("version", version)
                    .update();
        });
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

    /** An active training provider of this run, to publish courses. */
    private long trainingProvider(String run) {
        return jdbc.sql("""
                        insert into organisation (slug, name, kind, website, website_domain, status)
                        values (:slug, :slug, 'TRAINING_PROVIDER', 'https://x.example', 'x.example', 'ACTIVE')
                        returning id
                        """).param("slug", "organisme-" + run).query(Long.class).single();
    }
}
