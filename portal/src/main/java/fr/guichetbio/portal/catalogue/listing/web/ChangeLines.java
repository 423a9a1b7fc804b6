package fr.guichetbio.portal.catalogue.listing.web;

import fr.guichetbio.portal.catalogue.listing.ListingEditor.CatalogueProfile;
import fr.guichetbio.portal.catalogue.listing.SiteDiff.FieldChange;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Puts the changes between two versions of a site into words: "Capability 2 › Bioreactor 1 › Working volume (L):
 * 200 → 500", codes replaced by their labels, in the reader's language.
 */
@Component
class ChangeLines {

    /** One line of the "what changed" list. */
    record ChangeLine(String field, String before, String after) {}

    /** Fields whose values are vocabulary codes, and their facet in message keys. */
    private static final Map<String, String> FACETS = Map.ofEntries(
            Map.entry("modality", "modality"),
            Map.entry("services", "service"),
            Map.entry("stages", "stage"),
            Map.entry("stage", "stage"),
            Map.entry("expressionSystems", "expressionSystem"),
            Map.entry("technologies", "technology"),
            Map.entry("technology", "bioreactorTechnology"),
            Map.entry("kind", "evidenceKind"),
            Map.entry("outcome", "evidenceOutcome"),
            Map.entry("verification", "verification"),
            Map.entry("catalogueKind", "catalogueKind"));

    private final MessageSource messages;

    ChangeLines(MessageSource messages) {
        this.messages = messages;
    }

    List<ChangeLine> of(List<FieldChange> changes) {
        Locale locale = LocaleContextHolder.getLocale();
        List<ChangeLine> lines = new ArrayList<>();
        for (FieldChange change : changes) {
            List<String> names = change.names();
            String last = names.isEmpty() ? "" : names.getLast();
            lines.add(new ChangeLine(
                    field(change.path(), locale),
                    value(last, change.before(), locale),
                    value(last, change.after(), locale)));
        }
        return lines;
    }

    /** The fields where the member's input and what another save stored differ: (field, input, stored). */
    List<ChangeLine> ofProfile(CatalogueProfile input, CatalogueProfile stored) {
        Locale locale = LocaleContextHolder.getLocale();
        List<ChangeLine> lines = new ArrayList<>();
        String[][] fields = {
            {"catalogueKind", input.catalogueKind(), stored.catalogueKind()},
            {"siren", input.siren(), stored.siren()},
            {"descriptionEn", input.descriptionEn(), stored.descriptionEn()},
            {"contactEmail", input.contactEmail(), stored.contactEmail()}
        };
        for (String[] field : fields) {
            if (!java.util.Objects.equals(field[1], field[2])) {
                lines.add(new ChangeLine(
                        messages.getMessage("listing.profile." + field[0], null, locale),
                        value(field[0], field[1], locale),
                        value(field[0], field[2], locale)));
            }
        }
        return lines;
    }

    private String field(String path, Locale locale) {
        List<String> parts = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!parts.isEmpty() && segment.chars().allMatch(Character::isDigit)) {
                parts.set(parts.size() - 1, parts.getLast() + " " + (Integer.parseInt(segment) + 1));
            } else {
                parts.add(messages.getMessage("listing.field." + segment, null, segment, locale));
            }
        }
        return String.join(" › ", parts);
    }

    private String value(String field, String value, Locale locale) {
        if (value == null) {
            return messages.getMessage("listing.conflict.none", null, locale);
        }
        String facet = FACETS.get(field);
        if (facet == null) {
            return value;
        }
        return Arrays.stream(value.split(", "))
                .map(code -> messages.getMessage(Vocabulary.messageKey(facet, code), null, code, locale))
                .collect(Collectors.joining(", "));
    }
}
