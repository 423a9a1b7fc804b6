package fr.guichetbio.portal.search;

import fr.guichetbio.catalogue.index.search.Facet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the words of a search mean: the phrases of {@value #RESOURCE}, each standing for codes of one facet (a
 * vocabulary concept), for "under GMP", or for nothing (filler). Phrases and search texts are compared in the same
 * {@link #normalise normal form}, exactly or, for long words, within one or two typing errors.
 */
final class QueryLexicon {

    static final String RESOURCE = "/search/query-lexicon.txt";

    /** What a phrase stands for: codes of a facet, GMP, or nothing. */
    sealed interface Meaning {}

    record Codes(Facet facet, List<String> codes) implements Meaning {}

    record Gmp() implements Meaning {}

    record Filler() implements Meaning {}

    /** A word: letters and digits, with inner apostrophes ("l'usine", "d'insecte") kept for elision. */
    static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}\\p{N}]+)*");

    private static final Pattern ELISION = Pattern.compile("^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern LINE = Pattern.compile("^(\\w+)(?: ([\\w|]+))?:\\s*(.*)$");

    private static final Map<String, Facet> KINDS = Map.of(
            "modality", Facet.MODALITIES,
            "service", Facet.SERVICES,
            "stage", Facet.STAGES,
            "system", Facet.EXPRESSION_SYSTEMS,
            "technology", Facet.TECHNOLOGIES,
            "kind", Facet.ORGANISATION_KINDS,
            "region", Facet.REGIONS);

    /** Phrases in normal form (words joined by one space) → meaning. */
    private final Map<String, Meaning> phrases;
    /** The same phrases as word arrays, by word count, for the tolerant comparison. */
    private final Map<Integer, List<String[]>> byLength = new HashMap<>();

    private QueryLexicon(Map<String, Meaning> phrases) {
        this.phrases = Map.copyOf(phrases);
        for (String phrase : phrases.keySet()) {
            String[] words = phrase.split(" ");
            byLength.computeIfAbsent(words.length, n -> new ArrayList<>()).add(words);
        }
    }

    /** The lexicon of the classpath resource. */
    static QueryLexicon load() {
        try (InputStream in = QueryLexicon.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the lexicon format; a phrase given two meanings is an error (one phrase, one meaning). */
    static QueryLexicon parse(String text) {
        Map<String, Meaning> phrases = new HashMap<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("Unreadable lexicon line: " + line);
            }
            Meaning meaning = switch (m.group(1)) {
                case "gmp" -> new Gmp();
                case "filler" -> new Filler();
                default -> {
                    Facet facet = KINDS.get(m.group(1));
                    if (facet == null || m.group(2) == null) {
                        throw new IllegalArgumentException("Unknown lexicon kind: " + line);
                    }
                    yield new Codes(facet, List.of(m.group(2).split("\\|")));
                }
            };
            for (String phrase : m.group(3).split(",")) {
                String normal = normalise(phrase);
                if (normal.isEmpty()) {
                    continue;
                }
                Meaning before = phrases.put(normal, meaning);
                if (before != null && !before.equals(meaning)) {
                    throw new IllegalArgumentException("Two meanings for \"" + phrase.strip() + "\"");
                }
            }
        }
        return new QueryLexicon(phrases);
    }

    /** The meaning of a phrase in normal form, as written. */
    Optional<Meaning> exact(String normalPhrase) {
        return Optional.ofNullable(phrases.get(normalPhrase));
    }

    /**
     * The meaning of the phrase of the same number of words whose every word is the given word or within its typing
     * tolerance ({@link #tolerance}), first letters equal; empty when none or when two phrases fit.
     */
    Optional<Meaning> tolerant(String[] words) {
        Meaning found = null;
        for (String[] phrase : byLength.getOrDefault(words.length, List.of())) {
            if (close(phrase, words)) {
                Meaning meaning = phrases.get(String.join(" ", phrase));
                if (found != null && !found.equals(meaning)) {
                    return Optional.empty();
                }
                found = meaning;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Every phrase with its meaning (for tests). */
    Map<String, Meaning> phrases() {
        return phrases;
    }

    private static boolean close(String[] phrase, String[] words) {
        boolean typo = false;
        for (int i = 0; i < phrase.length; i++) {
            if (phrase[i].equals(words[i])) {
                continue;
            }
            int allowed = tolerance(phrase[i]);
            if (allowed == 0
                    || words[i].isEmpty()
                    || words[i].charAt(0) != phrase[i].charAt(0)
                    || distance(phrase[i], words[i], allowed) > allowed) {
                return false;
            }
            typo = true;
        }
        return typo;
    }

    /** Typing errors tolerated in a word: none up to 4 letters (too many short words are one edit apart), 1, then 2. */
    static int tolerance(String word) {
        return word.length() < 5 ? 0 : word.length() < 9 ? 1 : 2;
    }

    /** Edit distance with transpositions (optimal string alignment), or {@code limit + 1} once above the limit. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
                rowMin = Math.min(rowMin, d[i][j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
        }
        return d[a.length()][b.length()];
    }

    /** The normal form of a phrase: its {@link #word normal words} joined by one space. */
    static String normalise(String phrase) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(phrase);
        while (m.find()) {
            String word = word(m.group());
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return String.join(" ", words);
    }

    /**
     * The normal form of a word: lower case, no accents, no elided article ("l'", "d'"), no French plural ("-aux" →
     * "-al", final "s" or "x" dropped from words of more than three letters), as the index's light stemmer does.
     */
    static String word(String word) {
        String w = MARKS.matcher(Normalizer.normalize(word, Normalizer.Form.NFD))
                .replaceAll("")
                .toLowerCase(Locale.ROOT)
                .replace('’', '\'');
        w = ELISION.matcher(w).replaceFirst("");
        w = w.replace("'", "");
        if (w.length() > 4 && w.endsWith("aux")) {
            return w.substring(0, w.length() - 3) + "al";
        }
        if (w.length() > 3 && (w.endsWith("s") || w.endsWith("x"))) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    /** The codes of every {@link Codes} meaning, by facet (for tests). */
    Map<Facet, Set<String>> codes() {
        Map<Facet, Set<String>> codes = new HashMap<>();
        for (Meaning meaning : phrases.values()) {
            if (meaning instanceof Codes c) {
                codes.computeIfAbsent(c.facet(), f -> new HashSet<>()).addAll(c.codes());
            }
        }
        return codes;
    }

    static List<String> words(String text) {
        return Arrays.stream(normalise(text).split(" "))
                .filter(w -> !w.isEmpty())
                .toList();
    }
}
