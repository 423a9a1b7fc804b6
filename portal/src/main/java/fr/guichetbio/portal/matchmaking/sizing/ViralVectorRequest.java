package fr.guichetbio.portal.matchmaking.sizing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AAV and lentiviral vectors, counted in vector genomes (vg).
 *
 * @param vector which vector (a label for the brief; the formula is the same)
 * @param doseBasis whether {@code dose} is per kg of body weight or per patient
 * @param dose vector genomes per kg or per patient
 * @param patientWeightKg body weight of a treated patient (kg): used only with a dose per kg
 * @param patientsPerYear patients treated a year
 * @param productivity vector genomes per litre of culture at harvest (vg/L)
 * @param downstreamYieldPercent share of the harvested vector left after purification (%)
 * @param batchSuccessPercent share of started batches that are released (%)
 * @param workingVolumeLitres working volume of one batch (L)
 */
public record ViralVectorRequest(
        Vector vector,
        DoseBasis doseBasis,
        double dose,
        double patientWeightKg,
        int patientsPerYear,
        double productivity,
        double downstreamYieldPercent,
        double batchSuccessPercent,
        double workingVolumeLitres)
        implements SizingRequest {

    public static final String VECTOR = "vecteur";
    public static final String DOSE_BASIS = "base";

    /** The vector, as the {@code vecteur} parameter writes it (the catalogue's modality codes). */
    public enum Vector {
        AAV,
        LENTIVIRUS
    }

    /** How the dose is given, as the {@code base} parameter writes it. */
    public enum DoseBasis {
        PER_KG("kg"),
        PER_PATIENT("patient");

        private final String parameter;

        DoseBasis(String parameter) {
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }

        /** The input whose range applies to the dose. */
        public Input doseInput() {
            return this == PER_KG ? Input.DOSE_PER_KG : Input.DOSE_PER_PATIENT;
        }
    }

    @Override
    public Modality modality() {
        return Modality.VIRAL_VECTORS;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(Modality.PARAMETER, modality().parameter());
        parameters.put(VECTOR, vector.name());
        parameters.put(DOSE_BASIS, doseBasis.parameter());
        parameters.put(Input.DOSE_PER_KG.parameter(), SizingParameters.canonical(dose));
        if (doseBasis == DoseBasis.PER_KG) {
            parameters.put(Input.PATIENT_WEIGHT.parameter(), SizingParameters.canonical(patientWeightKg));
        }
        parameters.put(Input.PATIENTS.parameter(), SizingParameters.canonical(patientsPerYear));
        parameters.put(Input.PRODUCTIVITY.parameter(), SizingParameters.canonical(productivity));
        parameters.put(Input.DOWNSTREAM_YIELD.parameter(), SizingParameters.canonical(downstreamYieldPercent));
        parameters.put(Input.BATCH_SUCCESS.parameter(), SizingParameters.canonical(batchSuccessPercent));
        parameters.put(Input.WORKING_VOLUME.parameter(), SizingParameters.canonical(workingVolumeLitres));
        return parameters;
    }

    @Override
    public ViralVectorSizing size() {
        return ViralVectorSizing.of(this);
    }
}
