package fr.guichetbio.portal.matchmaking.sizing;

import java.util.ArrayList;
import java.util.List;

/**
 * Antibodies and recombinant proteins: how many batches and litres a year the need takes at the chosen working
 * volume, how many production trains run them, and which standard bioreactor sizes would let one train do it.
 *
 * @param productPerBatchKg purified product one released batch gives (kg)
 * @param batchesStarted batches to start a year before rounding, failed ones included
 * @param batchesPerYear {@code batchesStarted} rounded up
 * @param litresNeeded culture volume the need strictly takes a year (L)
 * @param litresPerYear culture volume the planned batches run a year, {@code batchesPerYear} × working volume (L)
 * @param trains production trains needed at the cadence
 * @param singleTrainLitres working volume per batch with which one train at the cadence covers the need (L)
 * @param standardBelow the largest standard size at or below {@code singleTrainLitres}, or null
 * @param standardAbove the smallest standard size at or above {@code singleTrainLitres}, or null above the largest
 * @param options the same need at each standard size
 */
public record ProteinSizing(
        ProteinRequest request,
        double productPerBatchKg,
        double batchesStarted,
        int batchesPerYear,
        double litresNeeded,
        double litresPerYear,
        double batchesPerTrainPerYear,
        int trains,
        double singleTrainLitres,
        StandardBioreactors.Size standardBelow,
        StandardBioreactors.Size standardAbove,
        List<Option> options,
        List<Step> steps)
        implements Sizing {

    /** The need run at one standard size: batches started a year, litres and trains. */
    public record Option(StandardBioreactors.Size size, int batchesPerYear, double litresPerYear, int trains) {}

    static ProteinSizing of(ProteinRequest in) {
        double yield = in.downstreamYieldPercent() / 100;
        double success = in.batchSuccessPercent() / 100;
        Quantity volume = Input.WORKING_VOLUME.quantity(in.workingVolumeLitres());
        List<Step> steps = new ArrayList<>();

        // g/L × L = g; ÷ 1,000 for kg.
        double perBatch = in.workingVolumeLitres() * in.titre() * yield / 1_000;
        steps.add(Step.of(
                "productPerBatch",
                Quantity.of(perBatch, Unit.KG),
                volume,
                Input.TITRE.quantity(in.titre()),
                Input.DOWNSTREAM_YIELD.quantity(in.downstreamYieldPercent())));
        double released = in.annualKg() / perBatch;
        steps.add(Step.of(
                "releasedBatches",
                Quantity.of(released, Unit.BATCHES_PER_YEAR),
                Input.ANNUAL_QUANTITY.quantity(in.annualKg()),
                Quantity.of(perBatch, Unit.KG)));
        double started = released / success;
        steps.add(Step.of(
                "batchesStarted",
                Quantity.of(started, Unit.BATCHES_PER_YEAR),
                Quantity.of(released, Unit.BATCHES_PER_YEAR),
                Input.BATCH_SUCCESS.quantity(in.batchSuccessPercent())));
        int batches = Rounding.up(started);
        steps.add(Step.of(
                "batchesRounded",
                Quantity.of(batches, Unit.BATCHES_PER_YEAR),
                Quantity.of(started, Unit.BATCHES_PER_YEAR)));
        double litresNeeded = started * in.workingVolumeLitres();
        steps.add(Step.of(
                "litresNeeded",
                Quantity.of(litresNeeded, Unit.LITRES_PER_YEAR),
                Quantity.of(started, Unit.BATCHES_PER_YEAR),
                volume));
        double litresPerYear = batches * in.workingVolumeLitres();
        steps.add(Step.of(
                "litresPerYear",
                Quantity.of(litresPerYear, Unit.LITRES_PER_YEAR),
                Quantity.of(batches, Unit.BATCHES_PER_YEAR),
                volume));
        double perTrain = in.batchesPerTrainPerMonth() * in.operatingMonths();
        steps.add(Step.of(
                "trainCapacity",
                Quantity.of(perTrain, Unit.BATCHES_PER_TRAIN_PER_YEAR),
                Input.CADENCE.quantity(in.batchesPerTrainPerMonth()),
                Input.OPERATING_MONTHS.quantity(in.operatingMonths())));
        int trains = Rounding.up(batches / perTrain);
        steps.add(Step.of(
                "trains",
                Quantity.of(trains, Unit.TRAINS),
                Quantity.of(batches, Unit.BATCHES_PER_YEAR),
                Quantity.of(perTrain, Unit.BATCHES_PER_TRAIN_PER_YEAR)));
        double singleTrain = litresNeeded / perTrain;
        steps.add(Step.of(
                "singleTrainVolume",
                Quantity.of(singleTrain, Unit.LITRES),
                Quantity.of(litresNeeded, Unit.LITRES_PER_YEAR),
                Quantity.of(perTrain, Unit.BATCHES_PER_TRAIN_PER_YEAR)));

        List<Option> options = StandardBioreactors.SIZES.stream()
                .map(size -> {
                    double startedAtSize = in.annualKg() / (size.litres() * in.titre() * yield / 1_000) / success;
                    int batchesAtSize = Rounding.up(startedAtSize);
                    return new Option(
                            size, batchesAtSize, batchesAtSize * size.litres(), Rounding.up(batchesAtSize / perTrain));
                })
                .toList();
        return new ProteinSizing(
                in,
                perBatch,
                started,
                batches,
                litresNeeded,
                litresPerYear,
                perTrain,
                trains,
                singleTrain,
                StandardBioreactors.atOrBelow(singleTrain).orElse(null),
                StandardBioreactors.atOrAbove(singleTrain).orElse(null),
                options,
                List.copyOf(steps));
    }
}
