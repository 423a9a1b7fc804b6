package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import fr.guichetbio.catalogue.index.match.Criterion;
import fr.guichetbio.catalogue.index.match.Need;
import fr.guichetbio.catalogue.index.match.Shortlist;
import fr.guichetbio.catalogue.index.match.Shortlister;
import fr.guichetbio.infra.launcher.Stack;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The shortlist of a need on the demo catalogue, from the real index: checked against the portal's own export (the
 * sites meeting the required criteria, computed there independently) and against each shortlisted site's exported
 * capabilities (every explanation).
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShortlistIT {

    private Shortlister shortlister;
    private JsonNode export;
    private final Map<String, JsonNode> exportedSites = new HashMap<>();

    @BeforeAll
    void indexedDemoCatalogue(Stack stack) {
        PortalClient portal = new PortalClient(stack.portalUrl());
        JsonNode[] seeded = new JsonNode[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions()
                .until(() -> {
                    seeded[0] = RelevanceEvaluation.export(portal);
                    return RelevanceEvaluation.sites(seeded[0]) > 50
                            && RelevanceEvaluation.indexed(portal) >= RelevanceEvaluation.sites(seeded[0]);
                });
        export = seeded[0];
        export.path("organisations")
                .forEach(o -> o.path("sites")
                        .forEach(s -> exportedSites.put(s.path("key").asString(), s)));
        ElasticsearchClient client =
                ElasticsearchClient.of(b -> b.host(stack.elasticsearch().url()));
        shortlister = new Shortlister(client);
    }

    /** The sites of the export meeting {@code conditions}, as the search relevance judgments read them. */
    private Set<String> meeting(Map<String, Set<String>> conditions) {
        return RelevanceJudgments.relevant(new RelevanceJudgments.Judged("fr", "", conditions, false), export);
    }

    @Test
    void theShortlistHoldsExactlyTheSitesMeetingTheRequiredCriteriaBestFirst() {
        Need need = new Need(
                "MAB",
                "CLINICAL_LATE",
                new Need.Region.France(),
                null,
                true,
                "CHO",
                List.of("FILL_FINISH", "QC_TESTING"),
                null,
                null,
                2000.0,
                List.of());
        Set<String> expected = meeting(Map.of(
                "modality", Set.of("MAB"),
                "stage", Set.of("CLINICAL_LATE"),
                "country", Set.of("FR"),
                "gmp", Set.of("true")));
        assertThat(expected).as("the demo catalogue has such sites").hasSizeGreaterThan(2);

        Shortlist shortlist = shortlister.shortlist(need, 100);

        assertThat(shortlist.total()).isEqualTo(expected.size());
        assertThat(shortlist.candidates())
                .extracting(Shortlist.Candidate::key)
                .containsExactlyInAnyOrderElementsOf(expected);
        for (Shortlist.Candidate candidate : shortlist.candidates()) {
            JsonNode site = exportedSites.get(candidate.key());
            double weights = 0;
            for (Shortlist.Check check : candidate.checks()) {
                Shortlist.Status truth = truth(check, site, need);
                assertThat(check.status())
                        .as(
                                "%s of %s",
                                check.criterion() + (check.code() == null ? "" : ":" + check.code()), candidate.key())
                        .isEqualTo(truth);
                if (!check.criterion().required()) {
                    weights += switch (check.status()) {
                        case MET -> check.criterion().weight();
                        case PARTLY_MET -> Criterion.VOLUME_PARTLY.weight();
                        case NOT_MET -> 0;
                    };
                }
            }
            assertThat(candidate.score()).as("score of %s", candidate.key()).isEqualTo(weights);
        }
        assertThat(shortlist.candidates())
                .isSortedAccordingTo(Comparator.comparingDouble(Shortlist.Candidate::score)
                        .reversed()
                        .thenComparing(Shortlist.Candidate::key));
        // Deterministic: the same need on the same catalogue, the same order.
        assertThat(shortlister.shortlist(need, 100).candidates())
                .extracting(Shortlist.Candidate::key)
                .containsExactlyElementsOf(shortlist.candidates().stream()
                        .map(Shortlist.Candidate::key)
                        .toList());
    }

    @Test
    void aMissingSiteIsExplainedByTheRequiredCriteriaItFails() {
        Need need =
                new Need("AAV", "COMMERCIAL", new Need.Region.France(), null, true, null, null, null, null, null, null);
        Set<String> shortlisted = meeting(Map.of(
                "modality", Set.of("AAV"),
                "stage", Set.of("COMMERCIAL"),
                "country", Set.of("FR"),
                "gmp", Set.of("true")));
        Set<String> aav = meeting(Map.of("modality", Set.of("AAV")));
        String missing = aav.stream()
                .filter(key -> !shortlisted.contains(key))
                .sorted()
                .findFirst()
                .orElseThrow(() -> new AssertionError("the demo catalogue has an AAV site off this shortlist"));
        JsonNode site = exportedSites.get(missing);

        Shortlist.Exclusion exclusion = shortlister.whyMissing(need, missing).orElseThrow();

        assertThat(exclusion.failed()).isNotEmpty();
        for (Criterion required : List.of(Criterion.MODALITY, Criterion.STAGE, Criterion.REGION, Criterion.GMP)) {
            boolean fails = truth(new Shortlist.Check(required, null, null), site, need) == Shortlist.Status.NOT_MET;
            assertThat(exclusion.failed().stream().anyMatch(c -> c.criterion() == required))
                    .as("%s fails for %s", required, missing)
                    .isEqualTo(fails);
        }
        assertThat(shortlister.whyMissing(need, "no-such-site")).isEmpty();
    }

    @Test
    void requiredTechnologiesFilterAndPreferredOnesAreExplained() {
        Need need = new Need(
                "MAB",
                null,
                null,
                null,
                false,
                null,
                null,
                List.of("PAT_ONLINE_CONTROL"),
                List.of("MODULAR_FLEXIBLE_FACILITY"),
                null,
                null);
        Set<String> expected = meeting(Map.of("modality", Set.of("MAB"), "technology", Set.of("PAT_ONLINE_CONTROL")));
        assertThat(expected).as("the demo has MAB sites declaring PAT").isNotEmpty();

        Shortlist shortlist = shortlister.shortlist(need, 100);

        assertThat(shortlist.candidates())
                .extracting(Shortlist.Candidate::key)
                .containsExactlyInAnyOrderElementsOf(expected);
        for (Shortlist.Candidate candidate : shortlist.candidates()) {
            JsonNode site = exportedSites.get(candidate.key());
            for (Shortlist.Check check : candidate.checks()) {
                if (check.criterion() == Criterion.TECHNOLOGY || check.criterion() == Criterion.TECHNOLOGY_PREFERRED) {
                    assertThat(check.status())
                            .as("%s %s for %s", check.criterion(), check.code(), candidate.key())
                            .isEqualTo(truth(check, site, need));
                }
            }
            assertThat(candidate.checks())
                    .extracting(Shortlist.Check::code)
                    .contains("PAT_ONLINE_CONTROL", "MODULAR_FLEXIBLE_FACILITY");
        }
        String without = meeting(Map.of("modality", Set.of("MAB"))).stream()
                .filter(key -> !expected.contains(key))
                .sorted()
                .findFirst()
                .orElseThrow(() -> new AssertionError("the demo has MAB sites without PAT"));
        assertThat(shortlister.whyMissing(need, without).orElseThrow().failed())
                .containsExactly(
                        new Shortlist.Check(Criterion.TECHNOLOGY, "PAT_ONLINE_CONTROL", Shortlist.Status.NOT_MET));
    }

    /** What the export says of a site for one criterion of the need. */
    private static Shortlist.Status truth(Shortlist.Check check, JsonNode site, Need need) {
        JsonNode capabilities = site.path("capabilities");
        if (check.criterion() == Criterion.VOLUME) {
            double largest = largestVolume(capabilities);
            return largest >= need.litresPerBatch()
                    ? Shortlist.Status.MET
                    : largest >= need.litresPerBatch() / 2 ? Shortlist.Status.PARTLY_MET : Shortlist.Status.NOT_MET;
        }
        boolean met = switch (check.criterion()) {
            case MODALITY -> any(capabilities, "modality", need.modality());
            case STAGE -> any(capabilities, "stages", need.stage());
            case REGION -> site.path("address").path("country").asString().equals("FR");
            case GMP -> stream(capabilities).anyMatch(c -> c.path("gmp").asBoolean());
            case EXPRESSION_SYSTEM -> any(capabilities, "expressionSystems", need.expressionSystem());
            case SERVICE -> any(capabilities, "services", check.code());
            case TECHNOLOGY, TECHNOLOGY_PREFERRED -> any(capabilities, "technologies", check.code());
            default -> throw new IllegalArgumentException("not checked here: " + check.criterion());
        };
        return met ? Shortlist.Status.MET : Shortlist.Status.NOT_MET;
    }

    private static boolean any(JsonNode capabilities, String field, String code) {
        return stream(capabilities).anyMatch(c -> {
            JsonNode value = c.path(field);
            return value.isArray()
                    ? stream(value).anyMatch(v -> v.asString().equals(code))
                    : value.asString().equals(code);
        });
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static double largestVolume(JsonNode capabilities) {
        return stream(capabilities)
                .flatMap(c -> stream(c.path("bioreactors")))
                .mapToDouble(b -> b.path("workingVolumeLitres").asDouble())
                .max()
                .orElse(0);
    }
}
