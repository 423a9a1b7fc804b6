package fr.guichetbio.portal.dashboards.disclosure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The small-cell rule for published counts: a count of people, briefs or certificates below the threshold (5 by
 * default) is hidden, and enough other figures are hidden with it that it cannot be recomputed from the totals.
 *
 * <p>
 * A {@link CrossTab} is published with its row totals, column totals and grand total. Seen with its margins, the table
 * is a grid in which every line (row or column, including the total row and the total column) adds up: the entries of a
 * line sum to the line's total. The rule is applied to that extended grid:
 * <ol>
 * <li><b>Primary suppression</b>: every entry (cell or total) with {@code 0 < count < threshold}. Zero is published:
 * it says nobody is there, which is no one's secret, and hiding it would protect nothing.</li>
 * <li><b>Complementary suppression</b>: a line with exactly one hidden entry gives it away by subtraction, so the
 * smallest other entry of that line is hidden too (non-zero entries first, totals last). Repeated until every line has
 * no hidden entry or at least two.</li>
 * <li><b>Linked lines</b>: two hidden entries per line are not always enough. Read the grid as a graph whose nodes are
 * the lines and whose edges are the hidden entries (an entry joins its row and its column): a hidden entry can be
 * recomputed exactly when it is a bridge of that graph (summing the equations of the lines on one side cancels every
 * other hidden entry there). Each bridge is closed with the smallest entry that joins its two sides, then step 2
 * runs again.</li>
 * </ol>
 * The result: no hidden entry is determined by the published figures (see {@code SmallCellsTest}, which attacks the
 * output by solving the linear system). Bounds from non-negativity are not considered: an attacker may learn a hidden
 * count lies in [0, total], which for totals above the threshold is the protection intended.
 *
 * <p>
 * Filtered views (one region, one modality) must be read from a table protected once ({@link Protected#row},
 * {@link Protected#column}), never protected again on their own: two views protected separately can differ by a
 * hidden cell.
 *
 * <p>
 * Spring-free on purpose: the dashboards and the open data apply the same rule to figures they compute themselves.
 */
public final class SmallCells {

    /** The threshold used by default: counts of 1 to 4 are hidden. */
    public static final int DEFAULT_THRESHOLD = 5;

    private final int threshold;

    public SmallCells(int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("The small-cell threshold must be at least 1, was " + threshold);
        }
        this.threshold = threshold;
    }

    public static SmallCells withDefaultThreshold() {
        return new SmallCells(DEFAULT_THRESHOLD);
    }

    public int threshold() {
        return threshold;
    }

    /**
     * Counts laid out in rows and columns (region × modality, course × region…), without totals: they are computed
     * here so that they always match the cells.
     */
    public record CrossTab(List<String> rows, List<String> columns, List<List<Long>> counts) {

        public CrossTab {
            rows = List.copyOf(rows);
            columns = List.copyOf(columns);
            counts = counts.stream().map(List::copyOf).toList();
            if (rows.isEmpty() || columns.isEmpty()) {
                throw new IllegalArgumentException("A table needs at least one row and one column");
            }
            if (rows.stream().distinct().count() != rows.size()
                    || columns.stream().distinct().count() != columns.size()) {
                throw new IllegalArgumentException("Row and column labels must be unique");
            }
            int width = columns.size();
            if (counts.size() != rows.size() || counts.stream().anyMatch(row -> row.size() != width)) {
                throw new IllegalArgumentException(
                        "Expected " + rows.size() + " rows of " + columns.size() + " counts");
            }
            if (counts.stream().flatMap(List::stream).anyMatch(count -> count < 0)) {
                throw new IllegalArgumentException("Counts cannot be negative");
            }
        }

        /** A table of zeros to fill with {@link Builder#add}. */
        public static Builder builder(List<String> rows, List<String> columns) {
            return new Builder(rows, columns);
        }

        public long count(String row, String column) {
            return counts.get(indexOf(rows, row, "row")).get(indexOf(columns, column, "column"));
        }
    }

    /** Fills a {@link CrossTab} from aggregated query results, in any order. */
    public static final class Builder {

        private final List<String> rows;

        private final List<String> columns;

        private final long[][] counts;

        private Builder(List<String> rows, List<String> columns) {
            this.rows = List.copyOf(rows);
            this.columns = List.copyOf(columns);
            this.counts = new long[rows.size()][columns.size()];
        }

        public Builder add(String row, String column, long count) {
            counts[indexOf(rows, row, "row")][indexOf(columns, column, "column")] += count;
            return this;
        }

        public CrossTab build() {
            return new CrossTab(
                    rows,
                    columns,
                    Arrays.stream(counts)
                            .map(row -> Arrays.stream(row).boxed().toList())
                            .toList());
        }
    }

    /** One published figure: its value, or empty when it is hidden. */
    public record Figure(String row, String column, OptionalLong count) {

        public boolean hidden() {
            return count.isEmpty();
        }
    }

    /**
     * A table ready to publish: every cell and total is either shown or hidden. Row and column "keys" are the labels of
     * the {@link CrossTab}; totals are asked for by name, not by a reserved label.
     */
    public static final class Protected {

        private final CrossTab table;

        private final long[][] values;

        private final boolean[][] hidden;

        private Protected(CrossTab table, long[][] values, boolean[][] hidden) {
            this.table = table;
            this.values = values;
            this.hidden = hidden;
        }

        public List<String> rows() {
            return table.rows();
        }

        public List<String> columns() {
            return table.columns();
        }

        public OptionalLong cell(String row, String column) {
            return figure(indexOf(table.rows(), row, "row"), indexOf(table.columns(), column, "column"));
        }

        public OptionalLong rowTotal(String row) {
            return figure(indexOf(table.rows(), row, "row"), table.columns().size());
        }

        public OptionalLong columnTotal(String column) {
            return figure(table.rows().size(), indexOf(table.columns(), column, "column"));
        }

        public OptionalLong grandTotal() {
            return figure(table.rows().size(), table.columns().size());
        }

        /** The cells of one row, in column order: the view filtered on that row. */
        public List<Figure> row(String row) {
            return table.columns().stream()
                    .map(column -> new Figure(row, column, cell(row, column)))
                    .toList();
        }

        /** The cells of one column, in row order: the view filtered on that column. */
        public List<Figure> column(String column) {
            return table.rows().stream()
                    .map(row -> new Figure(row, column, cell(row, column)))
                    .toList();
        }

        /** Every cell, row by row (totals excluded). */
        public List<Figure> cells() {
            return table.rows().stream().flatMap(row -> row(row).stream()).toList();
        }

        /** How many cells and totals are hidden. */
        public int hiddenCount() {
            int count = 0;
            for (boolean[] line : hidden) {
                for (boolean entry : line) {
                    count += entry ? 1 : 0;
                }
            }
            return count;
        }

        private OptionalLong figure(int row, int column) {
            return hidden[row][column] ? OptionalLong.empty() : OptionalLong.of(values[row][column]);
        }
    }

    /** Applies the rule to a table and its totals. */
    public Protected protect(CrossTab table) {
        long[][] values = withTotals(table);
        boolean[][] hidden = new boolean[values.length][values[0].length];
        for (int row = 0; row < values.length; row++) {
            for (int column = 0; column < values[row].length; column++) {
                hidden[row][column] = values[row][column] > 0 && values[row][column] < threshold;
            }
        }
        Grid grid = new Grid(values, hidden);
        do {
            grid.completeLines();
        } while (grid.closeOneBridge());
        return new Protected(table, values, hidden);
    }

    /** Convenience for a single list of counts with its total (one row). */
    public Protected protect(List<String> labels, List<Long> counts) {
        return protect(new CrossTab(List.of("total"), labels, List.of(counts)));
    }

    private static long[][] withTotals(CrossTab table) {
        int rows = table.rows().size();
        int columns = table.columns().size();
        long[][] values = new long[rows + 1][columns + 1];
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                long count = table.counts().get(row).get(column);
                values[row][column] = count;
                values[row][columns] = Math.addExact(values[row][columns], count);
                values[rows][column] = Math.addExact(values[rows][column], count);
                values[rows][columns] = Math.addExact(values[rows][columns], count);
            }
        }
        return values;
    }

    private static int indexOf(List<String> labels, String label, String kind) {
        int index = labels.indexOf(label);
        if (index < 0) {
            throw new IllegalArgumentException("Unknown " + kind + " '" + label + "'");
        }
        return index;
    }

    /**
     * The extended grid (cells plus a total row and a total column). Lines are numbered rows first
     * ({@code 0..rows-1}), then columns ({@code rows..rows+columns-1}); the entry (r, c) joins line r and line
     * rows + c.
     */
    private static final class Grid {

        private final long[][] values;

        private final boolean[][] hidden;

        private final int rows;

        private final int columns;

        Grid(long[][] values, boolean[][] hidden) {
            this.values = values;
            this.hidden = hidden;
            this.rows = values.length;
            this.columns = values[0].length;
        }

        /** Complementary suppression until no line has exactly one hidden entry. */
        void completeLines() {
            boolean changed = true;
            while (changed) {
                changed = false;
                for (int row = 0; row < rows; row++) {
                    changed |= completeLine(entriesOfRow(row));
                }
                for (int column = 0; column < columns; column++) {
                    changed |= completeLine(entriesOfColumn(column));
                }
            }
        }

        private boolean completeLine(List<int[]> entries) {
            long hiddenEntries = entries.stream().filter(this::isHidden).count();
            if (hiddenEntries != 1) {
                return false;
            }
            entries.stream()
                    .filter(entry -> !isHidden(entry))
                    .min(cheapestFirst())
                    .ifPresent(this::hide);
            return true;
        }

        /**
         * Finds one hidden entry that the published figures determine (a bridge) and hides the cheapest entry joining
         * its two sides. Returns false when there is none.
         */
        boolean closeOneBridge() {
            for (int row = 0; row < rows; row++) {
                for (int column = 0; column < columns; column++) {
                    if (hidden[row][column]) {
                        boolean[] rowSide = linesReachableWithout(row, column, row);
                        if (!rowSide[rows + column]) {
                            // A bridge: join a row of one side to a column of the other, closing a cycle through it.
                            boolean[] columnSide = linesReachableWithout(row, column, rows + column);
                            List<int[]> joining = new ArrayList<>();
                            for (int r = 0; r < rows; r++) {
                                for (int c = 0; c < columns; c++) {
                                    boolean joins = (rowSide[r] && columnSide[rows + c])
                                            || (columnSide[r] && rowSide[rows + c]);
                                    if (!hidden[r][c] && joins) {
                                        joining.add(new int[] {r, c});
                                    }
                                }
                            }
                            // Never empty: lines of a fixed point have zero or at least two hidden entries, so each
                            // side has both a row and a column; a hidden entry between them would not be a bridge.
                            hide(joining.stream().min(cheapestFirst()).orElseThrow());
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        /** The lines reachable from line {@code start} through hidden entries, not using (skipRow, skipColumn). */
        private boolean[] linesReachableWithout(int skipRow, int skipColumn, int start) {
            boolean[] seen = new boolean[rows + columns];
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            seen[start] = true;
            queue.add(start);
            while (!queue.isEmpty()) {
                int line = queue.poll();
                if (line < rows) {
                    for (int c = 0; c < columns; c++) {
                        if (hidden[line][c] && !(line == skipRow && c == skipColumn) && !seen[rows + c]) {
                            seen[rows + c] = true;
                            queue.add(rows + c);
                        }
                    }
                } else {
                    int c = line - rows;
                    for (int r = 0; r < rows; r++) {
                        if (hidden[r][c] && !(r == skipRow && c == skipColumn) && !seen[r]) {
                            seen[r] = true;
                            queue.add(r);
                        }
                    }
                }
            }
            return seen;
        }

        /**
         * Hides as little information as possible: non-zero counts before zeros (a hidden zero next to a small count
         * says "these two add up to the small count"), smaller before larger, cells before totals.
         */
        private Comparator<int[]> cheapestFirst() {
            return Comparator.<int[], Boolean>comparing(entry -> value(entry) == 0)
                    .thenComparingLong(this::value)
                    .thenComparing(entry -> entry[0] == rows - 1 || entry[1] == columns - 1)
                    .thenComparingInt(entry -> entry[0])
                    .thenComparingInt(entry -> entry[1]);
        }

        private List<int[]> entriesOfRow(int row) {
            List<int[]> entries = new ArrayList<>(columns);
            for (int column = 0; column < columns; column++) {
                entries.add(new int[] {row, column});
            }
            return entries;
        }

        private List<int[]> entriesOfColumn(int column) {
            List<int[]> entries = new ArrayList<>(rows);
            for (int row = 0; row < rows; row++) {
                entries.add(new int[] {row, column});
            }
            return entries;
        }

        private boolean isHidden(int[] entry) {
            return hidden[entry[0]][entry[1]];
        }

        private long value(int[] entry) {
            return values[entry[0]][entry[1]];
        }

        private void hide(int[] entry) {
            hidden[entry[0]][entry[1]] = true;
        }
    }

    @Override
    public String toString() {
        return "SmallCells[threshold=" + threshold + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SmallCells that && that.threshold == threshold;
    }

    @Override
    public int hashCode() {
        return Objects.hash(threshold);
    }
}
