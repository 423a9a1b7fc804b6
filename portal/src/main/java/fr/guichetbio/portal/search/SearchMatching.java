package fr.guichetbio.portal.search;

import fr.guichetbio.catalogue.index.search.CatalogueQuery;
import fr.guichetbio.catalogue.index.search.CatalogueSearch;
import fr.guichetbio.catalogue.index.search.MatchingSites;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The search page's matching for other modules (saved searches and their alerts): a search is the query string of a
 * {@code /recherche} URL, read by {@link SearchParameters} exactly as the page reads it, and the sites it matches come
 * from the same {@link CatalogueSearch} — exact matches only: a page that relaxes a search answers another question.
 */
@Component
public class SearchMatching {

    private final CatalogueSearch search;
    private final Gazetteer gazetteer;
    private final QueryInterpreter interpreter;

    SearchMatching(CatalogueSearch search, Gazetteer gazetteer, QueryInterpreter interpreter) {
        this.search = search;
        this.gazetteer = gazetteer;
        this.interpreter = interpreter;
    }

    /**
     * The search worth keeping: its known, non-blank parameters in a stable form, without those that change no match
     * (page, page size, facet counts); empty when the page would refuse them.
     */
    public Optional<String> canonical(String queryString) {
        SearchParameters.Parsed parsed = SearchParameters.parse(parameters(queryString), gazetteer, interpreter);
        if (!parsed.problems().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(queryString(parsed.parameters()));
    }

    /** The search page's URL of a search. */
    public static String url(String queryString) {
        return queryString == null || queryString.isEmpty()
                ? SearchController.PATH
                : SearchController.PATH + "?" + queryString;
    }

    /**
     * The sites the search matches, the smallest keys first, at most {@code limit}.
     *
     * @throws IllegalArgumentException when the search is not one the page accepts
     * @throws fr.guichetbio.catalogue.index.search.SearchUnavailableException when Elasticsearch cannot answer
     */
    public MatchingSites matching(String queryString, int limit) {
        SearchParameters.Parsed parsed = SearchParameters.parse(parameters(queryString), gazetteer, interpreter);
        if (!parsed.problems().isEmpty()) {
            throw new IllegalArgumentException("Invalid search " + queryString + ": " + parsed.problems());
        }
        CatalogueQuery query = parsed.query();
        return search.matching(query, limit);
    }

    /** The query string of the page's parameters, as its links write it. */
    static String queryString(MultiValueMap<String, String> parameters) {
        MultiValueMap<String, String> kept = new LinkedMultiValueMap<>(parameters);
        kept.remove(SearchParameters.PAGE);
        kept.remove(SearchParameters.SIZE);
        kept.remove(SearchParameters.FACETS);
        String url = SearchController.url(kept);
        int question = url.indexOf('?');
        return question < 0 ? "" : url.substring(question + 1);
    }

    /** A form-encoded query string as the parameters a request would carry. */
    static MultiValueMap<String, String> parameters(String queryString) {
        MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return parameters;
        }
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.add(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
