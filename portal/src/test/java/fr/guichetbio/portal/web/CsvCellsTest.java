package fr.guichetbio.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @Test
    void aValueStartingLikeAFormulaStaysText() {
        for (String formula : new String[] {"=1+1", "+33 1 23", "-2", "@SUM(A1)", "\tx", "\rx"}) {
            assertThat(CsvCells.text(formula)).isEqualTo("'" + formula);
        }
        assertThat(CsvCells.text("Vecteurs AAV")).isEqualTo("Vecteurs AAV");
        assertThat(CsvCells.text("")).isEmpty();
    }

    @Test
    void quotedOnlyWhenNeededAfterTheGuard() {
        assertThat(CsvCells.quoted(null)).isEmpty();
        assertThat(CsvCells.quoted(2000)).isEqualTo("2000");
        assertThat(CsvCells.quoted("Lyon, Rhône")).isEqualTo("\"Lyon, Rhône\"");
        assertThat(CsvCells.quoted("dit \"AAV\"")).isEqualTo("\"dit \"\"AAV\"\"\"");
        assertThat(CsvCells.quoted("=HYPERLINK(\"x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
        assertThat(CsvCells.quoted("a\nb")).isEqualTo("\"a\nb\"");
    }
}
