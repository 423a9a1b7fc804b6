package fr.guichetbio.portal.matchmaking.sizing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Antibodies and recombinant proteins.
 *
 * @param annualKg purified product needed a year (kg)
 * @param titre product concentration at harvest (g/L)
 * @param downstreamYieldPercent share of the harvested product left after purification (%)
 * @param batchSuccessPercent share of started batches that are released (%)
 * @param workingVolumeLitres working volume of one production bioreactor (L)
 * @param batchesPerTrainPerMonth batches one production train (seed train + production bioreactor) starts a month: about
 *     3 with fed-batch cultures of 12–14 days in a staggered train (the page's default, an explicit input)
 * @param operatingMonths months a year the plant produces: 11 by default, for a month of shutdown and maintenance
 */
public record ProteinRequest(
        double annualKg,
        double titre,
        double downstreamYieldPercent,
        double batchSuccessPercent,
        double workingVolumeLitres,
        double batchesPerTrainPerMonth,
        int operatingMonths)
        implements SizingRequest {

    @Override
    public Modality modality() {
        return Modality.PROTEINS;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(Modality.PARAMETER, modality().parameter());
        parameters.put(Input.ANNUAL_QUANTITY.parameter(), SizingParameters.canonical(annualKg));
        parameters.put(Input.TITRE.parameter(), SizingParameters.canonical(titre));
        parameters.put(Input.DOWNSTREAM_YIELD.parameter(), SizingParameters.canonical(downstreamYieldPercent));
        parameters.put(Input.BATCH_SUCCESS.parameter(), SizingParameters.canonical(batchSuccessPercent));
        parameters.put(Input.WORKING_VOLUME.parameter(), SizingParameters.canonical(workingVolumeLitres));
        parameters.put(Input.CADENCE.parameter(), SizingParameters.canonical(batchesPerTrainPerMonth));
        parameters.put(Input.OPERATING_MONTHS.parameter(), SizingParameters.canonical(operatingMonths));
        return parameters;
    }

    @Override
    public ProteinSizing size() {
        return ProteinSizing.of(this);
    }
}
