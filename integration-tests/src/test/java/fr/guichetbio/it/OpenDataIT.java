package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.document.JsonDocument;
import fr.guichetbio.infra.launcher.DemoAccount;
import fr.guichetbio.infra.launcher.Stack;
import fr.guichetbio.portal.dashboards.disclosure.LinearAttack;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The open data on the running portal (issue 18, acceptance 2): the DCAT catalogue expands as JSON-LD with DCAT
 * terms, every distribution downloads with its declared media type, no file names a person, and the published demand
 * figures give no brief away.
 */
@ExtendWith(RunningStack.class)
class OpenDataIT {

    private static final String DCAT = "http://www.w3.org/ns/dcat#";
    private static final String DCT = "http://purl.org/dc/terms/";
    private static final String MEDIA_TYPES = "https://www.iana.org/assignments/media-types/";
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");

    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * The stack answers before the portal's start-up work is over; the datasets are generated after the demo data is
     * seeded. Watched in the database: the routes are rate limited.
     */
    @BeforeEach
    void datasetsGenerated(Stack stack) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    try (Connection db = connect(stack);
                            ResultSet count = db.createStatement().executeQuery("select count(*) from open_dataset")) {
                        return count.next() && count.getInt(1) >= 3;
                    }
                });
    }

    @Test
    void theCatalogueIsDcatInJsonLdAndEveryDistributionDownloads(Stack stack) throws Exception {
        HttpResponse<String> answer = get(stack.portalUrl() + "/donnees/catalogue.jsonld");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/ld+json"));

        // Expanded by a JSON-LD 1.1 processor: terms become full IRIs only if the @context declares them properly.
        JsonArray expanded =
                JsonLd.expand(JsonDocument.of(new StringReader(answer.body()))).get();
        JsonObject catalog = expanded.getJsonObject(0);
        assertThat(types(catalog)).containsExactly(DCAT + "Catalog");
        assertThat(catalog.containsKey(DCT + "license")).isTrue();
        JsonArray datasets = catalog.getJsonArray(DCAT + "dataset");
        assertThat(datasets).hasSize(4);

        Set<String> identifiers = new LinkedHashSet<>();
        for (JsonValue value : datasets) {
            JsonObject dataset = value.asJsonObject();
            assertThat(types(dataset)).containsExactly(DCAT + "Dataset");
            identifiers.add(literal(dataset, DCT + "identifier"));
            assertThat(languages(dataset, DCT + "title")).containsExactlyInAnyOrder("fr", "en");
            assertThat(dataset.getJsonArray(DCT + "modified").getJsonObject(0).getString("@type"))
                    .isEqualTo("http://www.w3.org/2001/XMLSchema#dateTime");
            JsonArray distributions = dataset.getJsonArray(DCAT + "distribution");
            assertThat(distributions).hasSize(2);
            for (JsonValue d : distributions) {
                JsonObject distribution = d.asJsonObject();
                assertThat(types(distribution)).containsExactly(DCAT + "Distribution");
                assertThat(iri(distribution, DCT + "license"))
                        .isEqualTo("https://www.etalab.gouv.fr/licence-ouverte-open-licence/");
                assertThat(iri(distribution, DCT + "format"))
                        .startsWith("http://publications.europa.eu/resource/authority/file-type/");
                assertThat(distribution.getJsonArray(DCT + "modified")).isNotEmpty();
                String url = iri(distribution, DCAT + "downloadURL");
                String mediaType = iri(distribution, DCAT + "mediaType").substring(MEDIA_TYPES.length());
                assertThat(url).startsWith(stack.portalUrl() + "/donnees/");

                HttpResponse<String> file = get(url);
                assertThat(file.statusCode()).as(url).isEqualTo(200);
                assertThat(file.headers().firstValue("Content-Type"))
                        .as(url)
                        .hasValueSatisfying(type -> assertThat(type).startsWith(mediaType));
                assertThat(file.headers().firstValue("Link"))
                        .as(url)
                        .hasValueSatisfying(
                                link -> assertThat(link).contains("licence-ouverte-open-licence", "rel=\"license\""));
                assertThat(file.body()).as(url).isNotBlank();
                // The size the catalogue announces is the file's.
                assertThat(distribution
                                .getJsonArray(DCAT + "byteSize")
                                .getJsonObject(0)
                                .get("@value")
                                .toString()
                                .replace("\"", ""))
                        .as(url)
                        .isEqualTo(
                                String.valueOf(file.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
                if (mediaType.equals("application/json")) {
                    assertThat(file.body()).contains("\"licence\" : \"Licence Ouverte / Open Licence 2.0\"");
                }
            }
        }
        assertThat(identifiers)
                .containsExactly("sites-capacites", "demande-projets", "certifications", "formations-suivies");
    }

    @Test
    void noDatasetNamesAPersonOrGivesAnEmailAddress(Stack stack) throws Exception {
        Set<String> names = new LinkedHashSet<>();
        Set<String> emails = new LinkedHashSet<>();
        for (DemoAccount account : stack.accounts()) {
            names.add(account.name());
            emails.add(account.email());
        }
        try (Connection db = connect(stack);
                ResultSet people = db.createStatement().executeQuery("select name, email from person")) {
            while (people.next()) {
                names.add(people.getString("name"));
                emails.add(people.getString("email"));
            }
        }
        names.removeIf(name -> name == null || name.isBlank());
        emails.removeIf(email -> email == null || email.isBlank());
        assertThat(names).as("the people the files must not name").isNotEmpty();

        for (String slug : List.of("sites-capacites", "demande-projets", "certifications", "formations-suivies")) {
            for (String extension : List.of("csv", "json")) {
                String body = get(stack.portalUrl() + "/donnees/" + slug + "." + extension)
                        .body();
                String lower = body.toLowerCase(Locale.ROOT);
                assertThat(EMAIL.matcher(body).find())
                        .as("an e-mail address in %s.%s", slug, extension)
                        .isFalse();
                for (String email : emails) {
                    assertThat(lower).as("%s.%s", slug, extension).doesNotContain(email.toLowerCase(Locale.ROOT));
                }
                for (String name : names) {
                    assertThat(lower).as("%s.%s", slug, extension).doesNotContain(name.toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    /**
     * One viral-vector brief in Île-de-France, in a quarter of its own (1999, long ended, so that no other test's
     * briefs land in it), beside larger counts: after a regeneration, its cell is hidden and no combination of the
     * published cells and totals of the file gives it back.
     */
    @Test
    void aSingleBriefCannotBeRecoveredFromTheTotalsAndDifferences(Stack stack) throws Exception {
        String quarter = "1999-Q1";
        Map<String, Integer> counts = new HashMap<>();
        counts.put("11/AAV", 1);
        counts.put("11/MAB", 12);
        counts.put("11/CELL_THERAPY", 9);
        counts.put("84/AAV", 7);
        counts.put("84/MAB", 20);
        counts.put("84/CELL_THERAPY", 6);
        counts.put("76/AAV", 15);
        counts.put("76/MAB", 8);
        counts.put("76/CELL_THERAPY", 30);
        try (Connection db = connect(stack)) {
            try (PreparedStatement clean =
                    db.prepareStatement("delete from demand_record where opened_quarter = ? and brief_id < 0")) {
                clean.setString(1, quarter);
                clean.executeUpdate();
            }
            // Negative brief identifiers: never a real brief's, and removed above when the test runs again.
            long briefId = -1;
            try (PreparedStatement insert = db.prepareStatement("""
                    insert into demand_record (brief_id, modality, region, region_code, opened_quarter, qualified_sites)
                    values (?, ?, 'FRANCE', ?, ?, 3)
                    """)) {
                for (Map.Entry<String, Integer> cell : counts.entrySet()) {
                    String[] key = cell.getKey().split("/");
                    for (int i = 0; i < cell.getValue(); i++) {
                        insert.setLong(1, briefId--);
                        insert.setString(2, key[1]);
                        insert.setString(3, key[0]);
                        insert.setString(4, quarter);
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
        }
        DemoAccount admin = stack.accounts().stream()
                .filter(account -> account.username().equals("admin"))
                .findFirst()
                .orElseThrow();
        PortalSession session = PortalSession.signIn(stack.portalUrl(), admin.username(), admin.password());
        PortalSession.Page refreshed = session.postForm("/admin/donnees/actualisation", Map.of());
        assertThat(refreshed.document().getElementById("flash-success")).isNotNull();

        List<String[]> rows = new ArrayList<>();
        for (String line :
                get(stack.portalUrl() + "/donnees/demande-projets.csv").body().split("\r\n")) {
            String[] cells = line.split(",", -1);
            if (cells[0].equals(quarter)) {
                rows.add(cells);
            }
        }
        // 3 regions × 3 modalities, a total per region, per modality and overall.
        assertThat(rows).hasSize(16);

        LinearAttack attack = new LinearAttack();
        Map<String, List<String>> byRegion = new HashMap<>();
        Map<String, List<String>> byModality = new HashMap<>();
        for (String[] row : rows) {
            String name = row[1] + "/" + row[2];
            OptionalLong published = row[3].isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(row[3]));
            assertThat(row[4]).isEqualTo(Boolean.toString(published.isEmpty()));
            attack.figure(name, published);
            if (!row[2].equals("TOTAL")) {
                byRegion.computeIfAbsent(row[1], r -> new ArrayList<>()).add(name);
            }
            if (!row[1].equals("TOTAL")) {
                byModality.computeIfAbsent(row[2], m -> new ArrayList<>()).add(name);
            }
            if (published.isPresent() && counts.containsKey(name)) {
                assertThat(published.getAsLong())
                        .as(name)
                        .isEqualTo(counts.get(name).longValue());
            }
        }
        assertThat(rows).anyMatch(row -> row[1].equals("11") && row[2].equals("AAV") && row[3].isEmpty());
        // Every line adds up: a region's modalities to its total, a modality's regions to its total.
        byRegion.forEach((region, parts) -> attack.sum(parts, region + "/TOTAL"));
        byModality.forEach((modality, parts) -> attack.sum(parts, "TOTAL/" + modality));

        assertThat(attack.recovered())
                .as("figures recomputed from the published ones")
                .isEmpty();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static Connection connect(Stack stack) throws Exception {
        return DriverManager.getConnection(
                stack.database().url(),
                stack.database().username(),
                stack.database().password());
    }

    private static List<String> types(JsonObject node) {
        return node.getJsonArray("@type").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString)
                .toList();
    }

    private static String iri(JsonObject node, String property) {
        return node.getJsonArray(property).getJsonObject(0).getString("@id");
    }

    private static String literal(JsonObject node, String property) {
        return node.getJsonArray(property).getJsonObject(0).getString("@value");
    }

    private static List<String> languages(JsonObject node, String property) {
        return node.getJsonArray(property).getValuesAs(JsonObject.class).stream()
                .map(value -> value.getString("@language"))
                .toList();
    }
}
