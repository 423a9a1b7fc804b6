package fr.guichetbio.portal.search;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/** Edits of a search text as typed: for the links that correct it or take a term out of it. */
final class SearchText {

    private SearchText() {}

    /**
     * The text with each word the search corrected replaced by its correction (keys as the spelling analyser reads a
     * word: lower case, elided article dropped), or null when nothing changed.
     */
    static String corrected(String text, Map<String, String> corrections) {
        if (corrections.isEmpty()) {
            return null;
        }
        StringBuilder corrected = new StringBuilder();
        Matcher word = QueryLexicon.WORD.matcher(text);
        int at = 0;
        boolean changed = false;
        while (word.find()) {
            String typed = word.group();
            String key = typed.toLowerCase(Locale.ROOT).replace('’', '\'').replaceFirst("^\\p{L}{1,2}'", "");
            String correction = corrections.get(key);
            if (correction != null) {
                corrected
                        .append(text, at, word.start() + typed.length() - key.length())
                        .append(sameCase(typed.substring(typed.length() - key.length()), correction));
                at = word.end();
                changed = true;
            }
        }
        corrected.append(text.substring(at));
        return changed ? corrected.toString() : null;
    }

    /** The correction capitalised like the word typed ("Garone" → "Garonne"; the suggester answers in lower case). */
    private static String sameCase(String typed, String correction) {
        if (typed.isEmpty() || correction.isEmpty() || !Character.isUpperCase(typed.codePointAt(0))) {
            return correction;
        }
        if (typed.length() > 1
                && typed.codePoints().allMatch(c -> !Character.isLetter(c) || Character.isUpperCase(c))) {
            return correction.toUpperCase(Locale.ROOT);
        }
        return correction.substring(0, 1).toUpperCase(Locale.ROOT) + correction.substring(1);
    }

    /** The text without the first occurrence of each part, single-spaced. */
    static String without(String text, List<String> parts) {
        String rest = text;
        for (String part : parts) {
            int at = rest.indexOf(part);
            if (at >= 0) {
                rest = rest.substring(0, at) + " " + rest.substring(at + part.length());
            }
        }
        return rest.strip().replaceAll("\\s+", " ");
    }
}
