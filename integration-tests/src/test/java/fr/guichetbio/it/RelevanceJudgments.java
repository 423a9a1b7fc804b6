package fr.guichetbio.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The judged query set ({@code relevance/judged-queries.tsv}): for each query, the conditions a right answer meets,
 * evaluated against the public catalogue as the portal exports it (catalogue/v1), so that the judgments follow the
 * data rather than a list of keys that a change of the demo generator would silently invalidate.
 */
final class RelevanceJudgments {

    /** A query, its language and its conditions (field → accepted values). */
    record Judged(String language, String query, Map<String, Set<String>> conditions) {}

    private RelevanceJudgments() {}

    static List<Judged> load() throws IOException {
        try (InputStream in = RelevanceJudgments.class.getResourceAsStream("/relevance/judged-queries.tsv")) {
            if (in == null) {
                throw new IllegalStateException("relevance/judged-queries.tsv is missing");
            }
            List<Judged> judged = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                Map<String, Set<String>> conditions = new LinkedHashMap<>();
                for (String condition : columns[2].trim().split(" +")) {
                    String[] keyValues = condition.split("=", 2);
                    conditions.put(keyValues[0], new LinkedHashSet<>(Arrays.asList(keyValues[1].split("\\|"))));
                }
                judged.add(new Judged(columns[0], columns[1], conditions));
            }
            return judged;
        }
    }

    /** The keys of the exported sites that meet every condition of the query. */
    static Set<String> relevant(Judged judged, JsonNode export) {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode organisation : export.path("organisations")) {
            for (JsonNode site : organisation.path("sites")) {
                if (meets(judged.conditions(), organisation, site)) {
                    keys.add(site.path("key").asString());
                }
            }
        }
        return keys;
    }

    /**
     * Precision of the first {@code k} results, over the right answers that exist when there are fewer than {@code
     * k} (a query with 2 right answers ranked first and second scores 1).
     */
    static double precisionAt(int k, List<String> ranked, Set<String> relevant) {
        int cutoff = Math.min(k, relevant.size());
        if (cutoff == 0) {
            throw new IllegalArgumentException("no relevant site: fix the judgment");
        }
        long hits = ranked.stream().limit(cutoff).filter(relevant::contains).count();
        return (double) hits / cutoff;
    }

    private static boolean meets(Map<String, Set<String>> conditions, JsonNode organisation, JsonNode site) {
        JsonNode capabilities = site.path("capabilities");
        for (Map.Entry<String, Set<String>> condition : conditions.entrySet()) {
            Set<String> accepted = condition.getValue();
            boolean met = switch (condition.getKey()) {
                case "modality" ->
                    anyCapability(
                            capabilities,
                            c -> accepted.contains(c.path("modality").asString()));
                case "service" -> anyCapability(capabilities, c -> anyOf(c.path("services"), accepted));
                case "stage" -> anyCapability(capabilities, c -> anyOf(c.path("stages"), accepted));
                case "system" -> anyCapability(capabilities, c -> anyOf(c.path("expressionSystems"), accepted));
                case "minVolume" -> largestVolume(capabilities) >= Double.parseDouble(first(accepted));
                case "city" ->
                    accepted.contains(site.path("address").path("city").asString());
                case "region" ->
                    accepted.contains(site.path("address").path("regionCode").asString());
                case "country" ->
                    accepted.contains(site.path("address").path("country").asString());
                case "kind" -> accepted.contains(organisation.path("kind").asString());
                default -> throw new IllegalArgumentException("Unknown condition " + condition.getKey());
            };
            if (!met) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyCapability(JsonNode capabilities, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode capability : capabilities) {
            if (test.test(capability)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyOf(JsonNode values, Set<String> accepted) {
        for (JsonNode value : values) {
            if (accepted.contains(value.asString())) {
                return true;
            }
        }
        return false;
    }

    private static double largestVolume(JsonNode capabilities) {
        double largest = 0;
        for (JsonNode capability : capabilities) {
            for (JsonNode bioreactor : capability.path("bioreactors")) {
                largest =
                        Math.max(largest, bioreactor.path("workingVolumeLitres").asDouble());
            }
        }
        return largest;
    }

    private static String first(Set<String> values) {
        return values.iterator().next();
    }
}
