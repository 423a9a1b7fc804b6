package fr.guichetbio.portal.learning.web;

import fr.guichetbio.portal.organisation.Organisation;
import fr.guichetbio.portal.organisation.OrganisationKind;
import fr.guichetbio.portal.organisation.Organisations;
import fr.guichetbio.training.course.CourseCatalogue;
import fr.guichetbio.training.course.CourseContent.Level;
import fr.guichetbio.training.path.BioproductionRole;
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
