package fr.guichetbio.portal.dashboards.disclosure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What an attacker can recompute from published figures: every published equation (a line's entries add up to its
 * total) with the shown figures substituted, solved by Gaussian elimination. A hidden figure is recovered when the
 * reduced system has a row naming it alone.
 *
 * <p>
 * Exact arithmetic modulo a large prime: the equations of additive tables have coefficients 0 and ±1 and form a
 * totally unimodular system, so every minor is 0 or ±1 and ranks modulo the prime are the rational ranks; the counts
 * are far below the prime, so a recovered residue is the count itself. Independent of {@link SmallCells}'s reasoning
 * (bridges): it only sees what is published. Public for the open data's tests, which attack the published files.
 */
public final class LinearAttack {

    private static final long PRIME = 1_000_000_007L;

    private final Map<String, OptionalLong> figures = new LinkedHashMap<>();

    private final List<Equation> equations = new ArrayList<>();

    private record Equation(List<String> parts, String total) {}

    /** Declares a published figure under a name; the same name in two publications is the same figure. */
    public LinearAttack figure(String name, OptionalLong published) {
        OptionalLong previous = figures.get(name);
        if (previous == null || previous.isEmpty()) {
            figures.put(name, published);
        }
        return this;
    }

    /** Declares that the figures {@code parts} add up to {@code total}. */
    public LinearAttack sum(List<String> parts, String total) {
        equations.add(new Equation(List.copyOf(parts), total));
        return this;
    }

    /** Adds every figure and every line equation of a protected table, its names prefixed. */
    LinearAttack table(String prefix, SmallCells.Protected table) {
        List<String> rowTotals = new ArrayList<>();
        for (String row : table.rows()) {
            List<String> parts = new ArrayList<>();
            for (String column : table.columns()) {
                String name = prefix + row + "/" + column;
                figure(name, table.cell(row, column));
                parts.add(name);
            }
            figure(prefix + row + "/*", table.rowTotal(row));
            sum(parts, prefix + row + "/*");
            rowTotals.add(prefix + row + "/*");
        }
        List<String> columnTotals = new ArrayList<>();
        for (String column : table.columns()) {
            figure(prefix + "*/" + column, table.columnTotal(column));
            sum(table.rows().stream().map(row -> prefix + row + "/" + column).toList(), prefix + "*/" + column);
            columnTotals.add(prefix + "*/" + column);
        }
        figure(prefix + "*/*", table.grandTotal());
        sum(rowTotals, prefix + "*/*");
        sum(columnTotals, prefix + "*/*");
        return this;
    }

    /** The hidden figures the published ones determine, with their values. */
    public Map<String, Long> recovered() {
        List<String> unknowns = figures.entrySet().stream()
                .filter(entry -> entry.getValue().isEmpty())
                .map(Map.Entry::getKey)
                .toList();
        int width = unknowns.size();
        List<long[]> rows = new ArrayList<>();
        for (Equation equation : equations) {
            long[] row = new long[width + 1];
            accumulate(row, unknowns, equation.total(), PRIME - 1);
            for (String part : equation.parts()) {
                accumulate(row, unknowns, part, 1);
            }
            rows.add(row);
        }
        int pivotRow = 0;
        for (int column = 0; column < width && pivotRow < rows.size(); column++) {
            int found = -1;
            for (int r = pivotRow; r < rows.size(); r++) {
                if (rows.get(r)[column] != 0) {
                    found = r;
                    break;
                }
            }
            if (found < 0) {
                continue;
            }
            long[] pivot = rows.get(found);
            rows.set(found, rows.get(pivotRow));
            rows.set(pivotRow, pivot);
            long inverse = power(pivot[column], PRIME - 2);
            for (int c = 0; c <= width; c++) {
                pivot[c] = pivot[c] * inverse % PRIME;
            }
            for (int r = 0; r < rows.size(); r++) {
                long[] other = rows.get(r);
                if (r != pivotRow && other[column] != 0) {
                    long factor = other[column];
                    for (int c = 0; c <= width; c++) {
                        other[c] = Math.floorMod(other[c] - factor * pivot[c] % PRIME, PRIME);
                    }
                }
            }
            pivotRow++;
        }
        Map<String, Long> recovered = new LinkedHashMap<>();
        for (long[] row : rows) {
            int nonZero = -1;
            int count = 0;
            for (int c = 0; c < width; c++) {
                if (row[c] != 0) {
                    nonZero = c;
                    count++;
                }
            }
            if (count == 1) {
                recovered.put(unknowns.get(nonZero), row[width]);
            }
        }
        return recovered;
    }

    /** Adds {@code coefficient × figure} to the left side, or its known value to the right side. */
    private void accumulate(long[] row, List<String> unknowns, String name, long coefficient) {
        OptionalLong value = figures.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Undeclared figure " + name);
        }
        if (value.isPresent()) {
            row[row.length - 1] = Math.floorMod(row[row.length - 1] - coefficient * value.getAsLong(), PRIME);
        } else {
            int index = unknowns.indexOf(name);
            row[index] = (row[index] + coefficient) % PRIME;
        }
    }

    private static long power(long base, long exponent) {
        long result = 1;
        long factor = base % PRIME;
        for (long e = exponent; e > 0; e >>= 1) {
            if ((e & 1) == 1) {
                result = result * factor % PRIME;
            }
            factor = factor * factor % PRIME;
        }
        return result;
    }
}
