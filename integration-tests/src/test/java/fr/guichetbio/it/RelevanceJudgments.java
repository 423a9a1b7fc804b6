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
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * The judged query set ({@code relevance/judged-queries.tsv}): for each query, the conditions a right answer meets,
 * evaluated against the public catalogue as the portal exports it (catalogue/v1), so that the judgments follow the
 * data rather than a list of keys that a change of the demo generator would silently invalidate.
 */
final class RelevanceJudgments {

    /**
     * What a town means in a search, as the place field means it by default: the sites within this distance of its
     * centre, and those giving it as their city.
     */
    static final double TOWN_RADIUS_KM = 50;

    /** Mean Earth radius (IUGG), as Elasticsearch's {@code geo_distance} uses it. */
    private static final double EARTH_RADIUS_KM = 6371.0088;

    /** The fourth column of a query that may have no right answer in a catalogue (see {@link Judged}). */
    private static final String NO_ANSWER = "no-answer";

    /**
     * A query, its language and its conditions (field → accepted values).
     *
     * @param mayHaveNoAnswer the query asks for something a catalogue may not hold (the demo does not): when no site
     *     meets its conditions, the right answer is an empty or relaxed result that says which terms it leaves out
     */
    record Judged(String language, String query, Map<String, Set<String>> conditions, boolean mayHaveNoAnswer) {}

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
                boolean mayHaveNoAnswer =
                        columns.length > 3 && columns[3].trim().equals(NO_ANSWER);
                judged.add(new Judged(columns[0], columns[1], conditions, mayHaveNoAnswer));
            }
            return judged;
        }
    }

    /** The conditions a single capability can meet (what is offered, at which stage and scale). */
    private static final Set<String> CAPABILITY_CONDITIONS =
            Set.of("modality", "service", "stage", "system", "technology", "gmp", "minVolume");

    /** The keys of the exported sites that meet every condition of the query. */
    static Set<String> relevant(Judged judged, JsonNode export) {
        return relevant(judged, export, false);
    }

    /**
     * The keys of the exported sites that meet every condition of the query, with {@code oneCapability} in one of
     * their capabilities: "AAV 200 L" then wants an AAV capability of 200 L, not an AAV capability of 10 L next to a
     * 12,000 L antibody one. Stricter than the search, which reads a site as a whole.
     */
    static Set<String> relevant(Judged judged, JsonNode export, boolean oneCapability) {
        Map<String, Set<String>> capabilityConditions = new LinkedHashMap<>(judged.conditions());
        capabilityConditions.keySet().retainAll(CAPABILITY_CONDITIONS);
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode organisation : export.path("organisations")) {
            for (JsonNode site : organisation.path("sites")) {
                if (meets(judged.conditions(), organisation, site)
                        && (!oneCapability
                                || anyCapability(
                                        site.path("capabilities"),
                                        c -> meets(capabilityConditions, organisation, site, c)))) {
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

    /** Great-circle distance in kilometres (haversine). */
    static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double h = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    private static boolean meets(Map<String, Set<String>> conditions, JsonNode organisation, JsonNode site) {
        return meets(conditions, organisation, site, site.path("capabilities"));
    }

    /** Whether the site meets the conditions with {@code capabilities} (all of its own, or one of them). */
    private static boolean meets(
            Map<String, Set<String>> conditions, JsonNode organisation, JsonNode site, JsonNode capabilities) {
        JsonNode address = site.path("address");
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
                case "technology" -> anyCapability(capabilities, c -> anyOf(c.path("technologies"), accepted));
                case "gmp" -> anyCapability(capabilities, c -> c.path("gmp").asBoolean());
                case "minVolume" -> largestVolume(capabilities) >= Double.parseDouble(first(accepted));
                case "city" -> accepted.contains(address.path("city").asString());
                case "town" -> accepted.stream().anyMatch(town -> inTown(town, site));
                case "near" -> accepted.stream().anyMatch(point -> near(point, site));
                case "postalPrefix" ->
                    address.path("country").asString().equals("FR")
                            && accepted.stream()
                                    .anyMatch(address.path("postalCode").asString()::startsWith);
                case "region" -> accepted.contains(address.path("regionCode").asString());
                case "country" -> accepted.contains(address.path("country").asString());
                case "kind" -> accepted.contains(organisation.path("kind").asString());
                default -> throw new IllegalArgumentException("Unknown condition " + condition.getKey());
            };
            if (!met) {
                return false;
            }
        }
        return true;
    }

    /** {@code town=Name@lat,lon}: the site gives that city, or lies within {@link #TOWN_RADIUS_KM} of the centre. */
    private static boolean inTown(String town, JsonNode site) {
        String[] nameCentre = town.split("@", 2);
        return site.path("address").path("city").asString().equals(nameCentre[0])
                || near(nameCentre[1] + "," + TOWN_RADIUS_KM, site);
    }

    /** {@code near=lat,lon,km}: the site's coordinates are within km of the point (false without coordinates). */
    private static boolean near(String point, JsonNode site) {
        String[] parts = point.split(",");
        JsonNode location = site.path("location");
        if (!location.has("lat") || !location.has("lon")) {
            return false;
        }
        return distanceKm(
                        Double.parseDouble(parts[0]),
                        Double.parseDouble(parts[1]),
                        location.path("lat").asDouble(),
                        location.path("lon").asDouble())
                <= Double.parseDouble(parts[2]);
    }

    /** Whether one of {@code capabilities} passes: an array of capabilities, or a single capability object. */
    private static boolean anyCapability(JsonNode capabilities, Predicate<JsonNode> test) {
        if (capabilities.isObject()) {
            return test.test(capabilities);
        }
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
        for (JsonNode capability : capabilities.isObject() ? List.of(capabilities) : capabilities) {
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
