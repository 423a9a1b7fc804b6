package fr.guichetbio.portal.matchmaking.sizing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The calculator's URL parameters, shared by the page and the API: parsed into a {@link SizingRequest} with every
 * invalid field reported (never ignored silently), and written back in one canonical form.
 *
 * <p>Numbers may use a decimal comma or point, spaces between thousands, and powers of ten as {@code 1e14},
 * {@code 1E14} or {@code 1×10^14}.
 */
public final class SizingParameters {

    /** What was read: the values as typed (for the form), the request when every field is valid, the problems. */
    public record Parsed(
            Modality modality,
            Map<String, String> values,
            boolean submitted,
            SizingRequest request,
            List<SizingProblem> problems) {

        public boolean valid() {
            return request != null;
        }
    }

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern POWER_OF_TEN = Pattern.compile("(.+?)[x×*]10\\^([+-]?\\d+)");
    /** Spaces people put between thousands: ordinary, no-break and narrow no-break. */
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u202F]");

    private SizingParameters() {}

    /** Every parameter of the calculator: the modality and the inputs of each (what the API documents). */
    public static Set<String> names() {
        Set<String> names = new java.util.TreeSet<>(List.of(Modality.PARAMETER));
        Arrays.stream(Modality.values()).forEach(modality -> names.addAll(fields(modality)));
        return names;
    }

    /**
     * A parameter as the API documents it.
     *
     * @param input its range and unit; null for a choice, and for the dose (per kg or per patient: two ranges)
     * @param choices the values a choice accepts (empty for numbers)
     * @param defaultChoice the choice when none is sent, or null
     */
    public record Documented(
            String name,
            String description,
            boolean required,
            Input input,
            List<String> choices,
            String defaultChoice) {}

    /**
     * Every parameter as the API documents it: {@code modalite}, then each modality's inputs in their order on the
     * pages, each said to be for the modalities whose form shows it.
     */
    public static List<Documented> documentation() {
        Map<String, List<Modality>> users = new LinkedHashMap<>();
        for (Modality modality : Modality.values()) {
            fields(modality)
                    .forEach(field ->
                            users.computeIfAbsent(field, f -> new ArrayList<>()).add(modality));
        }
        List<Documented> documented = new ArrayList<>();
        documented.add(new Documented(
                Modality.PARAMETER,
                "The calculation; each takes its own parameters below",
                true,
                null,
                modalityValues(),
                null));
        users.forEach((name, modalities) -> {
            String description = (modalities.size() == Modality.values().length
                            ? "every modality"
                            : String.join(
                                    ", ",
                                    modalities.stream().map(Modality::parameter).toList()))
                    + condition(name)
                    + (meaning(name) == null ? "" : ": " + meaning(name));
            List<Input> inputs = Arrays.stream(Input.values())
                    .filter(input -> input.parameter().equals(name))
                    .toList();
            List<String> choices = choices(name);
            String defaultChoice =
                    choices.isEmpty() ? null : defaults(modalities.getFirst()).get(name);
            documented.add(new Documented(
                    name, description, false, inputs.size() == 1 ? inputs.getFirst() : null, choices, defaultChoice));
        });
        return documented;
    }

    /** When a parameter is read at all, beyond its modality. */
    private static String condition(String parameter) {
        if (parameter.equals(Input.PATIENT_WEIGHT.parameter())) {
            return " with " + ViralVectorRequest.DOSE_BASIS + "=" + ViralVectorRequest.DoseBasis.PER_KG.parameter();
        }
        if (parameter.equals(Input.DOSES_PER_BATCH.parameter())) {
            return " with " + CellTherapyRequest.SOURCE + "=" + CellTherapyRequest.Source.ALLOGENEIC.parameter();
        }
        return "";
    }

    /** What a parameter is, in English (the API's callers'); null for a choice whose values say it. */
    private static String meaning(String parameter) {
        return switch (parameter) {
            case "quantite" -> "purified product a year (kg/yr)";
            case "titre" -> "titre at harvest (g/L)";
            case "rendement" -> "overall downstream yield (%)";
            case "reussite" -> "share of started batches released (%)";
            case "volume" -> "working volume of one batch (L)";
            case "cadence" ->
                "batches a production train starts a month (about 3 for staggered 12–14-day fed-batch cultures)";
            case "mois" -> "production months a year (11 leaves a month of shutdown)";
            case "base" -> "the dose is per kg of body weight or per patient";
            case "dose" -> "vector genomes per kg (1e8–1e16) or per patient (1e8–1e18)";
            case "poids" -> "weight of a patient (kg)";
            case "patients" -> "patients treated a year";
            case "productivite" -> "vector genomes per litre of harvested culture (vg/L)";
            case "doses" -> "doses per batch";
            case "duree" -> "days a batch occupies a suite";
            case "parallele" -> "batches run side by side in one suite";
            case "jours" -> "production days a year per suite (330 leaves about five weeks of shutdown)";
            default -> null;
        };
    }

    /** The values a choice accepts, as {@link #parse} reads them (page and API); empty for a number. */
    public static List<String> choices(String parameter) {
        return switch (parameter) {
            case ViralVectorRequest.VECTOR ->
                Arrays.stream(ViralVectorRequest.Vector.values())
                        .map(Enum::name)
                        .toList();
            case ViralVectorRequest.DOSE_BASIS ->
                Arrays.stream(ViralVectorRequest.DoseBasis.values())
                        .map(ViralVectorRequest.DoseBasis::parameter)
                        .toList();
            case CellTherapyRequest.SOURCE ->
                Arrays.stream(CellTherapyRequest.Source.values())
                        .map(CellTherapyRequest.Source::parameter)
                        .toList();
            default -> List.of();
        };
    }

    /** The inputs each modality's form shows, in their order on the page. */
    public static List<String> fields(Modality modality) {
        return switch (modality) {
            case PROTEINS ->
                List.of(
                        Input.ANNUAL_QUANTITY.parameter(),
                        Input.TITRE.parameter(),
                        Input.DOWNSTREAM_YIELD.parameter(),
                        Input.BATCH_SUCCESS.parameter(),
                        Input.WORKING_VOLUME.parameter(),
                        Input.CADENCE.parameter(),
                        Input.OPERATING_MONTHS.parameter());
            case VIRAL_VECTORS ->
                List.of(
                        ViralVectorRequest.VECTOR,
                        ViralVectorRequest.DOSE_BASIS,
                        Input.DOSE_PER_KG.parameter(),
                        Input.PATIENT_WEIGHT.parameter(),
                        Input.PATIENTS.parameter(),
                        Input.PRODUCTIVITY.parameter(),
                        Input.DOWNSTREAM_YIELD.parameter(),
                        Input.BATCH_SUCCESS.parameter(),
                        Input.WORKING_VOLUME.parameter());
            case CELL_THERAPIES ->
                List.of(
                        Input.PATIENTS.parameter(),
                        CellTherapyRequest.SOURCE,
                        Input.DOSES_PER_BATCH.parameter(),
                        Input.BATCH_SUCCESS.parameter(),
                        Input.BATCH_DURATION.parameter(),
                        Input.PARALLEL_BATCHES.parameter(),
                        Input.OPERATING_DAYS.parameter());
        };
    }

    /**
     * The values a new form starts with: the usual process figures, never the need itself (quantity, dose, patients),
     * which only the sponsor knows.
     */
    public static Map<String, String> defaults(Modality modality) {
        Map<String, String> defaults = new LinkedHashMap<>();
        switch (modality) {
            case PROTEINS -> {
                defaults.put(Input.TITRE.parameter(), "3");
                defaults.put(Input.DOWNSTREAM_YIELD.parameter(), "70");
                defaults.put(Input.BATCH_SUCCESS.parameter(), "90");
                defaults.put(Input.WORKING_VOLUME.parameter(), "2000");
                defaults.put(Input.CADENCE.parameter(), "3");
                defaults.put(Input.OPERATING_MONTHS.parameter(), "11");
            }
            case VIRAL_VECTORS -> {
                defaults.put(ViralVectorRequest.VECTOR, ViralVectorRequest.Vector.AAV.name());
                defaults.put(ViralVectorRequest.DOSE_BASIS, ViralVectorRequest.DoseBasis.PER_KG.parameter());
                defaults.put(Input.PRODUCTIVITY.parameter(), "1e14");
                defaults.put(Input.DOWNSTREAM_YIELD.parameter(), "30");
                defaults.put(Input.BATCH_SUCCESS.parameter(), "90");
                defaults.put(Input.WORKING_VOLUME.parameter(), "500");
            }
            case CELL_THERAPIES -> {
                defaults.put(CellTherapyRequest.SOURCE, CellTherapyRequest.Source.AUTOLOGOUS.parameter());
                defaults.put(Input.DOSES_PER_BATCH.parameter(), "1");
                defaults.put(Input.BATCH_SUCCESS.parameter(), "90");
                defaults.put(Input.BATCH_DURATION.parameter(), "10");
                defaults.put(Input.PARALLEL_BATCHES.parameter(), "1");
                defaults.put(Input.OPERATING_DAYS.parameter(), "330");
            }
        }
        return defaults;
    }

    /**
     * Reads the parameters (first value of each). Without {@code modalite} the modality is null and the problem
     * {@code REQUIRED} is reported for it; {@code submitted} says whether any of the modality's numbers was sent (a
     * page opened without them shows the empty form, not errors).
     */
    public static Parsed parse(Map<String, String> raw) {
        Map<String, String> values = new LinkedHashMap<>();
        raw.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                values.put(name, value.strip());
            }
        });
        List<SizingProblem> problems = new ArrayList<>();
        String modalityValue = values.get(Modality.PARAMETER);
        if (modalityValue == null) {
            problems.add(new SizingProblem(
                    Modality.PARAMETER, SizingProblem.Kind.REQUIRED, null, "one of " + modalityValues()));
            return new Parsed(null, Map.of(), false, null, List.copyOf(problems));
        }
        Modality modality = Modality.fromParameter(modalityValue).orElse(null);
        if (modality == null) {
            problems.add(new SizingProblem(
                    Modality.PARAMETER, SizingProblem.Kind.CHOICE, null, "one of " + modalityValues()));
            return new Parsed(null, Map.of(), false, null, List.copyOf(problems));
        }
        Map<String, String> known = new LinkedHashMap<>();
        for (String field : fields(modality)) {
            if (values.containsKey(field)) {
                known.put(field, values.get(field));
            }
        }
        boolean submitted = known.keySet().stream()
                .anyMatch(field -> Arrays.stream(Input.values())
                        .anyMatch(i -> i.parameter().equals(field)));
        Reader reader = new Reader(known, problems);
        SizingRequest request = switch (modality) {
            case PROTEINS -> proteins(reader);
            case VIRAL_VECTORS -> viralVectors(reader);
            case CELL_THERAPIES -> cellTherapies(reader);
        };
        return new Parsed(modality, known, submitted, problems.isEmpty() ? request : null, List.copyOf(problems));
    }

    private static ProteinRequest proteins(Reader in) {
        return new ProteinRequest(
                in.number(Input.ANNUAL_QUANTITY),
                in.number(Input.TITRE),
                in.number(Input.DOWNSTREAM_YIELD),
                in.number(Input.BATCH_SUCCESS),
                in.number(Input.WORKING_VOLUME),
                in.number(Input.CADENCE),
                (int) in.number(Input.OPERATING_MONTHS));
    }

    private static ViralVectorRequest viralVectors(Reader in) {
        ViralVectorRequest.Vector vector = in.choice(
                ViralVectorRequest.VECTOR,
                ViralVectorRequest.Vector.values(),
                ViralVectorRequest.Vector::name,
                ViralVectorRequest.Vector.AAV);
        ViralVectorRequest.DoseBasis basis = in.choice(
                ViralVectorRequest.DOSE_BASIS,
                ViralVectorRequest.DoseBasis.values(),
                ViralVectorRequest.DoseBasis::parameter,
                ViralVectorRequest.DoseBasis.PER_KG);
        double dose = in.number(basis == null ? Input.DOSE_PER_KG : basis.doseInput());
        // The weight matters only for a dose per kg: with a dose per patient it is neither required nor checked.
        double weight = basis == ViralVectorRequest.DoseBasis.PER_PATIENT ? 0 : in.number(Input.PATIENT_WEIGHT);
        return new ViralVectorRequest(
                vector,
                basis,
                dose,
                weight,
                (int) in.number(Input.PATIENTS),
                in.number(Input.PRODUCTIVITY),
                in.number(Input.DOWNSTREAM_YIELD),
                in.number(Input.BATCH_SUCCESS),
                in.number(Input.WORKING_VOLUME));
    }

    private static CellTherapyRequest cellTherapies(Reader in) {
        CellTherapyRequest.Source source = in.choice(
                CellTherapyRequest.SOURCE,
                CellTherapyRequest.Source.values(),
                CellTherapyRequest.Source::parameter,
                CellTherapyRequest.Source.AUTOLOGOUS);
        // An autologous batch treats one patient, whatever the doses field says.
        int doses = source == CellTherapyRequest.Source.ALLOGENEIC ? (int) in.number(Input.DOSES_PER_BATCH) : 1;
        return new CellTherapyRequest(
                (int) in.number(Input.PATIENTS),
                source,
                doses,
                in.number(Input.BATCH_SUCCESS),
                in.number(Input.BATCH_DURATION),
                (int) in.number(Input.PARALLEL_BATCHES),
                (int) in.number(Input.OPERATING_DAYS));
    }

    /**
     * A number as the parameters write it: plain below a million ({@code 2000}, {@code 0.7}), a power of ten above
     * ({@code 1e14}, {@code 1.1e14}); parsing it gives back the same double.
     */
    public static String canonical(double value) {
        BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
        if (Math.abs(value) < 1e6) {
            return decimal.toPlainString();
        }
        return decimal.toString().replace("E+", "e").replace('E', 'e');
    }

    public static String canonical(int value) {
        return Integer.toString(value);
    }

    /** Reads a number as people type it, or null when it is not one. */
    static Double number(String text) {
        String compact = SPACES.matcher(text).replaceAll("").replace(',', '.');
        Matcher power = POWER_OF_TEN.matcher(compact);
        if (power.matches() && DECIMAL.matcher(power.group(1)).matches()) {
            compact = power.group(1) + "e" + power.group(2);
        }
        if (!DECIMAL.matcher(compact).matches()) {
            return null;
        }
        double value = Double.parseDouble(compact);
        return Double.isFinite(value) ? value : null;
    }

    private static List<String> modalityValues() {
        return Arrays.stream(Modality.values()).map(Modality::parameter).toList();
    }

    /** Reads fields one by one, adding a problem for each invalid one (a harmless placeholder is returned then). */
    private record Reader(Map<String, String> values, List<SizingProblem> problems) {

        double number(Input input) {
            String text = values.get(input.parameter());
            if (text == null) {
                problems.add(new SizingProblem(input.parameter(), SizingProblem.Kind.REQUIRED, input, "required"));
                return 1;
            }
            Double value = SizingParameters.number(text);
            if (value == null) {
                problems.add(new SizingProblem(input.parameter(), SizingProblem.Kind.NUMBER, input, "not a number"));
                return 1;
            }
            if (value < input.min() || value > input.max()) {
                problems.add(new SizingProblem(
                        input.parameter(),
                        SizingProblem.Kind.RANGE,
                        input,
                        String.format(
                                Locale.ROOT,
                                "between %s and %s (%s): %s",
                                canonical(input.min()),
                                canonical(input.max()),
                                input.unit().name(),
                                input.reason())));
                return 1;
            }
            if (input.whole() && value != Math.rint(value)) {
                problems.add(new SizingProblem(
                        input.parameter(), SizingProblem.Kind.WHOLE, input, "a whole number: " + input.reason()));
                return 1;
            }
            return value;
        }

        <T> T choice(String parameter, T[] choices, Function<T, String> written, T fallback) {
            String text = values.get(parameter);
            if (text == null) {
                return fallback;
            }
            for (T choice : choices) {
                if (written.apply(choice).equals(text)) {
                    return choice;
                }
            }
            problems.add(new SizingProblem(
                    parameter,
                    SizingProblem.Kind.CHOICE,
                    null,
                    "one of " + Arrays.stream(choices).map(written).toList()));
            return fallback;
        }
    }
}
