package fr.guichetbio.portal.dashboards.opendata;

import fr.guichetbio.portal.web.CsvCells;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A dataset's content: named columns and rows of plain values (strings, numbers, booleans, null for an empty or hidden
 * figure), written as CSV (RFC 4180) and as JSON with the same columns.
 */
record DatasetTable(List<String> columns, List<List<Object>> rows) {

    DatasetTable {
        columns = List.copyOf(columns);
        int width = columns.size();
        if (rows.stream().anyMatch(row -> row.size() != width)) {
            throw new IllegalArgumentException("Every row needs " + width + " values");
        }
        rows = rows.stream()
                .map(row -> java.util.Collections.unmodifiableList(new ArrayList<>(row)))
                .toList();
    }

    byte[] csv() {
        StringBuilder csv = new StringBuilder();
        line(csv, new ArrayList<>(columns));
        rows.forEach(row -> line(csv, row));
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code {"title": …, "licence": …, "columns": […], "rows": [{column: value}]}}: the licence travels with the
     * file (the CSV carries it in the {@code Link} header and the catalogue).
     */
    byte[] json(JsonMapper json, Dataset dataset) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("dataset", dataset.slug());
        document.put("title", dataset.titleFr());
        document.put("licence", OpenLicence.NAME);
        document.put("licenceUrl", OpenLicence.URL);
        document.put("columns", columns);
        List<Map<String, Object>> objects = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                object.put(columns.get(i), row.get(i));
            }
            objects.add(object);
        }
        document.put("rows", objects);
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
    }

    private static void line(StringBuilder csv, List<Object> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(CsvCells.quoted(cells.get(i)));
        }
        csv.append("\r\n");
    }
}
