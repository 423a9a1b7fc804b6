package fr.guichetbio.portal.web;

/**
 * Cells of the CSV files the portal hands out (catalogue export, training matrix, dashboards, open data), kept safe
 * for spreadsheets: a value starting like a formula ({@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage
 * return: OWASP's "CSV injection") gets a leading single quote, so that e.g. a name written {@code =HYPERLINK(…)}
 * is shown as text. One rule for every export.
 */
public final class CsvCells {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private CsvCells() {}

    /** The text guarded against formulas; quoting is left to the writer (e.g. commons-csv). */
    public static String text(String value) {
        return !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    /** The value guarded against formulas, then RFC 4180 quoted when it holds a comma, a quote or a line break. */
    public static String quoted(Object value) {
        String cell = text(value == null ? "" : value.toString());
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            cell = "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }
}
