package fr.guichetbio.portal.catalogue.vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The modality filters figures are counted under, by name: each modality on its own (named by its code) and the
 * groups agencies speak of, e.g. {@code VIRAL_VECTORS}. Read APIs that count every filter in one statement take them
 * as two parallel PostgreSQL array literals ({@link #namesArray()}, {@link #modalitiesArray()}).
 */
public record ModalityFilters(Map<String, List<String>> byName) {

    /** Modalities asked for together: the viral vectors. */
    public static final Map<String, List<Vocabulary.Modality>> GROUPS = Map.of(
            "VIRAL_VECTORS",
            List.of(Vocabulary.Modality.AAV, Vocabulary.Modality.LENTIVIRUS, Vocabulary.Modality.OTHER_VIRAL_VECTOR));

    public ModalityFilters {
        byName = Map.copyOf(byName);
    }

    /** Every modality alone and every group. */
    public static ModalityFilters offered() {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        GROUPS.forEach((name, group) ->
                filters.put(name, group.stream().map(Enum::name).toList()));
        Arrays.stream(Vocabulary.Modality.values()).forEach(m -> filters.put(m.name(), List.of(m.name())));
        return new ModalityFilters(filters);
    }

    /** Each filter's name once per modality of it, as a {@code varchar[]} literal (codes need no quoting). */
    public String namesArray() {
        List<String> names = new ArrayList<>();
        byName.forEach((name, codes) -> codes.forEach(code -> names.add(name)));
        return "{" + String.join(",", names) + "}";
    }

    /** The modalities in the order of {@link #namesArray()}. */
    public String modalitiesArray() {
        List<String> codes = new ArrayList<>();
        byName.forEach((name, modalities) -> codes.addAll(modalities));
        return "{" + String.join(",", codes) + "}";
    }
}
