package fr.guichetbio.portal.learning.web;

import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.OrganisationKind;
import fr.guichetbio.portal.organisation.Organisations;
import fr.guichetbio.training.course.CourseCatalogue;
import fr.guichetbio.training.course.CourseContent.Level;
import fr.guichetbio.training.path.BioproductionRole;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The course list's URL parameters → one {@link CourseCatalogue.Filter}, shared by the page and {@code GET
 * /api/formations}: {@code role} (a role code), {@code niveau}, {@code langue}, {@code organisme} (the provider's
 * slug) and {@code duree} (at most this many hours). An unknown value is an error named after its parameter, never
 * silently ignored.
 */
@Component
class CourseFilters {

    /** The durations offered by the page, in hours. */
    static final List<Integer> DURATIONS = List.of(2, 4, 8, 16);

    private final Organisations organisations;

    CourseFilters(Organisations organisations) {
        this.organisations = organisations;
    }

    /**
     * @param errors parameter → the message key of its problem; empty when the filter is valid
     * @param values the parameters as understood, to fill the form again and build links
     */
    record Parsed(CourseCatalogue.Filter filter, Map<String, String> errors, Map<String, String> values) {

        boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * One choice of a filter's list: its value in the URL and its label, a message key (with one argument) or a text
     * as is (a provider's name).
     */
    record Option(String value, String key, Object argument, String text) {

        static Option labelled(String value, String key) {
            return new Option(value, key, null, null);
        }
    }

    /** A filter of the page: its parameter, its label and its choices. */
    record Filter(String name, String labelKey, List<Option> options) {}

    /** The page's filters, in the order shown; the providers are those with a published course. */
    List<Filter> filters(List<Organisation> providers) {
        return List.of(
                new Filter(
                        "role",
                        "training.filter.role",
                        Arrays.stream(BioproductionRole.values())
                                .map(role -> Option.labelled(role.name(), "training.role." + role))
                                .toList()),
                new Filter(
                        "niveau",
                        "training.filter.level",
                        Arrays.stream(Level.values())
                                .map(level -> Option.labelled(level.name(), "training.level." + level))
                                .toList()),
                new Filter(
                        "langue",
                        "training.filter.language",
                        List.of(
                                Option.labelled("fr", "training.language.fr"),
                                Option.labelled("en", "training.language.en"))),
                new Filter(
                        "organisme",
                        "training.filter.provider",
                        providers.stream()
                                .map(provider -> new Option(provider.slug(), null, null, provider.name()))
                                .toList()),
                new Filter(
                        "duree",
                        "training.filter.duration",
                        DURATIONS.stream()
                                .map(hours ->
                                        new Option(String.valueOf(hours), "training.filter.duration.upTo", hours, null))
                                .toList()));
    }

    Parsed parse(Map<String, String> raw) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        BioproductionRole role = enumValue(raw, "role", BioproductionRole.class, errors, values);
        Level level = enumValue(raw, "niveau", Level.class, errors, values);
        String language = text(raw, "langue");
        if (language != null) {
            if (List.of("fr", "en").contains(language)) {
                values.put("langue", language);
            } else {
                errors.put("langue", "training.filter.error.language");
            }
        }
        Long provider = null;
        String slug = text(raw, "organisme");
        if (slug != null) {
            Optional<Organisation> organisation =
                    organisations.findBySlug(slug).filter(found -> found.kind() == OrganisationKind.TRAINING_PROVIDER);
            if (organisation.isPresent()) {
                provider = organisation.get().id();
                values.put("organisme", slug);
            } else {
                errors.put("organisme", "training.filter.error.provider");
            }
        }
        Integer maxMinutes = null;
        String hours = text(raw, "duree");
        if (hours != null) {
            try {
                int parsed = Integer.parseInt(hours);
                if (parsed < 1 || parsed > 1000) {
                    throw new NumberFormatException();
                }
                maxMinutes = parsed * 60;
                values.put("duree", hours);
            } catch (NumberFormatException e) {
                errors.put("duree", "training.filter.error.duration");
            }
        }
        return new Parsed(
                new CourseCatalogue.Filter(role == null ? null : role.name(), level, language, provider, maxMinutes),
                errors,
                values);
    }

    private static <E extends Enum<E>> E enumValue(
            Map<String, String> raw,
            String name,
            Class<E> type,
            Map<String, String> errors,
            Map<String, String> values) {
        String text = text(raw, name);
        if (text == null) {
            return null;
        }
        try {
            E value = Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
            values.put(name, value.name());
            return value;
        } catch (IllegalArgumentException e) {
            errors.put(name, "training.filter.error." + name);
            return null;
        }
    }

    private static String text(Map<String, String> raw, String name) {
        String value = raw.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
