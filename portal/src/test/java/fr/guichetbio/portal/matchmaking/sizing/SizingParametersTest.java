package fr.guichetbio.portal.matchmaking.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Validation of the calculator's parameters: every refused field is named with its reason. */
class SizingParametersTest {

    private static Map<String, String> antibody(String... overrides) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("modalite", "proteines");
        parameters.put("quantite", "50");
        parameters.putAll(SizingParameters.defaults(Modality.PROTEINS));
        for (int i = 0; i < overrides.length; i += 2) {
            parameters.put(overrides[i], overrides[i + 1]);
        }
        return parameters;
    }

    @Test
    void theDefaultsWithAQuantityMakeTheWorkedAntibodyExample() {
        SizingParameters.Parsed parsed = SizingParameters.parse(antibody());

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.submitted()).isTrue();
        assertThat(parsed.request()).isEqualTo(new ProteinRequest(50, 3, 70, 90, 2_000, 3, 11));
    }

    @ParameterizedTest(name = "{0}={1} is refused: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "titre|0|RANGE",
                "titre|-1|RANGE",
                "titre|0.009|RANGE",
                "titre|25|RANGE",
                "titre|abc|NUMBER",
                "titre|NaN|NUMBER",
                "titre|Infinity|NUMBER",
                "titre|0x10|NUMBER",
                "titre|3d|NUMBER",
                "rendement|0|RANGE",
                "rendement|101|RANGE",
                "reussite|5|RANGE",
                "quantite|0|RANGE",
                "quantite|200000|RANGE",
                "volume|0|RANGE",
                "volume|30000|RANGE",
                "cadence|0|RANGE",
                "mois|13|RANGE",
                "mois|10.5|WHOLE"
            })
    void aZeroNegativeAbsurdOrUnreadableValueIsRefusedWithItsField(String field, String value, String kind) {
        SizingParameters.Parsed parsed = SizingParameters.parse(antibody(field, value));

        assertThat(parsed.request()).isNull();
        assertThat(parsed.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.parameter()).isEqualTo(field);
            assertThat(problem.kind()).isEqualTo(SizingProblem.Kind.valueOf(kind));
            assertThat(problem.messageKey()).isEqualTo("sizing.error." + kind.toLowerCase());
        });
    }

    @Test
    void aRangeProblemSaysTheBoundsTheUnitAndWhy() {
        SizingProblem problem =
                SizingParameters.parse(antibody("titre", "25")).problems().getFirst();

        assertThat(problem.input()).isEqualTo(Input.TITRE);
        assertThat(problem.detail()).isEqualTo("between 0.01 and 20 (G_PER_L): " + Input.TITRE.reason());
    }

    @Test
    void everyMissingFieldIsReportedOnceTheFormIsSent() {
        SizingParameters.Parsed parsed =
                SizingParameters.parse(Map.of("modalite", "proteines", "quantite", "50", "titre", ""));

        assertThat(parsed.submitted()).isTrue();
        assertThat(parsed.problems())
                .extracting(SizingProblem::parameter)
                .containsExactly("titre", "rendement", "reussite", "volume", "cadence", "mois");
        assertThat(parsed.problems()).allMatch(p -> p.kind() == SizingProblem.Kind.REQUIRED);
    }

    @Test
    void aModalityAloneIsAnEmptyFormNotASubmission() {
        SizingParameters.Parsed parsed = SizingParameters.parse(Map.of("modalite", "therapies-cellulaires"));

        assertThat(parsed.modality()).isEqualTo(Modality.CELL_THERAPIES);
        assertThat(parsed.submitted()).isFalse();
        assertThat(parsed.request()).isNull();
    }

    @Test
    void theModalityIsRequiredAndMustBeKnown() {
        assertThat(SizingParameters.parse(Map.of("quantite", "50")).problems())
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.parameter()).isEqualTo("modalite");
                    assertThat(p.kind()).isEqualTo(SizingProblem.Kind.REQUIRED);
                });
        assertThat(SizingParameters.parse(Map.of("modalite", "vaccins")).problems())
                .singleElement()
                .satisfies(p -> assertThat(p.kind()).isEqualTo(SizingProblem.Kind.CHOICE));
    }

    @ParameterizedTest(name = "\"{0}\" reads as {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "3,5|3.5",
                "2 000|2000",
                "2\u202F000|2000",
                "1e14|1e14",
                "1E14|1e14",
                "1,1e14|1.1e14",
                "1×10^14|1e14",
                "2 x 10^15|2e15",
                ".5|0.5"
            })
    void numbersAreReadAsPeopleWriteThem(String typed, double expected) {
        assertThat(SizingParameters.number(typed)).isEqualTo(expected);
    }

    @Test
    void theCanonicalParametersParseBackToTheSameRequest() {
        SizingRequest[] requests = {
            new ProteinRequest(50, 3, 70, 90, 2_000, 3, 11),
            new ProteinRequest(0.25, 0.35, 62.5, 97, 12_500, 2.5, 12),
            new ViralVectorRequest(
                    ViralVectorRequest.Vector.AAV,
                    ViralVectorRequest.DoseBasis.PER_KG,
                    1.1e14,
                    20,
                    100,
                    1e14,
                    30,
                    90,
                    500),
            new ViralVectorRequest(
                    ViralVectorRequest.Vector.LENTIVIRUS,
                    ViralVectorRequest.DoseBasis.PER_PATIENT,
                    5e9,
                    0,
                    1_000,
                    1e11,
                    20,
                    90,
                    50),
            new CellTherapyRequest(200, CellTherapyRequest.Source.AUTOLOGOUS, 1, 90, 10, 2, 330),
            new CellTherapyRequest(1_000, CellTherapyRequest.Source.ALLOGENEIC, 100, 90, 21, 1, 330)
        };
        for (SizingRequest request : requests) {
            assertThat(SizingParameters.parse(request.parameters()).request())
                    .as(request.parameters().toString())
                    .isEqualTo(request);
        }
        assertThat(requests[0].parameters())
                .containsExactly(
                        Map.entry("modalite", "proteines"),
                        Map.entry("quantite", "50"),
                        Map.entry("titre", "3"),
                        Map.entry("rendement", "70"),
                        Map.entry("reussite", "90"),
                        Map.entry("volume", "2000"),
                        Map.entry("cadence", "3"),
                        Map.entry("mois", "11"));
        assertThat(requests[2].parameters()).containsEntry("dose", "1.1e14").containsEntry("productivite", "1e14");
    }

    @Test
    void aDosePerPatientHasItsOwnRangeAndNeedsNoWeight() {
        Map<String, String> vector = new LinkedHashMap<>(SizingParameters.defaults(Modality.VIRAL_VECTORS));
        vector.putAll(Map.of("modalite", "vecteurs-viraux", "base", "patient", "dose", "1e17", "patients", "10"));
        assertThat(SizingParameters.parse(vector).problems()).isEmpty();

        vector.put("base", "kg");
        assertThat(SizingParameters.parse(vector).problems())
                .extracting(SizingProblem::parameter, SizingProblem::kind)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("dose", SizingProblem.Kind.RANGE),
                        org.assertj.core.groups.Tuple.tuple("poids", SizingProblem.Kind.REQUIRED));
    }

    @Test
    void unknownChoicesAndFractionsOfPatientsAreRefused() {
        Map<String, String> cells = new LinkedHashMap<>(SizingParameters.defaults(Modality.CELL_THERAPIES));
        cells.putAll(Map.of("modalite", "therapies-cellulaires", "patients", "12.5", "type", "xeno"));

        assertThat(SizingParameters.parse(cells).problems())
                .extracting(SizingProblem::parameter, SizingProblem::kind)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("patients", SizingProblem.Kind.WHOLE),
                        org.assertj.core.groups.Tuple.tuple("type", SizingProblem.Kind.CHOICE));
    }
}
