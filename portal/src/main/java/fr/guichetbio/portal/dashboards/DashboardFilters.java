package fr.guichetbio.portal.dashboards;

import fr.guichetbio.portal.catalogue.vocabulary.ModalityFilters;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboards' filters as the URL carries them ({@code region}, {@code modalite}, {@code periode}), shared by the
 * pages and their downloads. A value outside the lists is not applied and is named in {@link #errors()} (message
 * keys by parameter) for the form to show.
 *
 * @param region an INSEE region code, or {@code null} for all
 * @param modality a modality code or a {@link #GROUPS group} code, or {@code null} for all
 * @param periodQuarters how many quarters back demand counts (0: all)
 */
public record DashboardFilters(String region, String modality, int periodQuarters, Map<String, String> errors) {

    /** Modalities asked for together: the viral vectors, as agencies speak of them. */
    public static final Map<String, List<Vocabulary.Modality>> GROUPS = ModalityFilters.GROUPS;

    /** The periods offered, in quarters (0: since the first record). */
    public static final List<Integer> PERIODS = List.of(4, 8, 12, 0);

    public static final int DEFAULT_PERIOD = 8;

    public DashboardFilters {
        errors = Map.copyOf(errors);
    }

    /** Reads the parameters; blank means all. */
    public static DashboardFilters of(String region, String modality, String period) {
        Map<String, String> errors = new LinkedHashMap<>();
        String r = blank(region)
                ? null
                : Vocabulary.Region.ofCode(region).map(Vocabulary.Region::code).orElse(null);
        if (!blank(region) && r == null) {
            errors.put("region", "dashboards.filter.error.region");
        }
        String asked = blank(modality) ? null : modality.strip();
        boolean known = asked == null
                || GROUPS.containsKey(asked)
                || Arrays.stream(Vocabulary.Modality.values())
                        .anyMatch(x -> x.name().equals(asked));
        if (!known) {
            errors.put("modalite", "dashboards.filter.error.modality");
        }
        String m = known ? asked : null;
        int p = DEFAULT_PERIOD;
        if (!blank(period)) {
            Optional<Integer> parsed = PERIODS.stream()
                    .filter(x -> String.valueOf(x).equals(period.strip()))
                    .findFirst();
            if (parsed.isPresent()) {
                p = parsed.get();
            } else {
                errors.put("periode", "dashboards.filter.error.period");
            }
        }
        return new DashboardFilters(r, m, p, errors);
    }

    /** The modality codes the filter stands for (empty: all). */
    public List<String> modalityCodes() {
        if (modality == null) {
            return List.of();
        }
        List<Vocabulary.Modality> group = GROUPS.get(modality);
        return group == null
                ? List.of(modality)
                : group.stream().map(Enum::name).toList();
    }

    /** The first quarter of the period ending with the quarter of {@code today}, or {@code null} for all. */
    public String fromQuarter(LocalDate today) {
        if (periodQuarters == 0) {
            return null;
        }
        LocalDate first = today.minusMonths(3L * (periodQuarters - 1));
        return first.getYear() + "-Q" + ((first.getMonthValue() + 2) / 3);
    }

    /** The filters as URL parameters (for the download links), only those applied. */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (region != null) {
            parameters.put("region", region);
        }
        if (modality != null) {
            parameters.put("modalite", modality);
        }
        parameters.put("periode", String.valueOf(periodQuarters));
        return parameters;
    }

    /** An option of the modality list: its value and the message key of its label. */
    public record ModalityOption(String code, String messageKey) {}

    /** The modality options: the groups first, then every modality. */
    public static List<ModalityOption> modalityOptions() {
        List<ModalityOption> options = new ArrayList<>();
        GROUPS.keySet().forEach(g -> options.add(new ModalityOption(g, "dashboards.group." + g)));
        Arrays.stream(Vocabulary.Modality.values())
                .forEach(m -> options.add(new ModalityOption(m.name(), m.messageKey())));
        return options;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
