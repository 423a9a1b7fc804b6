package fr.guichetbio.portal.catalogue.listing;

import fr.guichetbio.portal.catalogue.CatalogueDocument.Site;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What differs between two versions of a site, field by field: each change names its place in catalogue/v1 terms
 * (e.g. {@code capabilities/1/bioreactors/2/workingVolumeLitres}, indexes from 0) with the value before and after.
 * Lists of codes (services, stages…) count as one field.
 */
public final class SiteDiff {

    /** One changed field; {@code before} or {@code after} is {@code null} when the field was added or removed. */
    public record FieldChange(String path, String before, String after) {

        /** The property names along the path, without indexes, e.g. {@code [capabilities, bioreactors, count]}. */
        public List<String> names() {
            List<String> names = new ArrayList<>();
            for (String segment : path.split("/")) {
                if (!segment.chars().allMatch(Character::isDigit)) {
                    names.add(segment);
                }
            }
            return names;
        }
    }

    private SiteDiff() {}

    public static List<FieldChange> between(Site before, Site after, JsonMapper json) {
        Map<String, String> old = flatten(before == null ? null : json.valueToTree(before));
        Map<String, String> now = flatten(after == null ? null : json.valueToTree(after));
        Set<String> paths = new LinkedHashSet<>(old.keySet());
        paths.addAll(now.keySet());
        List<FieldChange> changes = new ArrayList<>();
        for (String path : paths) {
            String a = old.get(path);
            String b = now.get(path);
            if (a == null ? b != null : !a.equals(b)) {
                changes.add(new FieldChange(path, a, b));
            }
        }
        return changes;
    }

    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (node != null) {
            flatten("", node, fields);
        }
        return fields;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> fields) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                flatten(
                        path.isEmpty() ? property.getKey() : path + "/" + property.getKey(),
                        property.getValue(),
                        fields);
            }
        } else if (node.isArray() && node.size() > 0 && !node.get(0).isContainer()) {
            List<String> values = new ArrayList<>();
            node.forEach(value -> values.add(value.asString()));
            fields.put(path, String.join(", ", values));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "/" + i, node.get(i), fields);
            }
        } else if (!node.isNull()) {
            fields.put(
                    path,
                    node.isNumber() ? node.decimalValue().stripTrailingZeros().toPlainString() : node.asString());
        }
    }
}
