package fr.guichetbio.portal.dashboards;

import java.util.List;

/**
 * One figure of a dashboard as shown: its caption, its columns and its rows of cells (text as displayed, numbers as
 * numbers), and which columns the chart draws. The page, the CSV and the JSON are all written from this one record,
 * so that a download is exactly what the page shows.
 *
 * @param id the figure's identifier in URLs ({@code ?tableau=…}) and in the page
 * @param chartLabels the columns whose cells, joined, label a bar
 * @param chartValue the numeric column the bars measure (or the map's classes follow)
 * @param map the choropleth drawn instead of bars, or {@code null}
 */
public record FigureTable(
        String id,
        String caption,
        List<Column> columns,
        List<List<Object>> rows,
        List<Integer> chartLabels,
        int chartValue,
        RegionMap map) {

    /** Bars drawn at most; the table below the chart always holds every row. */
    public static final int MAX_BARS = 24;

    /** A column: its key in the JSON, its heading in the page and the CSV, whether it holds numbers. */
    public record Column(String key, String label, boolean numeric) {}

    /** One bar of the chart: its label, its value and its length as a fraction of the longest. */
    public record Bar(String label, Number value, double fraction) {}

    public FigureTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        chartLabels = List.copyOf(chartLabels);
    }

    /** A figure drawn as bars. */
    public FigureTable(
            String id,
            String caption,
            List<Column> columns,
            List<List<Object>> rows,
            List<Integer> chartLabels,
            int chartValue) {
        this(id, caption, columns, rows, chartLabels, chartValue, null);
    }

    /** The bars of the chart: the first {@link #MAX_BARS} rows, in the table's order. */
    public List<Bar> bars() {
        List<List<Object>> shown = rows.subList(0, Math.min(MAX_BARS, rows.size()));
        double max = shown.stream()
                .mapToDouble(r -> ((Number) r.get(chartValue)).doubleValue())
                .max()
                .orElse(0);
        return shown.stream()
                .map(r -> {
                    Number value = (Number) r.get(chartValue);
                    String label = String.join(
                            " · ",
                            chartLabels.stream()
                                    .map(i -> String.valueOf(r.get(i)))
                                    .toList());
                    return new Bar(label, value, max <= 0 ? 0 : value.doubleValue() / max);
                })
                .toList();
    }

    /** Whether the chart leaves rows out (then the page says so). */
    public boolean chartTruncated() {
        return rows.size() > MAX_BARS;
    }
}
