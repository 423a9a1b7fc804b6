package fr.guichetbio.portal.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.catalogue.CapacityFigures;
import fr.guichetbio.portal.catalogue.CatalogueDocument;
import fr.guichetbio.portal.catalogue.exchange.CatalogueImport;
import fr.guichetbio.portal.catalogue.exchange.DemoCatalogue;
import fr.guichetbio.portal.catalogue.vocabulary.ModalityFilters;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.matchmaking.DemandFigures;
import fr.guichetbio.portal.support.TestCourses;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestEvents;
import fr.guichetbio.portal.support.TestPeople;
import fr.guichetbio.portal.web.CsvCells;
import fr.guichetbio.training.SkillFigures;
import fr.guichetbio.training.assessment.QuestionBanks;
import fr.guichetbio.training.course.Courses;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboards on a generated catalogue and demand records in real PostgreSQL: each aggregate of the read APIs is
 * recomputed here independently from the catalogue document (or the inserted records), with and without filters;
 * the page's table and its CSV and JSON downloads hold the same cells; demand is refused to people without the
 * agency role.
 */
@SpringBootTest(
        properties = {
            "guichet.oidc.client-secret=test-secret",
            "guichet.oidc.issuer-uri=http://localhost:1/issuer",
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            "guichet.rate-limit.enabled=false"
        })
@AutoConfigureMockMvc
class DashboardsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    private static final Set<String> VIRAL_VECTORS = Set.of("AAV", "LENTIVIRUS", "OTHER_VIRAL_VECTOR");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    CatalogueImport catalogueImport;

    @Autowired
    CapacityFigures capacity;

    @Autowired
    DemandFigures demand;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Snapshots snapshots;

    @Autowired
    SkillFigures skills;

    @Autowired
    Courses courses;

    @Autowired
    QuestionBanks banks;

    @Autowired
    JsonMapper json;

    @Autowired
    MockMvc mvc;

    private CatalogueDocument catalogue;

    @BeforeEach
    void aGeneratedCatalogueAndDemand() {
        TestEvents.awaitDelivered(jdbc);
        jdbc.sql("delete from site").update();
        jdbc.sql("delete from outbox").update();
        jdbc.sql("delete from organisation").update();
        jdbc.sql("delete from demand_record").update();
        catalogue = DemoCatalogue.generate(DemoCatalogue.SEED, 20, 60, TODAY);
        assertThat(catalogueImport
                        .importDocument(
                                json.writeValueAsString(catalogue),
                                CatalogueImport.Options.system(false),
                                Locale.FRENCH)
                        .errors())
                .isEmpty();
        // Briefs: (modality, stage, region, quarter, qualified sites)
        Object[][] records = {
            {"AAV", "CLINICAL_EARLY", "11", "2026-Q3", 0},
            {"AAV", "CLINICAL_EARLY", "11", "2026-Q3", 2},
            {"AAV", "COMMERCIAL", "11", "2026-Q4", 5},
            {"LENTIVIRUS", null, "84", "2026-Q4", 1},
            {"MAB", "COMMERCIAL", "84", "2026-Q4", 12},
            {"MAB", "COMMERCIAL", null, "2024-Q1", 0}
        };
        long brief = 1;
        for (Object[] r : records) {
            jdbc.sql("""
                            insert into demand_record (brief_id, modality, stage, region, region_code, opened_quarter,
                                qualified_sites) values (:brief, :modality, :stage, 'FRANCE', :region, :quarter, :qualified)
                            """)
                    .param("brief", brief++)
                    .param("modality", r[0])
                    .param("stage", r[1])
                    .param("region", r[2])
                    .param("quarter", r[3])
                    .param("qualified", r[4])
                    .update();
        }
    }

    @Test
    void capacityByModalityAndRegionIsTheCataloguesSitesAndVolumes() {
        assertThat(figures(new CapacityFigures.Scope(List.of(), null))).isEqualTo(expected(Set.of(), null));
        CapacityFigures.Scope viralInIleDeFrance = new CapacityFigures.Scope(VIRAL_VECTORS, "11");
        Map<String, List<Object>> filtered = figures(viralInIleDeFrance);
        assertThat(filtered).isEqualTo(expected(VIRAL_VECTORS, "11"));
        assertThat(filtered)
                .as("the generated catalogue has viral vectors in Île-de-France")
                .isNotEmpty();
        assertThat(filtered.keySet()).allMatch(k -> k.endsWith(" 11"));
    }

    @Test
    void theMapHasOneLinkedShapePerRegionFilledByItsVolume() throws Exception {
        Map<String, List<Long>> expected = expectedByRegion();
        Map<String, List<Long>> actual = new TreeMap<>();
        capacity.byRegion(new CapacityFigures.Scope(List.of(), null))
                .forEach(c -> actual.put(c.regionCode(), List.of(c.sites(), Math.round(c.workingVolumeLitres()))));
        assertThat(actual).isEqualTo(expected);
        assertThat(expected.size())
                .as("the generated catalogue has sites in several regions, not all")
                .isBetween(2, Vocabulary.Region.values().length - 1);

        Document page = Jsoup.parse(mvc.perform(get("/tableaux-de-bord"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        Map<String, Element> shapes = new TreeMap<>();
        page.select("#capacite-carte-chart a.dashboard-map-region").forEach(a -> shapes.put(a.attr("data-region"), a));
        assertThat(shapes.keySet())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Vocabulary.Region.values())
                        .map(Vocabulary.Region::code)
                        .toList());
        assertThat(page.select("#capacite-carte-chart a.dashboard-map-region")).hasSize(shapes.size());
        List<Long> volumes = expected.values().stream().map(v -> v.get(1)).toList();
        Set<Long> levels = new HashSet<>();
        for (Vocabulary.Region region : Vocabulary.Region.values()) {
            Element link = shapes.get(region.code());
            Element path = link.selectFirst("path");
            assertThat(path.attr("d")).startsWith("M").endsWith("Z");
            assertThat(link.attr("href")).contains("region=" + region.code());
            List<Long> figures = expected.get(region.code());
            String name =
                    page.select("#region option[value=" + region.code() + "]").text();
            if (figures == null) {
                assertThat(path.className()).isEqualTo("dashboard-map-level-0");
                assertThat(path.attr("fill")).isEqualTo(RegionMap.FILLS.getFirst());
                assertThat(link.selectFirst("title").text()).isEqualTo(name + " : aucun site dans la sélection");
            } else {
                // Classes: quartiles of the regions with sites, by the rank of their volume (ties together).
                long rank = volumes.stream().filter(v -> v <= figures.get(1)).count();
                long level = Math.max(1, (4 * rank + volumes.size() - 1) / volumes.size());
                levels.add(level);
                assertThat(path.className()).as(region.name()).isEqualTo("dashboard-map-level-" + level);
                assertThat(path.attr("fill")).isEqualTo(RegionMap.FILLS.get((int) level));
                assertThat(link.attr("aria-label"))
                        .startsWith(name + " : " + figures.get(0) + " site(s), ")
                        .isEqualTo(link.selectFirst("title").text());
            }
        }
        assertThat(page.select("#capacite-carte-chart .dashboard-map-level-4"))
                .as("the region with the largest volume is in the darkest class")
                .isNotEmpty();
        assertThat(page.select("#capacite-carte .dashboard-map-legend > li"))
                .as("no site, then each class drawn")
                .hasSize(1 + levels.size());
        assertThat(levels)
                .as("the generated catalogue's regions fill several classes")
                .hasSizeGreaterThan(2);
        assertThat(page.getElementById("capacite-carte-source").text()).contains("IGN", "Licence Ouverte");

        // The table beside the map: the same figures, and the CSV is exactly it.
        Element table = page.getElementById("capacite-carte-table");
        assertThat(table.select("tbody tr")).hasSize(expected.size());
        List<List<String>> shown = new ArrayList<>();
        shown.add(table.select("thead th").eachText());
        table.select("tbody tr").forEach(row -> shown.add(row.select("td").eachText()));
        assertThat(shown.getFirst()).containsExactly("Région", "Sites", "Volume utile (L)");
        String csv = mvc.perform(get(page.getElementById("capacite-carte-csv").attr("href")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        List<List<String>> downloaded = new ArrayList<>();
        for (CSVRecord record : CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords()) {
            downloaded.add(record.toList());
        }
        assertThat(downloaded).isEqualTo(shown);

        // Filtered on one region, only that region has sites in the selection (and it holds the largest volume).
        String someRegion = expected.keySet().iterator().next();
        Document filtered = Jsoup.parse(
                mvc.perform(get("/tableaux-de-bord").param("region", someRegion).param("lang", "en"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8));
        assertThat(filtered.select("#capacite-carte-chart path:not(.dashboard-map-level-0)"))
                .singleElement()
                .satisfies(p -> assertThat(p.parent().attr("data-region")).isEqualTo(someRegion));
        assertThat(filtered.select("#capacite-carte-table tbody tr")).hasSize(1);
        assertThat(filtered.getElementById("capacite-carte-source").text()).contains("Open Licence");
    }

    @Test
    void evidenceCoverageCountsEachSiteAtItsBestLevel() {
        Map<String, Long> expected = new TreeMap<>();
        for (CatalogueDocument.Org org : catalogue.organisations()) {
            for (CatalogueDocument.Site site : org.sites()) {
                if (!"FR".equals(site.address().country())) {
                    continue;
                }
                String best = "NONE";
                for (CatalogueDocument.Evidence e :
                        site.gmpEvidence() == null ? List.<CatalogueDocument.Evidence>of() : site.gmpEvidence()) {
                    String level = e.verification() == null ? "SELF_DECLARED" : e.verification();
                    if (rank(level) > rank(best)) {
                        best = level;
                    }
                }
                expected.merge(best, 1L, Long::sum);
            }
        }
        Map<String, Long> actual = new TreeMap<>();
        capacity.evidenceCoverage(new CapacityFigures.Scope(List.of(), null))
                .forEach(c -> actual.put(c.verification(), c.sites()));
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.size())
                .as("several levels in the generated catalogue")
                .isGreaterThan(1);
    }

    @Test
    void openCapacityAddsTheSlotsOverlappingEachQuarter() {
        Map<String, List<Object>> expected = new TreeMap<>();
        List<String> quarters = new ArrayList<>();
        for (int q = 0; q < 8; q++) {
            LocalDate start = LocalDate.of(2026, 10, 1).plusMonths(3L * q);
            quarters.add(start.getYear() + "-Q" + ((start.getMonthValue() + 2) / 3));
            LocalDate end = start.plusMonths(3).minusDays(1);
            Map<String, double[]> byModality = new HashMap<>();
            Map<String, Set<String>> sites = new HashMap<>();
            for (CatalogueDocument.Org org : catalogue.organisations()) {
                for (CatalogueDocument.Site site : org.sites()) {
                    if (!"FR".equals(site.address().country())) {
                        continue;
                    }
                    for (CatalogueDocument.Availability a : site.availability() == null
                            ? List.<CatalogueDocument.Availability>of()
                            : site.availability()) {
                        if (!LocalDate.parse(a.from()).isAfter(end)
                                && !LocalDate.parse(a.to()).isBefore(start)) {
                            double[] sum = byModality.computeIfAbsent(a.modality(), m -> new double[2]);
                            sum[0] += a.workingVolumeLitres() == null
                                    ? 0
                                    : a.workingVolumeLitres().doubleValue();
                            sum[1] += a.slots() == null ? 1 : a.slots();
                            sites.computeIfAbsent(a.modality(), m -> new HashSet<>())
                                    .add(site.key());
                        }
                    }
                }
            }
            String quarter = quarters.getLast();
            byModality.forEach((m, sum) ->
                    expected.put(quarter + " " + m, List.of(Math.round(sum[0]), (long) sum[1], (long)
                            sites.get(m).size())));
        }
        Map<String, List<Object>> actual = new TreeMap<>();
        capacity.openCapacity(new CapacityFigures.Scope(List.of(), null), TODAY, 8)
                .forEach(c -> actual.put(
                        c.quarter() + " " + c.modality(), List.of(Math.round(c.litres()), c.slots(), c.sites())));
        assertThat(actual).isNotEmpty().isEqualTo(expected);
        assertThat(actual.keySet()).allMatch(k -> quarters.contains(k.substring(0, 7)));
    }

    @Test
    void demandCountsBriefsAndUnmetBriefsInTheScope() {
        DemandFigures.Scope all = new DemandFigures.Scope(List.of(), null, null);
        assertThat(demand.briefs(all).stream()
                        .mapToLong(DemandFigures.BriefCount::briefs)
                        .sum())
                .isEqualTo(6);
        assertThat(demand.briefs(all))
                .contains(new DemandFigures.BriefCount("2026-Q3", "AAV", "CLINICAL_EARLY", 2))
                .contains(new DemandFigures.BriefCount("2026-Q4", "LENTIVIRUS", null, 1));

        DemandFigures.Scope viralSince2025 = new DemandFigures.Scope(VIRAL_VECTORS, null, "2025-Q1");
        assertThat(demand.unmet(viralSince2025))
                .containsExactly(
                        new DemandFigures.UnmetDemand("AAV", "11", 3, 2),
                        new DemandFigures.UnmetDemand("LENTIVIRUS", "84", 1, 1));
        assertThat(demand.unmet(new DemandFigures.Scope(List.of("MAB"), null, "2025-Q1")))
                .as("the 2024 brief is outside the period")
                .containsExactly(new DemandFigures.UnmetDemand("MAB", "84", 1, 0));
        assertThat(demand.responsiveness(all)).isEqualTo(new DemandFigures.Responsiveness(0, 0, null));
    }

    @Test
    void theCsvAndJsonHoldExactlyTheTableShown() throws Exception {
        long analyst = TestPeople.person(jdbc, "Ana Lyste", "ana@agence.example", PlatformRole.AGENCY_ANALYST);
        Document page = Jsoup.parse(mvc.perform(get("/tableaux-de-bord")
                        .param("region", "11")
                        .param("modalite", "VIRAL_VECTORS")
                        .with(TestPeople.signedIn(jdbc, analyst)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        Element table = page.getElementById("capacite-regions-table");
        List<List<String>> shown = new ArrayList<>();
        shown.add(table.select("thead th").eachText());
        table.select("tbody tr").forEach(row -> shown.add(row.select("td").eachText()));
        assertThat(shown).hasSizeGreaterThan(1);
        assertThat(shown.subList(1, shown.size())).allMatch(row -> row.get(1).equals("Île-de-France"));
        assertThat(page.select("#capacite-regions-chart .dashboard-bar")).hasSize(shown.size() - 1);
        assertThat(page.select("#section-demande"))
                .as("an analyst sees the other sections")
                .hasSize(1);

        String csvUrl = page.getElementById("capacite-regions-csv").attr("href");
        String csv = mvc.perform(get(csvUrl))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        List<List<String>> downloaded = new ArrayList<>();
        for (CSVRecord record : CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords()) {
            downloaded.add(record.toList());
        }
        assertThat(downloaded).isEqualTo(shown);

        JsonNode body = json.readTree(
                mvc.perform(get(page.getElementById("capacite-regions-json").attr("href")))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8));
        assertThat(body.get("rows").size()).isEqualTo(shown.size() - 1);
        assertThat(body.get("rows").get(0).get("region").asString()).isEqualTo("Île-de-France");
        assertThat(body.get("filters").get("modalite").asString()).isEqualTo("VIRAL_VECTORS");
    }

    @Test
    void demandAndSkillsAreForAgencyAnalysts() throws Exception {
        long trainee = TestPeople.person(jdbc, "Tom Rainee", "tom@example.org", PlatformRole.TRAINEE);
        long analyst = TestPeople.person(jdbc, "Ana Lyste", "ana2@agence.example", PlatformRole.AGENCY_ANALYST);
        mvc.perform(get("/tableaux-de-bord/demande").with(TestPeople.signedIn(jdbc, trainee)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/tableaux-de-bord/competences.csv").with(TestPeople.signedIn(jdbc, trainee)))
                .andExpect(status().isForbidden());
        Document publicPage = Jsoup.parse(mvc.perform(get("/tableaux-de-bord"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(publicPage.select("#section-demande")).isEmpty();
        assertThat(publicPage.getElementById("dashboards-public-note")).isNotNull();
        // When the figures were computed, in Paris time (here: at this request, the tests keep nothing).
        assertThat(publicPage.getElementById("dashboards-computed-at").text())
                .matches("Chiffres calculés le \\d{2}/\\d{2}/\\d{4} à \\d{2}:\\d{2} \\(heure de Paris\\)\\.");

        Document demandPage = Jsoup.parse(mvc.perform(get("/tableaux-de-bord/demande")
                        .param("modalite", "AAV")
                        .param("periode", "0")
                        .with(TestPeople.signedIn(jdbc, analyst)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(demandPage
                        .select("#demande-non-satisfaite-table tbody tr")
                        .first()
                        .select("td")
                        .eachText())
                .containsExactly("Vecteurs AAV", "Île-de-France", "3", "2");
        mvc.perform(get("/tableaux-de-bord/competences").with(TestPeople.signedIn(jdbc, analyst)))
                .andExpect(status().isOk());
    }

    @Test
    void aValueOutsideTheListsIsNamedAndNotApplied() throws Exception {
        Document page = Jsoup.parse(mvc.perform(get("/tableaux-de-bord").param("region", "99"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(page.getElementById("region-error").text()).contains("Cette région n’existe pas");
        assertThat(page.select("#capacite-regions-table tbody tr").size())
                .isEqualTo(expected(Set.of(), null).size());
    }

    @Test
    void aCellStartingLikeAFormulaStaysText() {
        assertThat(CsvCells.text("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(CsvCells.text("Vecteurs AAV")).isEqualTo("Vecteurs AAV");
    }

    @Test
    void aMonthsSnapshotIsTakenOnceWithTheFiguresOfThatMonth() {
        jdbc.sql("delete from dashboard_snapshot").update();
        assertThat(snapshots.takeDue()).isTrue();
        assertThat(snapshots.takeDue())
                .as("a second replica or run does nothing")
                .isFalse();
        List<Snapshots.Snapshot> history = snapshots.history(24, null, null);
        assertThat(history).hasSize(1);
        Snapshots.Snapshot month = history.getFirst();
        long frenchSites = catalogue.organisations().stream()
                .flatMap(o -> o.sites().stream())
                .filter(site -> "FR".equals(site.address().country()))
                .count();
        assertThat(month.sites()).isEqualTo(frenchSites);
        long litres = expected(Set.of(), null).values().stream()
                .mapToLong(v -> (Long) v.get(1))
                .sum();
        assertThat(Math.round(month.workingVolumeLitres())).isEqualTo(litres);
        assertThat(month.briefs()).isEqualTo(6);
        assertThat(month.unmetBriefs()).isEqualTo(4);
        assertThat(month.certifiedPeople())
                .isEqualTo(jdbc.sql("""
                                select count(distinct person_id) from certificate
                                 where revoked_at is null and superseded_by is null and valid_until > now()
                                """).query(Long.class).single());
    }

    @Test
    void everyScopeOfTheMonthsSnapshotHoldsTheFiguresOfThatFilter() {
        jdbc.sql("delete from dashboard_snapshot").update();
        assertThat(snapshots.takeDue()).isTrue();
        ModalityFilters filters = ModalityFilters.offered();
        List<String> modalities = new ArrayList<>(filters.byName().keySet());
        modalities.add(null);
        List<String> regions = new ArrayList<>(Arrays.stream(Vocabulary.Region.values())
                .map(Vocabulary.Region::code)
                .toList());
        regions.add(null);
        int scopesWithSites = 0;
        for (String region : regions) {
            for (String modality : modalities) {
                List<String> codes =
                        modality == null ? List.of() : filters.byName().get(modality);
                CapacityFigures.Totals c = capacity.totals(new CapacityFigures.Scope(codes, region));
                DemandFigures.Totals d = demand.totals(new DemandFigures.Scope(codes, region, null));
                Snapshots.Snapshot month =
                        snapshots.history(24, region, modality).getFirst();
                assertThat(List.of(
                                month.sites(),
                                Math.round(month.workingVolumeLitres()),
                                month.briefs(),
                                month.unmetBriefs()))
                        .as(region + " × " + modality)
                        .isEqualTo(List.of(c.sites(), Math.round(c.workingVolumeLitres()), d.briefs(), d.unmet()));
                scopesWithSites += c.sites() > 0 ? 1 : 0;
            }
        }
        assertThat(scopesWithSites)
                .as("the generated catalogue fills many scopes")
                .isGreaterThan(20);
        Snapshots.Snapshot viralInIleDeFrance =
                snapshots.history(24, "11", "VIRAL_VECTORS").getFirst();
        assertThat(List.of(viralInIleDeFrance.briefs(), viralInIleDeFrance.unmetBriefs()))
                .as("the three AAV briefs placed in Île-de-France, two of them unmet")
                .isEqualTo(List.of(3L, 2L));
    }

    @Test
    void skillsCountCurrentCertificatesByRoleRegionAndWhenTheyExpire() throws Exception {
        long provider = jdbc.sql("select id from organisation order by id limit 1")
                .query(Long.class)
                .single();
        long version = TestCourses.publishOneLessonCourse(courses, banks, provider, "tableaux-bpf");
        long otherVersion = TestCourses.publishOneLessonCourse(courses, banks, provider, "tableaux-cq2");
        long course = courseOf(version);
        long otherCourse = courseOf(otherVersion);
        long path = jdbc.sql("""
                        insert into learning_path (code, title_fr, role) values ('tableaux-cq', 'Parcours', 'QC_ANALYST')
                        returning id
                        """).query(Long.class).single();
        long otherPath = jdbc.sql("""
                        insert into learning_path (code, title_fr, role)
                        values ('tableaux-usp', 'Parcours amont', 'USP_OPERATOR') returning id
                        """).query(Long.class).single();
        // QC analysts: both courses; upstream operators: the first only.
        jdbc.sql("""
                        insert into learning_path_course (path_id, position, course_id)
                        values (:p, 0, :c), (:p, 1, :o), (:u, 0, :c)
                        """)
                .param("p", path)
                .param("c", course)
                .param("o", otherCourse)
                .param("u", otherPath)
                .update();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // 900001 in Île-de-France holds both QC courses (counts once as a QC analyst), expiring in 2 months and
        // current for 10 months; 900002 in PACA, current; 900005 with no known region (an older certificate),
        // current; 900003 revoked; 900004 expired.
        certificate("aaaaaaaaaaaaaaaaaaaaaaaaaa", 900_001, course, version, "11", now.plus(60, ChronoUnit.DAYS), false);
        certificate(
                "eeeeeeeeeeeeeeeeeeeeeeeeee",
                900_001,
                otherCourse,
                otherVersion,
                "11",
                now.plus(300, ChronoUnit.DAYS),
                false);
        certificate(
                "bbbbbbbbbbbbbbbbbbbbbbbbbb", 900_002, course, version, "93", now.plus(300, ChronoUnit.DAYS), false);
        certificate("ffffffffffffffffffffffffff", 900_005, course, version, null, now.plus(90, ChronoUnit.DAYS), false);
        certificate("cccccccccccccccccccccccccc", 900_003, course, version, "11", now.plus(30, ChronoUnit.DAYS), true);
        certificate("dddddddddddddddddddddddddd", 900_004, course, version, "11", now.minus(1, ChronoUnit.DAYS), false);

        assertThat(skills.certifiedPeople(now)).isEqualTo(3);
        assertThat(skills.certifiedByRole(now, null))
                .containsExactly(
                        new SkillFigures.CertifiedByRole("QC_ANALYST", "11", 1),
                        new SkillFigures.CertifiedByRole("QC_ANALYST", "93", 1),
                        new SkillFigures.CertifiedByRole("QC_ANALYST", null, 1),
                        new SkillFigures.CertifiedByRole("USP_OPERATOR", "11", 1),
                        new SkillFigures.CertifiedByRole("USP_OPERATOR", "93", 1),
                        new SkillFigures.CertifiedByRole("USP_OPERATOR", null, 1));
        assertThat(skills.certifiedByRole(now, "11"))
                .containsExactly(
                        new SkillFigures.CertifiedByRole("QC_ANALYST", "11", 1),
                        new SkillFigures.CertifiedByRole("USP_OPERATOR", "11", 1));
        assertThat(skills.certifiedByRole(now, "84")).isEmpty();
        String inTwoMonths = month(now.plus(60, ChronoUnit.DAYS));
        String inThreeMonths = month(now.plus(90, ChronoUnit.DAYS));
        List<SkillFigures.Expiring> expected = new ArrayList<>(List.of(
                new SkillFigures.Expiring(inTwoMonths, "tableaux-bpf", 1),
                new SkillFigures.Expiring(inThreeMonths, "tableaux-bpf", 1)));
        if (inTwoMonths.equals(inThreeMonths)) {
            expected = List.of(new SkillFigures.Expiring(inTwoMonths, "tableaux-bpf", 2));
        }
        assertThat(skills.expiring(now, 6, null)).containsExactlyElementsOf(expected);
        assertThat(skills.expiring(now, 6, "11"))
                .containsExactly(new SkillFigures.Expiring(inTwoMonths, "tableaux-bpf", 1));
        assertThat(skills.expiring(now, 6, "93")).isEmpty();

        // The page: role × region, the unknown region named, the region filter applied.
        long analyst = TestPeople.person(jdbc, "Ana Lyse", "ana3@agence.example", PlatformRole.AGENCY_ANALYST);
        Document page = Jsoup.parse(mvc.perform(get("/tableaux-de-bord/competences")
                        .param("region", "11")
                        .with(TestPeople.signedIn(jdbc, analyst)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(page.select("#competences-metiers-table tbody tr").eachText())
                .containsExactly(
                        "Analyste de contrôle qualité Île-de-France 1",
                        "Opérateur ou opératrice de production amont (culture) Île-de-France 1");
        Document all =
                Jsoup.parse(mvc.perform(get("/tableaux-de-bord/competences").with(TestPeople.signedIn(jdbc, analyst)))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8));
        assertThat(all.select("#competences-metiers-table tbody tr").eachText())
                .contains("Analyste de contrôle qualité Région inconnue (certificat antérieur ou organisation sans site"
                        + " en France) 1");
    }

    private long courseOf(long version) {
        return jdbc.sql("select course_id from course_version where id = :v")
                .param("v", version)
                .query(Long.class)
                .single();
    }

    private static String month(Instant instant) {
        return instant.atZone(ZoneId.of("Europe/Paris"))
                .toLocalDate()
                .toString()
                .substring(0, 7);
    }

    private void certificate(
            String id, long person, long course, long version, String region, Instant validUntil, boolean revoked) {
        jdbc.sql("""
                        insert into certificate (id, person_id, holder_name, course_id, course_version_id, score,
                            issued_at, valid_until, revoked_at, revocation_reason, region_code)
                        values (:id, :person, 'Fictive', :course, :version, 90, :issued, :until,
                            case when :revoked then now() end, case when :revoked then 'test' end, :region)
                        """)
                .param("id", id)
                .param("person", person)
                .param("course", course)
                .param("version", version)
                .param("issued", java.sql.Timestamp.from(validUntil.minus(700, ChronoUnit.DAYS)))
                .param("until", java.sql.Timestamp.from(validUntil))
                .param("revoked", revoked)
                .param("region", region)
                .update();
    }

    private Map<String, List<Object>> figures(CapacityFigures.Scope scope) {
        Map<String, List<Object>> figures = new TreeMap<>();
        capacity.byModalityAndRegion(scope)
                .forEach(c -> figures.put(
                        c.modality() + " " + c.regionCode(), List.of(c.sites(), Math.round(c.workingVolumeLitres()))));
        return figures;
    }

    /** Sites and litres (volume × units) by region, from the document, French sites only, every modality. */
    private Map<String, List<Long>> expectedByRegion() {
        Map<String, Long> sites = new TreeMap<>();
        Map<String, BigDecimal> litres = new HashMap<>();
        for (CatalogueDocument.Org org : catalogue.organisations()) {
            for (CatalogueDocument.Site site : org.sites()) {
                String regionCode = site.address().regionCode();
                if (!"FR".equals(site.address().country())) {
                    continue;
                }
                sites.merge(regionCode, 1L, Long::sum);
                BigDecimal sum = litres.getOrDefault(regionCode, BigDecimal.ZERO);
                for (CatalogueDocument.Capability c : site.capabilities()) {
                    sum = sum.add(litres(c));
                }
                litres.put(regionCode, sum);
            }
        }
        Map<String, List<Long>> expected = new TreeMap<>();
        sites.forEach((region, n) ->
                expected.put(region, List.of(n, Math.round(litres.get(region).doubleValue()))));
        return expected;
    }

    /** A capability's working volume from the document: each bioreactor's litres × its units (one when not said). */
    private static BigDecimal litres(CatalogueDocument.Capability c) {
        BigDecimal sum = BigDecimal.ZERO;
        for (CatalogueDocument.Bioreactor b :
                c.bioreactors() == null ? List.<CatalogueDocument.Bioreactor>of() : c.bioreactors()) {
            sum = sum.add(b.workingVolumeLitres().multiply(BigDecimal.valueOf(b.count() == null ? 1 : b.count())));
        }
        return sum;
    }

    /** Sites and litres (volume × units) by modality and region, from the document, French sites only. */
    private Map<String, List<Object>> expected(Set<String> modalities, String region) {
        Map<String, Set<String>> sites = new HashMap<>();
        Map<String, BigDecimal> litres = new HashMap<>();
        for (CatalogueDocument.Org org : catalogue.organisations()) {
            for (CatalogueDocument.Site site : org.sites()) {
                String regionCode = site.address().regionCode();
                if (!"FR".equals(site.address().country()) || (region != null && !region.equals(regionCode))) {
                    continue;
                }
                for (CatalogueDocument.Capability c : site.capabilities()) {
                    if (!modalities.isEmpty() && !modalities.contains(c.modality())) {
                        continue;
                    }
                    String key = c.modality() + " " + regionCode;
                    sites.computeIfAbsent(key, k -> new HashSet<>()).add(site.key());
                    BigDecimal sum = litres.getOrDefault(key, BigDecimal.ZERO);
                    sum = sum.add(litres(c));
                    litres.put(key, sum);
                }
            }
        }
        Map<String, List<Object>> expected = new TreeMap<>();
        sites.forEach((key, s) -> expected.put(
                key, List.of((long) s.size(), Math.round(litres.get(key).doubleValue()))));
        return expected;
    }

    private static int rank(String level) {
        return List.of("NONE", "SELF_DECLARED", "DOCUMENT_CHECKED", "REGISTRY_MATCHED")
                .indexOf(level);
    }
}
