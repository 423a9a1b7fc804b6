package fr.guichetbio.portal.matchmaking.sizing;

import java.util.ArrayList;
import java.util.List;

/**
 * Cell therapies: batches a year for the patients, and the grade B cleanroom suites that run them.
 *
 * @param releasedBatches batches to release a year
 * @param batchesStarted batches to start a year before rounding, failed ones included
 * @param batchesPerYear {@code batchesStarted} rounded up
 * @param suiteDaysPerYear days of suite occupancy the batches take a year (one suite place for one day each)
 * @param suiteCapacity suite-days one suite offers a year
 * @param suites cleanroom suites needed
 */
public record CellTherapySizing(
        CellTherapyRequest request,
        double releasedBatches,
        double batchesStarted,
        int batchesPerYear,
        double suiteDaysPerYear,
        double suiteCapacity,
        int suites,
        List<Step> steps)
        implements Sizing {

    static CellTherapySizing of(CellTherapyRequest in) {
        List<Step> steps = new ArrayList<>();
        Quantity patients = Input.PATIENTS.quantity(in.patientsPerYear());
        double released = (double) in.patientsPerYear() / in.dosesPerBatch();
        if (in.source() == CellTherapyRequest.Source.AUTOLOGOUS) {
            steps.add(Step.of("autologousBatches", Quantity.of(released, Unit.BATCHES_PER_YEAR), patients));
        } else {
            steps.add(Step.of(
                    "allogeneicBatches",
                    Quantity.of(released, Unit.BATCHES_PER_YEAR),
                    patients,
                    Input.DOSES_PER_BATCH.quantity(in.dosesPerBatch())));
        }
        double started = released / (in.batchSuccessPercent() / 100);
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
        double suiteDays = batches * in.batchDurationDays();
        steps.add(Step.of(
                "suiteDays",
                Quantity.of(suiteDays, Unit.SUITE_DAYS_PER_YEAR),
                Quantity.of(batches, Unit.BATCHES_PER_YEAR),
                Input.BATCH_DURATION.quantity(in.batchDurationDays())));
        double capacity = (double) in.operatingDaysPerYear() * in.parallelBatchesPerSuite();
        steps.add(Step.of(
                "suiteCapacity",
                Quantity.of(capacity, Unit.SUITE_DAYS_PER_YEAR),
                Input.OPERATING_DAYS.quantity(in.operatingDaysPerYear()),
                Input.PARALLEL_BATCHES.quantity(in.parallelBatchesPerSuite())));
        int suites = Rounding.up(suiteDays / capacity);
        steps.add(Step.of(
                "suites",
                Quantity.of(suites, Unit.SUITES),
                Quantity.of(suiteDays, Unit.SUITE_DAYS_PER_YEAR),
                Quantity.of(capacity, Unit.SUITE_DAYS_PER_YEAR)));
        return new CellTherapySizing(in, released, started, batches, suiteDays, capacity, suites, List.copyOf(steps));
    }
}
