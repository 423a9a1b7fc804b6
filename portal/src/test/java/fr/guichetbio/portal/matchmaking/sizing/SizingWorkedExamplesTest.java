package fr.guichetbio.portal.matchmaking.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Worked examples computed by hand (each step in the comments, rounded as written; the assertions allow for it).
 * They are also the figures the page writes out.
 */
class SizingWorkedExamplesTest {

    private static final Offset<Double> EXACT = within(1e-9);

    @Test
    void antibody50KgAYearAt3GramsPerLitreIn2000Litres() {
        // 50 kg/yr of a mAb, titre 3 g/L, downstream yield 70 %, batch success 90 %, 2,000 L working volume, a train
        // starting 3 batches a month for 11 months.
        //   product per batch   = 2,000 L × 3 g/L × 0.70 ÷ 1,000      = 4.2 kg
        //   released batches    = 50 kg ÷ 4.2 kg                       = 11.905 /yr
        //   batches started     = 11.905 ÷ 0.90                        = 13.228 /yr
        //   rounded up                                                 = 14 batches/yr
        //   litres needed       = 13.228 × 2,000 L (= 50,000 g ÷ (3 × 0.7 × 0.9)) = 26,455 L/yr
        //   litres planned      = 14 × 2,000 L                         = 28,000 L/yr
        //   train capacity      = 3 × 11                               = 33 batches/train/yr
        //   trains              = ⌈14 ÷ 33⌉ = ⌈0.42⌉                   = 1
        //   one-train volume    = 26,455 L ÷ 33                        = 801.7 L per batch → 500 L and 1,000 L
        ProteinSizing sizing = new ProteinRequest(50, 3, 70, 90, 2_000, 3, 11).size();

        assertThat(sizing.productPerBatchKg()).isCloseTo(4.2, EXACT);
        assertThat(sizing.batchesStarted()).isCloseTo(13.228, within(0.001));
        assertThat(sizing.batchesPerYear()).isEqualTo(14);
        assertThat(sizing.litresNeeded()).isCloseTo(26_455.0, within(0.1));
        assertThat(sizing.litresPerYear()).isCloseTo(28_000, EXACT);
        assertThat(sizing.batchesPerTrainPerYear()).isCloseTo(33, EXACT);
        assertThat(sizing.trains()).isEqualTo(1);
        assertThat(sizing.singleTrainLitres()).isCloseTo(801.7, within(0.05));
        assertThat(sizing.standardBelow().litres()).isEqualTo(500);
        assertThat(sizing.standardAbove().litres()).isEqualTo(1_000);
        assertThat(sizing.steps())
                .extracting(Step::name)
                .containsExactly(
                        "productPerBatch",
                        "releasedBatches",
                        "batchesStarted",
                        "batchesRounded",
                        "litresNeeded",
                        "litresPerYear",
                        "trainCapacity",
                        "trains",
                        "singleTrainVolume");
        Step first = sizing.steps().getFirst();
        assertThat(first.operands())
                .containsExactly(
                        new Quantity(2_000, Unit.LITRES),
                        new Quantity(3, Unit.G_PER_L),
                        new Quantity(70, Unit.PERCENT));
        assertThat(first.result().value()).isCloseTo(4.2, EXACT);

        // The same need at other standard sizes:
        //   200 L: 0.42 kg/batch → 50 ÷ 0.42 ÷ 0.9 = 132.3 → 133 batches, 26,600 L, ⌈133 ÷ 33⌉ = 5 trains
        //   500 L: 1.05 kg/batch → 52.9 → 53 batches, 26,500 L, 2 trains
        //   20,000 L: 42 kg/batch → 1.32 → 2 batches, 40,000 L, 1 train
        assertThat(option(sizing.options(), 200)).isEqualTo(new int[] {133, 26_600, 5});
        assertThat(option(sizing.options(), 500)).isEqualTo(new int[] {53, 26_500, 2});
        assertThat(option(sizing.options(), 2_000)).isEqualTo(new int[] {14, 28_000, 1});
        assertThat(option(sizing.options(), 20_000)).isEqualTo(new int[] {2, 40_000, 1});
    }

    @Test
    void recombinantProtein500KgAYearNeedsSeveralTrainsAndMoreThanTheLargestStandardSize() {
        // 500 kg/yr, titre 1 g/L, yield 50 %, success 95 %, 2,000 L, 3 batches/train/month, 11 months.
        //   product per batch = 2,000 × 1 × 0.50 ÷ 1,000 = 1 kg
        //   released          = 500 ÷ 1 = 500 /yr
        //   started           = 500 ÷ 0.95 = 526.32 → 527 batches/yr
        //   litres needed     = 526.32 × 2,000 = 1,052,632 L/yr; planned 527 × 2,000 = 1,054,000 L/yr
        //   trains            = ⌈527 ÷ 33⌉ = ⌈15.97⌉ = 16
        //   one-train volume  = 1,052,632 ÷ 33 = 31,898 L: above 20,000 L, the largest standard size
        ProteinSizing sizing = new ProteinRequest(500, 1, 50, 95, 2_000, 3, 11).size();

        assertThat(sizing.productPerBatchKg()).isCloseTo(1, EXACT);
        assertThat(sizing.batchesPerYear()).isEqualTo(527);
        assertThat(sizing.litresNeeded()).isCloseTo(1_052_631.6, within(0.1));
        assertThat(sizing.litresPerYear()).isCloseTo(1_054_000, EXACT);
        assertThat(sizing.trains()).isEqualTo(16);
        assertThat(sizing.singleTrainLitres()).isCloseTo(31_898.0, within(0.1));
        assertThat(sizing.standardBelow().litres()).isEqualTo(20_000);
        assertThat(sizing.standardAbove()).isNull();
    }

    @Test
    void aavAt1e14VectorGenomesPerKgFor100ChildrenOf20Kg() {
        // AAV, 1e14 vg/kg, 20 kg patients, 100 patients/yr, productivity 1e14 vg/L, yield 30 %, success 90 %, 500 L.
        //   dose per patient  = 1e14 × 20 = 2e15 vg
        //   vector a year     = 2e15 × 100 = 2e17 vg
        //   to harvest        = 2e17 ÷ 0.30 = 6.667e17 vg
        //   litres released   = 6.667e17 ÷ 1e14 = 6,666.7 L
        //   litres needed     = 6,666.7 ÷ 0.90 = 7,407.4 L/yr
        //   batches           = 7,407.4 ÷ 500 = 14.81 → 15 batches/yr; planned 15 × 500 = 7,500 L/yr
        ViralVectorSizing sizing = new ViralVectorRequest(
                        ViralVectorRequest.Vector.AAV,
                        ViralVectorRequest.DoseBasis.PER_KG,
                        1e14,
                        20,
                        100,
                        1e14,
                        30,
                        90,
                        500)
                .size();

        assertThat(sizing.dosePerPatient()).isCloseTo(2e15, within(1.0));
        assertThat(sizing.releasedPerYear()).isCloseTo(2e17, within(1e3));
        assertThat(sizing.harvestedPerYear()).isCloseTo(6.667e17, within(1e14));
        assertThat(sizing.litresNeeded()).isCloseTo(7_407.4, within(0.05));
        assertThat(sizing.batchesPerYear()).isEqualTo(15);
        assertThat(sizing.litresPerYear()).isCloseTo(7_500, EXACT);
        assertThat(sizing.steps())
                .extracting(Step::name)
                .containsExactly(
                        "dosePerPatient",
                        "vectorPerYear",
                        "vectorHarvested",
                        "litresReleased",
                        "vectorLitresNeeded",
                        "vectorBatchesStarted",
                        "batchesRounded",
                        "litresPerYear");
    }

    @Test
    void lentivirusWithADosePerPatientSkipsTheWeight() {
        // Lentivirus, 5e9 vg per patient, 1,000 patients/yr, 1e11 vg/L, yield 20 %, success 90 %, 50 L.
        //   vector a year   = 5e9 × 1,000 = 5e12 vg
        //   to harvest      = 5e12 ÷ 0.20 = 2.5e13 vg
        //   litres released = 2.5e13 ÷ 1e11 = 250 L; needed 250 ÷ 0.90 = 277.8 L/yr
        //   batches         = 277.8 ÷ 50 = 5.56 → 6 batches/yr; planned 300 L/yr
        ViralVectorSizing sizing = new ViralVectorRequest(
                        ViralVectorRequest.Vector.LENTIVIRUS,
                        ViralVectorRequest.DoseBasis.PER_PATIENT,
                        5e9,
                        0,
                        1_000,
                        1e11,
                        20,
                        90,
                        50)
                .size();

        assertThat(sizing.dosePerPatient()).isCloseTo(5e9, EXACT);
        assertThat(sizing.litresNeeded()).isCloseTo(277.78, within(0.01));
        assertThat(sizing.batchesPerYear()).isEqualTo(6);
        assertThat(sizing.litresPerYear()).isCloseTo(300, EXACT);
        assertThat(sizing.steps().getFirst().name()).isEqualTo("vectorPerYear");
    }

    @Test
    void autologousCarT200PatientsAYear() {
        // Autologous, 200 patients/yr, success 90 %, 10 days per batch, 2 batches side by side per suite, 330 days.
        //   released batches = 200 (one per patient)
        //   started          = 200 ÷ 0.90 = 222.2 → 223 batches/yr
        //   suite-days       = 223 × 10 = 2,230
        //   one suite offers = 330 × 2 = 660 suite-days/yr
        //   suites           = ⌈2,230 ÷ 660⌉ = ⌈3.38⌉ = 4
        CellTherapySizing sizing =
                new CellTherapyRequest(200, CellTherapyRequest.Source.AUTOLOGOUS, 1, 90, 10, 2, 330).size();

        assertThat(sizing.releasedBatches()).isCloseTo(200, EXACT);
        assertThat(sizing.batchesStarted()).isCloseTo(222.22, within(0.01));
        assertThat(sizing.batchesPerYear()).isEqualTo(223);
        assertThat(sizing.suiteDaysPerYear()).isCloseTo(2_230, EXACT);
        assertThat(sizing.suiteCapacity()).isCloseTo(660, EXACT);
        assertThat(sizing.suites()).isEqualTo(4);
        assertThat(sizing.steps().getFirst().name()).isEqualTo("autologousBatches");
    }

    @Test
    void allogeneicBatchesOf100DosesFor1000Patients() {
        // Allogeneic, 1,000 patients/yr, 100 doses per batch, success 90 %, 21 days, 1 batch per suite, 330 days.
        //   released batches = 1,000 ÷ 100 = 10
        //   started          = 10 ÷ 0.90 = 11.1 → 12 batches/yr
        //   suite-days       = 12 × 21 = 252; one suite offers 330 × 1 = 330 → ⌈0.76⌉ = 1 suite
        CellTherapySizing sizing =
                new CellTherapyRequest(1_000, CellTherapyRequest.Source.ALLOGENEIC, 100, 90, 21, 1, 330).size();

        assertThat(sizing.releasedBatches()).isCloseTo(10, EXACT);
        assertThat(sizing.batchesPerYear()).isEqualTo(12);
        assertThat(sizing.suiteDaysPerYear()).isCloseTo(252, EXACT);
        assertThat(sizing.suites()).isEqualTo(1);
    }

    @Test
    void anAutologousBatchTreatsOnePatientWhateverTheDosesSay() {
        assertThat(new CellTherapyRequest(10, CellTherapyRequest.Source.AUTOLOGOUS, 50, 100, 7, 1, 330).dosesPerBatch())
                .isEqualTo(1);
    }

    @Test
    void aWholeNumberOfBatchesIsNotRoundedUpByAFloatingPointLeftover() {
        // 3.402 kg at 0.3 g/L, 70 %, 90 % in 2,000 L: 0.42 kg a batch, 8.1 released, 9 started — which floating point
        // computes as 9.000000000000002.
        assertThat(3.402 / (2_000 * 0.3 * 0.70 / 1_000) / 0.90).isGreaterThan(9);
        assertThat(new ProteinRequest(3.402, 0.3, 70, 90, 2_000, 3, 11).size().batchesPerYear())
                .isEqualTo(9);
        assertThat(Rounding.up(3.2)).isEqualTo(4);
        assertThat(Rounding.up(1e-12)).isZero();
    }

    private static int[] option(List<ProteinSizing.Option> options, double litres) {
        ProteinSizing.Option option = options.stream()
                .filter(o -> o.size().litres() == litres)
                .findFirst()
                .orElseThrow();
        return new int[] {option.batchesPerYear(), (int) option.litresPerYear(), option.trains()};
    }
}
