package fr.guichetbio.catalogue.index.search;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a search text says besides words to match: a working volume ("200 l", "2000L", "2 000 litres") and a French
 * region by name ("île-de-france", "Auvergne-Rhône-Alpes", "Brittany"). Both are taken out of the words and become
 * boosts, not filters: the sites that fit come first, the others still show (a sponsor typing "200 l" also wants to
 * see a 150 L site rather than nothing). Left in the words, "200" and "l" would only match noise, and a region name
 * matches no text field at all (documents hold the region's INSEE code).
 *
 * @param words the text left for full-text matching: accents and case folded, hyphens as spaces (the index analysers
 *     fold the same way, so nothing is lost)
 * @param minimumLitres the volume named, if any
 * @param regionCode the INSEE code of the region named, or {@code null}
 */
public record QueryText(String words, OptionalDouble minimumLitres, String regionCode) {

    /**
     * A number (digits, optionally grouped by spaces by thousands, optional decimals) directly followed by a litre
     * unit, as a whole word: "200 l", "2000L", "2 000 litres", "1,5 L". Not "l'usine" nor "200 lots".
     */
    private static final Pattern VOLUME = Pattern.compile(
            "(?<![\\p{L}\\d])(\\d{1,3}(?:[ \\u00a0\\u202f]\\d{3})+|\\d+)(?:[.,](\\d+))?\\s*(?:l|litres?|liters?)(?![\\p{L}\\d'’])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Region names as folded by {@link #fold}, longest first so that no name is cut by a shorter one. */
    private static final Map<String, String> REGIONS = regions();

    /** Parses a search text. */
    public static QueryText parse(String text) {
        String rest = text == null ? "" : text;
        OptionalDouble litres = OptionalDouble.empty();
        Matcher volume = VOLUME.matcher(rest);
        if (volume.find()) {
            String digits = volume.group(1).replaceAll("[ \\u00a0\\u202f]", "");
            String decimals = volume.group(2);
            litres = OptionalDouble.of(Double.parseDouble(decimals == null ? digits : digits + "." + decimals));
            rest = rest.substring(0, volume.start()) + " " + rest.substring(volume.end());
        }
        String folded = " " + fold(rest) + " ";
        String region = null;
        for (Map.Entry<String, String> name : REGIONS.entrySet()) {
            int at = folded.indexOf(" " + name.getKey() + " ");
            if (at >= 0) {
                region = name.getValue();
                folded = folded.substring(0, at) + " "
                        + folded.substring(at + name.getKey().length() + 1);
                break;
            }
        }
        return new QueryText(folded.strip().replaceAll("\\s+", " "), litres, region);
    }

    /** Lower case, no accents, hyphens and punctuation other than apostrophes as spaces, single spaces. */
    static String fold(String text) {
        String noAccents = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return noAccents
                .toLowerCase(Locale.ROOT)
                .replace('’', '\'')
                .replaceAll("[^\\p{L}\\p{N}'.]+", " ")
                .strip();
    }

    private static Map<String, String> regions() {
        String[][] names = {
            {"11", "île-de-France", "ile de france", "Paris region", "région parisienne"},
            {"24", "Centre-Val de Loire"},
            {"27", "Bourgogne-Franche-Comté"},
            {"28", "Normandie", "Normandy"},
            {"32", "Hauts-de-France"},
            {"44", "Grand Est"},
            {"52", "Pays de la Loire"},
            {"53", "Bretagne", "Brittany"},
            {"75", "Nouvelle-Aquitaine"},
            {"76", "Occitanie"},
            {"84", "Auvergne-Rhône-Alpes"},
            {"93", "Provence-Alpes-Côte d’Azur", "PACA"},
            {"94", "Corse", "Corsica"},
            {"01", "Guadeloupe"},
            {"02", "Martinique"},
            {"03", "Guyane", "French Guiana"},
            {"04", "La Réunion", "Réunion"},
            {"06", "Mayotte"}
        };
        Map<String, String> byName = new java.util.TreeMap<>(
                (a, b) -> a.length() != b.length() ? Integer.compare(b.length(), a.length()) : a.compareTo(b));
        for (String[] region : names) {
            for (int i = 1; i < region.length; i++) {
                byName.put(fold(region[i]), region[0]);
            }
        }
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }
}
