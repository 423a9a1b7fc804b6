package fr.guichetbio.portal.matchmaking.sizing;

import java.util.ArrayList;
import java.util.List;

/**
 * Viral vectors: vector genomes a year for the patients, the culture volume that yields them, and the batches at the
 * chosen working volume.
 *
 * @param dosePerPatient vector genomes one patient receives
 * @param releasedPerYear purified vector genomes needed a year
 * @param harvestedPerYear vector genomes to harvest a year, before purification losses
 * @param litresNeeded culture volume the need strictly takes a year, failed batches included (L)
 * @param batchesPerYear batches to start a year, rounded up
 * @param litresPerYear culture volume the planned batches run a year (L)
 */
public record ViralVectorSizing(
        ViralVectorRequest request,
        double dosePerPatient,
        double releasedPerYear,
        double harvestedPerYear,
        double litresNeeded,
        int batchesPerYear,
        double litresPerYear,
        List<Step> steps)
        implements Sizing {

    static ViralVectorSizing of(ViralVectorRequest in) {
        List<Step> steps = new ArrayList<>();
        double perPatient = in.dose();
        if (in.doseBasis() == ViralVectorRequest.DoseBasis.PER_KG) {
            perPatient = in.dose() * in.patientWeightKg();
            steps.add(Step.of(
                    "dosePerPatient",
                    Quantity.of(perPatient, Unit.VG_PER_PATIENT),
                    Input.DOSE_PER_KG.quantity(in.dose()),
                    Input.PATIENT_WEIGHT.quantity(in.patientWeightKg())));
        }
        double released = perPatient * in.patientsPerYear();
        steps.add(Step.of(
                "vectorPerYear",
                Quantity.of(released, Unit.VG_PER_YEAR),
                Quantity.of(perPatient, Unit.VG_PER_PATIENT),
                Input.PATIENTS.quantity(in.patientsPerYear())));
        double harvested = released / (in.downstreamYieldPercent() / 100);
        steps.add(Step.of(
                "vectorHarvested",
                Quantity.of(harvested, Unit.VG_PER_YEAR),
                Quantity.of(released, Unit.VG_PER_YEAR),
                Input.DOWNSTREAM_YIELD.quantity(in.downstreamYieldPercent())));
        double litresReleased = harvested / in.productivity();
        steps.add(Step.of(
                "litresReleased",
                Quantity.of(litresReleased, Unit.LITRES_PER_YEAR),
                Quantity.of(harvested, Unit.VG_PER_YEAR),
                Input.PRODUCTIVITY.quantity(in.productivity())));
        double litresNeeded = litresReleased / (in.batchSuccessPercent() / 100);
        steps.add(Step.of(
                "vectorLitresNeeded",
                Quantity.of(litresNeeded, Unit.LITRES_PER_YEAR),
                Quantity.of(litresReleased, Unit.LITRES_PER_YEAR),
                Input.BATCH_SUCCESS.quantity(in.batchSuccessPercent())));
        double started = litresNeeded / in.workingVolumeLitres();
        Quantity volume = Input.WORKING_VOLUME.quantity(in.workingVolumeLitres());
        steps.add(Step.of(
                "vectorBatchesStarted",
                Quantity.of(started, Unit.BATCHES_PER_YEAR),
                Quantity.of(litresNeeded, Unit.LITRES_PER_YEAR),
                volume));
        int batches = Rounding.up(started);
        steps.add(Step.of(
                "batchesRounded",
                Quantity.of(batches, Unit.BATCHES_PER_YEAR),
                Quantity.of(started, Unit.BATCHES_PER_YEAR)));
        double litresPerYear = batches * in.workingVolumeLitres();
        steps.add(Step.of(
                "litresPerYear",
                Quantity.of(litresPerYear, Unit.LITRES_PER_YEAR),
                Quantity.of(batches, Unit.BATCHES_PER_YEAR),
                volume));
        return new ViralVectorSizing(
                in, perPatient, released, harvested, litresNeeded, batches, litresPerYear, List.copyOf(steps));
    }
}
