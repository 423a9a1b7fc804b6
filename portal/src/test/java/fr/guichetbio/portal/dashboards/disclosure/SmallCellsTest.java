package fr.guichetbio.portal.dashboards.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichetbio.portal.dashboards.disclosure.SmallCells.CrossTab;
import fr.guichetbio.portal.dashboards.disclosure.SmallCells.Protected;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmallCellsTest {

    private static final List<String> REGIONS = List.of("11", "84", "76", "93");

    private static final List<String> MODALITIES = List.of("VIRAL_VECTOR", "MONOCLONAL_ANTIBODY", "CELL_THERAPY");

    private final SmallCells smallCells = SmallCells.withDefaultThreshold();

    @Test
    void showsTablesWithoutSmallCountsAsTheyAre() {
        Protected shown = smallCells.protect(table(new long[][] {{10, 20, 0}, {5, 7, 9}, {0, 0, 0}, {12, 30, 6}}));

        assertThat(shown.hiddenCount()).isZero();
        assertThat(shown.cell("11", "MONOCLONAL_ANTIBODY")).hasValue(20);
        assertThat(shown.cell("11", "CELL_THERAPY")).hasValue(0);
        assertThat(shown.rowTotal("84")).hasValue(21);
        assertThat(shown.columnTotal("VIRAL_VECTOR")).hasValue(27);
        assertThat(shown.grandTotal()).hasValue(99);
    }

    @Test
    void hidesSmallCountsAndEnoughOthersThatTheyCannotBeSubtracted() {
        // Île-de-France has 3 viral-vector briefs: hidden, and its row and column each lose another figure.
        Protected shown = smallCells.protect(table(new long[][] {{3, 20, 11}, {8, 7, 9}, {15, 6, 40}, {12, 30, 6}}));

        assertThat(shown.cell("11", "VIRAL_VECTOR")).isEmpty();
        assertThat(hiddenIn(shown.row("11"))).isGreaterThanOrEqualTo(2);
        assertThat(hiddenIn(shown.column("VIRAL_VECTOR"))).isGreaterThanOrEqualTo(2);
        assertThat(new LinearAttack().table("", shown).recovered()).isEmpty();
        // The totals, not needed to protect the cell, stay published.
        assertThat(shown.grandTotal()).hasValue(167);
    }

    @Test
    void choosesTheSmallestComplementSoThatLessIsLost() {
        Protected shown = smallCells.protect(List.of("A", "B", "C", "D"), List.of(2L, 50L, 6L, 9L));

        assertThat(shown.cell("total", "A")).isEmpty();
        assertThat(shown.cell("total", "C")).isEmpty();
        assertThat(shown.cell("total", "B")).hasValue(50);
        assertThat(shown.cell("total", "D")).hasValue(9);
        assertThat(shown.grandTotal()).hasValue(67);
    }

    @Test
    void hidesASmallTotalAndWhatWouldGiveItAway() {
        // Occitanie has 4 briefs in all, spread over modalities: each cell is small, and so is the row total.
        Protected shown = smallCells.protect(table(new long[][] {{30, 20, 11}, {8, 7, 9}, {2, 1, 1}, {12, 30, 6}}));

        assertThat(shown.rowTotal("76")).isEmpty();
        assertThat(shown.row("76")).allMatch(SmallCells.Figure::hidden);
        assertThat(new LinearAttack().table("", shown).recovered()).isEmpty();
    }

    @Test
    void closesHiddenEntriesThatTwoPerLineDoNotProtect() {
        // One brief in Provence-Alpes-Côte d'Azur: two hidden figures per line here still leave a chain of hidden
        // entries whose line equations, summed, give that brief away (found by the attack when the rule stopped at
        // two per line). The rule joins the chain into a cycle.
        Protected shown = smallCells.protect(table(new long[][] {{42, 0, 40}, {41, 43, 11}, {0, 22, 0}, {0, 36, 1}}));

        assertThat(shown.cell("93", "CELL_THERAPY")).isEmpty();
        assertThat(new LinearAttack().table("", shown).recovered()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 10})
    void noHiddenFigureOfManyTablesCanBeRecomputedFromWhatIsPublished(int threshold) {
        SmallCells rule = new SmallCells(threshold);
        Random random = new Random(18L * threshold);
        for (int attempt = 0; attempt < 300; attempt++) {
            int rows = 1 + random.nextInt(6);
            int columns = 1 + random.nextInt(6);
            List<String> rowLabels =
                    IntStream.range(0, rows).mapToObj(i -> "r" + i).toList();
            List<String> columnLabels =
                    IntStream.range(0, columns).mapToObj(i -> "c" + i).toList();
            SmallCells.Builder builder = CrossTab.builder(rowLabels, columnLabels);
            for (String row : rowLabels) {
                for (String column : columnLabels) {
                    // Sparse, skewed counts as in real demand: many zeros and small cells, a few large.
                    int kind = random.nextInt(4);
                    builder.add(
                            row, column, kind == 0 ? 0 : kind == 1 ? random.nextInt(threshold) : random.nextInt(60));
                }
            }
            CrossTab table = builder.build();

            Protected shown = rule.protect(table);

            for (String row : rowLabels) {
                for (String column : columnLabels) {
                    long count = table.count(row, column);
                    OptionalLong published = shown.cell(row, column);
                    if (count > 0 && count < threshold) {
                        assertThat(published)
                                .as("small cell %s/%s in %s", row, column, table)
                                .isEmpty();
                    }
                    published.ifPresent(value -> assertThat(value).isEqualTo(count));
                }
            }
            assertThat(new LinearAttack().table("", shown).recovered())
                    .as("recovered from %s", table)
                    .isEmpty();
        }
    }

    @Test
    void filteredViewsReadFromOneProtectedTableRevealNothingTogether() {
        CrossTab demand = table(new long[][] {{3, 12, 9}, {10, 20, 20}, {7, 25, 30}, {15, 14, 13}});
        Protected shown = smallCells.protect(demand);

        // Every filter a visitor can combine: by region, by modality, and everything.
        LinearAttack attack = new LinearAttack().table("", shown);
        for (String region : REGIONS) {
            List<String> parts = new ArrayList<>();
            for (SmallCells.Figure figure : shown.row(region)) {
                attack.figure("region=" + region + "/" + figure.column(), figure.count());
                attack.sum(List.of("region=" + region + "/" + figure.column()), region + "/" + figure.column());
                parts.add("region=" + region + "/" + figure.column());
            }
            attack.sum(parts, region + "/*");
        }
        for (String modality : MODALITIES) {
            for (SmallCells.Figure figure : shown.column(modality)) {
                attack.figure("modality=" + modality + "/" + figure.row(), figure.count());
                attack.sum(List.of("modality=" + modality + "/" + figure.row()), figure.row() + "/" + modality);
            }
        }

        assertThat(attack.recovered()).isEmpty();
    }

    @Test
    void protectingEachFilteredViewOnItsOwnWouldLeakAHiddenCell() {
        // What the rule above forbids, to show the attack finds it: Île-de-France has 3 viral-vector briefs.
        CrossTab demand = table(new long[][] {{3, 12, 9}, {10, 20, 20}, {7, 25, 30}, {15, 14, 13}});
        LinearAttack attack = new LinearAttack();
        for (String modality : MODALITIES) {
            Protected view = smallCells.protect(
                    REGIONS,
                    REGIONS.stream()
                            .map(region -> demand.count(region, modality))
                            .toList());
            attack.table("modality=" + modality + "/", view);
            REGIONS.forEach(region ->
                    attack.sum(List.of("modality=" + modality + "/total/" + region), region + "/" + modality));
        }
        for (String region : REGIONS) {
            Protected view = smallCells.protect(
                    MODALITIES,
                    MODALITIES.stream()
                            .map(modality -> demand.count(region, modality))
                            .toList());
            attack.table("region=" + region + "/", view);
            MODALITIES.forEach(modality ->
                    attack.sum(List.of("region=" + region + "/total/" + modality), region + "/" + modality));
        }
        REGIONS.forEach(
                region -> MODALITIES.forEach(modality -> attack.figure(region + "/" + modality, OptionalLong.empty())));

        assertThat(attack.recovered()).containsEntry("11/VIRAL_VECTOR", 3L);
    }

    @Test
    void theAttackRecoversACellHiddenAlone() {
        // The attacker is not blind: one hidden cell in a line is found by subtraction.
        LinearAttack attack = new LinearAttack()
                .figure("a", OptionalLong.empty())
                .figure("b", OptionalLong.of(10))
                .figure("total", OptionalLong.of(13))
                .sum(List.of("a", "b"), "total");

        assertThat(attack.recovered()).containsExactlyEntriesOf(java.util.Map.of("a", 3L));
    }

    @Test
    void aThresholdOfOneHidesNothing() {
        Protected shown = new SmallCells(1).protect(table(new long[][] {{1, 2, 3}, {4, 0, 1}, {1, 1, 1}, {0, 0, 0}}));

        assertThat(shown.hiddenCount()).isZero();
    }

    @Test
    void refusesTablesItCannotProtect() {
        assertThatThrownBy(() -> new SmallCells(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new CrossTab(List.of("a"), List.of("x", "y"), List.of(List.of(1L))))
                .hasMessageContaining("Expected 1 rows of 2 counts");
        assertThatThrownBy(() -> new CrossTab(List.of("a"), List.of("x"), List.of(List.of(-1L))))
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> new CrossTab(List.of("a", "a"), List.of("x"), List.of(List.of(1L), List.of(2L))))
                .hasMessageContaining("unique");
        assertThatThrownBy(() -> CrossTab.builder(REGIONS, MODALITIES).add("99", "VIRAL_VECTOR", 1))
                .hasMessageContaining("Unknown row '99'");
    }

    private static CrossTab table(long[][] counts) {
        SmallCells.Builder builder = CrossTab.builder(REGIONS, MODALITIES);
        for (int row = 0; row < counts.length; row++) {
            for (int column = 0; column < counts[row].length; column++) {
                builder.add(REGIONS.get(row), MODALITIES.get(column), counts[row][column]);
            }
        }
        return builder.build();
    }

    private static long hiddenIn(List<SmallCells.Figure> figures) {
        return figures.stream().filter(SmallCells.Figure::hidden).count();
    }
}
