package fr.guichetbio.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.guichetbio.portal.catalogue.Outbox;
import fr.guichetbio.portal.identity.PlatformRole;
import fr.guichetbio.portal.support.TestDatabase;
import fr.guichetbio.portal.support.TestPeople;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Prometheus endpoint: refused without the collector's token (anonymous, a wrong token, a platform admin signed
 * in), and with it lists the metrics the README and the Grafana dashboard name — request latency by route, search
 * latency, outbox lag, indexer throughput and dead letters, e-mail failures, incomplete event publications. The sample
 * dashboard ({@code infra/grafana/guichet.json}) is checked against the scraped output, so both stay in step.
 */
@SpringBootTest(
        properties = {
            "guichet.metrics.token=" + ObservabilityTest.TOKEN,
            // Searches fail fast (the timer counts them as errors): no Elasticsearch needed to see the metric.
            "spring.elasticsearch.uris=http://127.0.0.1:1",
            // The e-mail sender runs (its failure counter exists) against no server, and never ticks during the test.
            "guichet.mail.enabled=true",
            "spring.mail.port=1",
            "guichet.mail.check-every=1h",
            "guichet.rate-limit.enabled=false"
        })
@AutoConfigureMockMvc
class ObservabilityTest {

    static final String TOKEN = "0123456789abcdef0123456789abcdef-scrape";

    static final Path DASHBOARD = Path.of("..", "infra", "grafana", "guichet.json");

    /** The metrics of the issue, as Prometheus names them. */
    static final List<String> EXPECTED = List.of(
            "http_server_requests_seconds_bucket",
            "guichet_search_seconds_bucket",
            "guichet_outbox_lag_seconds",
            "guichet_outbox_pending",
            "guichet_indexer_documents_total",
            "guichet_indexer_dead_letters",
            "guichet_indexer_refused_total",
            "guichet_mail_failures_total",
            "guichet_events_incomplete");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Outbox outbox;

    @Autowired
    EventPublicationRegistry publications;

    @Test
    void theEndpointRefusesWhoeverHasNotTheCollectorsToken() throws Exception {
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer " + TOKEN + "x"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/prometheus").header("Authorization", "Basic " + TOKEN))
                .andExpect(status().isUnauthorized());
        long admin = TestPeople.person(jdbc, "Admin Métriques", "admin.metriques@example.org", PlatformRole.ADMIN);
        mvc.perform(get("/actuator/prometheus").with(TestPeople.signedIn(jdbc, admin)))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void theCollectorReadsEveryMetricOfTheIssueAfterASearch() throws Exception {
        String scraped = scrapeAfterASearch();

        assertThat(metricNames(scraped)).containsAll(EXPECTED);
        // Latency by route: the route's template, not the URL people typed.
        assertThat(scraped).containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/recherche\"");
        assertThat(scraped).containsPattern("guichet_search_seconds_count\\{[^}]*operation=\"search\"");
        // The dashboard selects the portal's series by this tag.
        assertThat(scraped).containsPattern("http_server_requests_seconds_bucket\\{[^}]*application=\"portal\"");
        // The outbox's lag is a number (0 or more), not "no figure".
        assertThat(scraped).containsPattern("(?m)^guichet_outbox_lag_seconds\\{[^}]*} [0-9.E]+$");
    }

    @Test
    void theOutboxLagIsTheAgeOfTheOldestPendingRow() throws Exception {
        // Elasticsearch is unreachable here: the worker leaves the row pending.
        outbox.enqueue(Outbox.Aggregate.SITE, 987_654L, 1L);
        Thread.sleep(1_100);

        String scraped = scrapeAfterASearch();

        assertThat(value(scraped, "guichet_outbox_lag_seconds")).isGreaterThanOrEqualTo(1.0);
        assertThat(value(scraped, "guichet_outbox_pending")).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void theIncompleteEventsAreThoseOfModulithsRegistry() throws Exception {
        String scraped = scrapeAfterASearch();

        assertThat(value(scraped, "guichet_events_incomplete"))
                .isEqualTo((double) publications.findIncompletePublications().size());
    }

    @Test
    void everyMetricOfTheSampleDashboardIsScraped() throws Exception {
        Set<String> scraped = metricNames(scrapeAfterASearch());
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));

        Map<String, Set<String>> panels = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.get("panels")) {
            Set<String> names = new LinkedHashSet<>();
            for (JsonNode target : panel.get("targets")) {
                names.addAll(metricsOf(target.get("expr").asString()));
            }
            panels.put(panel.get("title").asString(), names);
        }

        assertThat(panels).hasSize(7);
        panels.forEach((title, names) -> {
            assertThat(names).as("metrics of panel %s", title).isNotEmpty();
            assertThat(scraped).as("metrics of panel %s", title).containsAll(names);
        });
        Set<String> shown = new LinkedHashSet<>();
        panels.values().forEach(shown::addAll);
        assertThat(shown).as("the dashboard shows every metric of the issue").containsAll(EXPECTED);
    }

    @Test
    void everyResponseCarriesTheRequestIdRefusalsIncluded() throws Exception {
        mvc.perform(get("/").header("X-Request-Id", "lb-7f3a.42"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Request-Id", "lb-7f3a.42"));
        // Before Spring Security's filters: its refusals carry the id too.
        mvc.perform(get("/actuator/prometheus").header("X-Request-Id", "scrape-1"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("X-Request-Id", "scrape-1"));
        mvc.perform(get("/").header("X-Request-Id", "a\u0000b"))
                .andExpect(header().string("X-Request-Id", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}")));
    }

    @Test
    void theMetricNamesOfAnExpressionAreFound() {
        assertThat(metricsOf("histogram_quantile(0.95, sum by (le, uri) (rate(http_server_requests_seconds_bucket"
                        + "{application=\"portal\", uri!~\"/actuator.*\"}[5m])))"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(metricsOf("max(a_b) / on (x) sum without (y) (increase(c_total[1h]))"))
                .containsExactly("a_b", "c_total");
    }

    private String scrapeAfterASearch() throws Exception {
        mvc.perform(get("/recherche").param("q", "anticorps"));
        return mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer " + TOKEN))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    /** The value of a metric with one series. */
    static double value(String scraped, String metric) {
        Matcher matcher =
                Pattern.compile("(?m)^" + metric + "(\\{[^}]*})? (\\S+)$").matcher(scraped);
        assertThat(matcher.find()).as(metric).isTrue();
        return Double.parseDouble(matcher.group(2));
    }

    /** The metric names of a scrape: the first word of each sample line. */
    static Set<String> metricNames(String scraped) {
        Set<String> names = new LinkedHashSet<>();
        scraped.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private static final Set<String> KEYWORDS =
            Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "offset");

    /**
     * The metric names of a PromQL expression: its identifiers once label matchers ({@code {...}}), ranges
     * ({@code [5m]}) and grouping lists ({@code by (...)}) are removed, less function names (followed by a
     * parenthesis) and keywords.
     */
    static List<String> metricsOf(String expression) {
        String bare = expression
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        List<String> names = new ArrayList<>();
        Matcher matcher = IDENTIFIER.matcher(bare);
        while (matcher.find()) {
            String name = matcher.group();
            boolean function = bare.substring(matcher.end()).stripLeading().startsWith("(");
            if (!function && !KEYWORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
