package fr.guichetbio.portal.search;

import fr.guichetbio.catalogue.index.search.QueryTerm;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reads a search text as the conditions a sponsor means: volumes ("2 000 L"), vocabulary concepts as units ("thérapie
 * génique", "fill finish", "CAR-T", misspelt or not), places (a region, a town of the {@link Gazetteer}, a department,
 * a postal code), filler that needs no match ("de", "site", "CDMO"), and the other words, which must match the sites'
 * texts. Left to right, the longest phrase with a meaning wins; exact meanings before tolerant ones, so a word that is
 * both a place and a misspelt concept is the place.
 */
@Component
public class QueryInterpreter {

    /** A town named in the text: its sites and those within this radius, as the place field's default. */
    static final int TOWN_RADIUS_KM = SearchParameters.DEFAULT_RADIUS;

    /** The longest phrase looked up, in words ("médicament de thérapie innovante", "Saint-Germain-en-Laye"). */
    static final int LONGEST_PHRASE = 6;

    /**
     * A number directly followed by a litre unit, as a whole word: "200 l", "2000L", "2 000 litres", "1,5 L"; not
     * "l'usine" nor "200 lots".
     */
    private static final Pattern VOLUME = Pattern.compile(
            "(?<![\\p{L}\\d])(\\d{1,3}(?:[ \\u00a0\\u202f]\\d{3})+|\\d+)(?:[.,](\\d+))?\\s*(?:l|litres?|liters?)(?![\\p{L}\\d'’])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern POSTAL_CODE = Pattern.compile("\\d{5}");

    private final Gazetteer gazetteer;
    private final QueryLexicon lexicon;

    @Autowired
    public QueryInterpreter(Gazetteer gazetteer) {
        this(gazetteer, QueryLexicon.load());
    }

    QueryInterpreter(Gazetteer gazetteer, QueryLexicon lexicon) {
        this.gazetteer = gazetteer;
        this.lexicon = lexicon;
    }

    /** A word of the text: as typed, where it starts and ends, and its normal form. */
    private record Token(String typed, int start, int end, String normal) {}

    /** The terms of a search text, in the order typed, each once. */
    public List<QueryTerm> interpret(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        // Each term with where it starts in the text: volumes are found first, but the terms keep the typed order.
        Map<Integer, QueryTerm> terms = new TreeMap<>();
        List<int[]> volumes = new ArrayList<>();
        Matcher volume = VOLUME.matcher(text);
        while (volume.find()) {
            String digits = volume.group(1).replaceAll("[ \\u00a0\\u202f]", "");
            String decimals = volume.group(2);
            double litres = Double.parseDouble(decimals == null ? digits : digits + "." + decimals);
            if (litres > 0) {
                terms.put(
                        volume.start(),
                        new QueryTerm.MinimumVolume(volume.group().strip(), litres));
            }
            volumes.add(new int[] {volume.start(), volume.end()});
        }
        List<Token> tokens = new ArrayList<>();
        Matcher word = QueryLexicon.WORD.matcher(text);
        while (word.find()) {
            int at = word.start();
            if (volumes.stream().noneMatch(v -> at >= v[0] && at < v[1])) {
                tokens.add(new Token(word.group(), word.start(), word.end(), QueryLexicon.word(word.group())));
            }
        }
        int i = 0;
        while (i < tokens.size()) {
            int from = i;
            Match match = exact(text, tokens, from)
                    .or(() -> tolerant(text, tokens, from))
                    .orElse(null);
            if (match == null) {
                Token token = tokens.get(i);
                terms.put(token.start(), new QueryTerm.Word(token.typed()));
                i++;
            } else {
                if (match.term() != null) {
                    terms.put(tokens.get(from).start(), match.term());
                }
                i += match.length();
            }
        }
        return List.copyOf(new LinkedHashSet<>(terms.values()));
    }

    /** A phrase of {@code length} words with a meaning: its term, or null for filler. */
    private record Match(QueryTerm term, int length) {}

    private Optional<Match> exact(String text, List<Token> tokens, int from) {
        for (int n = Math.min(LONGEST_PHRASE, tokens.size() - from); n >= 1; n--) {
            String typed = typed(text, tokens, from, n);
            Optional<QueryLexicon.Meaning> meaning = lexicon.exact(normal(tokens, from, n));
            if (meaning.isPresent()) {
                return Optional.of(new Match(term(typed, meaning.get()), n));
            }
            Optional<QueryTerm> place = place(typed);
            if (place.isPresent()) {
                return Optional.of(new Match(place.get(), n));
            }
        }
        return Optional.empty();
    }

    private Optional<Match> tolerant(String text, List<Token> tokens, int from) {
        for (int n = Math.min(LONGEST_PHRASE, tokens.size() - from); n >= 1; n--) {
            String[] words = normal(tokens, from, n).split(" ");
            Optional<QueryLexicon.Meaning> meaning = lexicon.tolerant(words);
            if (meaning.isPresent()) {
                return Optional.of(new Match(term(typed(text, tokens, from, n), meaning.get()), n));
            }
        }
        return Optional.empty();
    }

    /** A town, a department or a postal code (of a known commune). */
    private Optional<QueryTerm> place(String typed) {
        if (POSTAL_CODE.matcher(typed).matches()) {
            return gazetteer.find(typed).map(p -> town(typed, p));
        }
        Optional<QueryTerm> town = gazetteer.town(typed).map(p -> town(typed, p));
        if (town.isPresent()) {
            return town;
        }
        return gazetteer.department(typed).map(d -> new QueryTerm.Department(typed, d.name(), d.postalPrefix()));
    }

    private static QueryTerm town(String typed, Gazetteer.Place place) {
        return new QueryTerm.Place(typed, place.name(), place.lat(), place.lon(), TOWN_RADIUS_KM);
    }

    private static QueryTerm term(String typed, QueryLexicon.Meaning meaning) {
        return switch (meaning) {
            case QueryLexicon.Codes codes -> new QueryTerm.Concept(typed, codes.facet(), codes.codes());
            case QueryLexicon.Gmp gmp -> new QueryTerm.Gmp(typed);
            case QueryLexicon.Filler filler -> null;
        };
    }

    private static String typed(String text, List<Token> tokens, int from, int n) {
        return text.substring(tokens.get(from).start(), tokens.get(from + n - 1).end());
    }

    private static String normal(List<Token> tokens, int from, int n) {
        StringBuilder normal = new StringBuilder();
        for (int k = from; k < from + n; k++) {
            if (!tokens.get(k).normal().isEmpty()) {
                normal.append(normal.isEmpty() ? "" : " ").append(tokens.get(k).normal());
            }
        }
        return normal.toString();
    }
}
