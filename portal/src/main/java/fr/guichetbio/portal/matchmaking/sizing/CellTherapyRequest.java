package fr.guichetbio.portal.matchmaking.sizing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cell therapies.
 *
 * @param patientsPerYear patients treated a year
 * @param source autologous (one batch per patient, from the patient's own cells) or allogeneic (a donor's batch split
 *     into doses)
 * @param dosesPerBatch doses one allogeneic batch gives; always 1 for autologous therapies
 * @param batchSuccessPercent share of started batches that are released (%)
 * @param batchDurationDays days one batch occupies a place in a suite
 * @param parallelBatchesPerSuite batches run side by side in one grade B suite
 * @param operatingDaysPerYear days a year a suite produces: 330 by default, for about five weeks of shutdown, cleaning
 *     and requalification
 */
public record CellTherapyRequest(
        int patientsPerYear,
        Source source,
        int dosesPerBatch,
        double batchSuccessPercent,
        double batchDurationDays,
        int parallelBatchesPerSuite,
        int operatingDaysPerYear)
        implements SizingRequest {

    public static final String SOURCE = "type";

    public CellTherapyRequest {
        if (source == Source.AUTOLOGOUS) {
            dosesPerBatch = 1;
        }
    }

    /** Where the cells come from, as the {@code type} parameter writes it. */
    public enum Source {
        AUTOLOGOUS("autologue"),
        ALLOGENEIC("allogenique");

        private final String parameter;

        Source(String parameter) {
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    @Override
    public Modality modality() {
        return Modality.CELL_THERAPIES;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(Modality.PARAMETER, modality().parameter());
        parameters.put(Input.PATIENTS.parameter(), SizingParameters.canonical(patientsPerYear));
        parameters.put(SOURCE, source.parameter());
        if (source == Source.ALLOGENEIC) {
            parameters.put(Input.DOSES_PER_BATCH.parameter(), SizingParameters.canonical(dosesPerBatch));
        }
        parameters.put(Input.BATCH_SUCCESS.parameter(), SizingParameters.canonical(batchSuccessPercent));
        parameters.put(Input.BATCH_DURATION.parameter(), SizingParameters.canonical(batchDurationDays));
        parameters.put(Input.PARALLEL_BATCHES.parameter(), SizingParameters.canonical(parallelBatchesPerSuite));
        parameters.put(Input.OPERATING_DAYS.parameter(), SizingParameters.canonical(operatingDaysPerYear));
        return parameters;
    }

    @Override
    public CellTherapySizing size() {
        return CellTherapySizing.of(this);
    }
}
