package fr.guichetbio.training.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormulaTest {

    private static final Set<String> NAMES = Set.of("a", "b", "c1", "v_final");
    private static final Map<String, Double> VALUES = Map.of("a", 2.0, "b", 3.0, "c1", 10.0, "v_final", 250.0);

    private static double eval(String source) {
        return Formula.parse(source, NAMES).evaluate(VALUES);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "1 + 2 * 3|7",
                "(1 + 2) * 3|9",
                "8 / 4 / 2|1",
                "a / b * c1|6.666666666666667",
                "10 - 4 - 3|3",
                "2 ^ 3 ^ 2|512",
                "-a ^ 2|-4",
                "(-a) ^ 2|4",
                "--a|2",
                "a * -b|-6",
                "1e6 * a|2000000",
                "2.5E-3 * 1000|2.5",
                ".5 + 0.25|0.75",
                "c1 * v_final / 1000|2.5",
                "  a+b  |5",
                "((((a))))|2"
            })
    void computesWithTheUsualPrecedence(String source, double expected) {
        assertThat(eval(source)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void dilutionFormulaGivesTheStockVolume() {
        // C1·V1 = C2·V2: volume of a 10 mg/mL stock for 250 mL at 0.4 mg/mL.
        Formula v1 = Formula.parse("c2 * v2 / c1", Set.of("c1", "c2", "v2"));
        assertThat(v1.evaluate(Map.of("c1", 10.0, "c2", 0.4, "v2", 250.0))).isCloseTo(10.0, within(1e-12));
        assertThat(v1.parameters()).containsExactlyInAnyOrder("c1", "c2", "v2");
    }

    @Test
    void listsOnlyTheParametersItUses() {
        assertThat(Formula.parse("a * 2", NAMES).parameters()).containsExactly("a");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "1 +|unexpected end",
                "(1 + 2|')' expected",
                "1 + 2)|unexpected ')'",
                "a b|unexpected 'b'",
                "x + 1|unknown parameter 'x'",
                "1.2.3|bad number",
                "2e|exponent expected",
                "a; b|unexpected ';'",
                "Math.exit(0)|unknown parameter 'Math'",
                "a = 1|unexpected '='",
                "'a'|unexpected '''",
                "a % 2|unexpected '%'",
                "*a|unexpected '*'"
            })
    void refusesWhatIsNotArithmetic(String source, String message) {
        assertThatThrownBy(() -> Formula.parse(source, NAMES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void refusesEmptyLongAndDeeplyNestedFormulas() {
        assertThatThrownBy(() -> Formula.parse(" ", NAMES)).hasMessageContaining("empty");
        assertThatThrownBy(() -> Formula.parse("1+".repeat(100) + "1", NAMES)).hasMessageContaining("longer");
        String deep = "(".repeat(30) + "1" + ")".repeat(30);
        assertThatThrownBy(() -> Formula.parse(deep, NAMES)).hasMessageContaining("nested deeper");
        String minuses = "-".repeat(30) + "1";
        assertThatThrownBy(() -> Formula.parse(minuses, NAMES)).hasMessageContaining("nested deeper");
    }

    @Test
    void refusesDivisionByZeroAndNonFiniteResults() {
        assertThatThrownBy(() -> eval("a / (b - 3)")).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> eval("10 ^ 400")).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> eval("(-8) ^ 0.5")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void refusesAMissingValue() {
        Formula formula = Formula.parse("a + b", NAMES);
        assertThatThrownBy(() -> formula.evaluate(Map.of("a", 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b");
    }
}
