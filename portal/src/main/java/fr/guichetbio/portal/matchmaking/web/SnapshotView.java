package fr.guichetbio.portal.matchmaking.web;

import java.util.List;
import java.util.Map;

/** A request's brief snapshot as the page reads it: every field present, {@code null} when the snapshot lacks it. */
record SnapshotView(
        String title,
        String modality,
        String expressionSystem,
        String stage,
        Object annualQuantityKg,
        Object litresPerBatch,
        List<String> services,
        List<String> technologies,
        List<String> preferredTechnologies,
        String startFrom,
        String startTo,
        String region,
        String place,
        Object radiusKm,
        String minimumVerification,
        boolean gmpRequired) {

    static SnapshotView of(Map<String, Object> snapshot) {
        return new SnapshotView(
                text(snapshot, "title"),
                text(snapshot, "modality"),
                text(snapshot, "expressionSystem"),
                text(snapshot, "stage"),
                snapshot.get("annualQuantityKg"),
                snapshot.get("litresPerBatch"),
                codes(snapshot, "services"),
                codes(snapshot, "technologies"),
                codes(snapshot, "preferredTechnologies"),
                text(snapshot, "startFrom"),
                text(snapshot, "startTo"),
                snapshot.get("region") == null ? "ANYWHERE" : text(snapshot, "region"),
                text(snapshot, "place"),
                snapshot.get("radiusKm"),
                snapshot.get("minimumVerification") == null ? "SELF_DECLARED" : text(snapshot, "minimumVerification"),
                Boolean.TRUE.equals(snapshot.get("gmpRequired")));
    }

    /** A list of codes; empty when the snapshot lacks it (a request sent before the field existed). */
    private static List<String> codes(Map<String, Object> snapshot, String key) {
        return snapshot.get(key) instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of();
    }

    private static String text(Map<String, Object> snapshot, String key) {
        Object value = snapshot.get(key);
        return value == null ? null : value.toString();
    }
}
