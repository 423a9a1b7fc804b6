package fr.guichetbio.portal.search;

import fr.guichetbio.catalogue.index.search.CatalogueQuery;
import fr.guichetbio.catalogue.index.search.CatalogueResults;
import fr.guichetbio.catalogue.index.search.CatalogueSearch;
import fr.guichetbio.catalogue.index.search.Facet;
import fr.guichetbio.catalogue.index.search.QueryTerm;
import fr.guichetbio.catalogue.index.search.SearchUnavailableException;
import fr.guichetbio.catalogue.index.search.Suggestion;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The search page: a GET form whose URL holds the whole state. Without JavaScript every change is a submit; with htmx
 * the form refreshes the results and facets area ({@code #search-area}) in place and pushes the URL.
 */
@Controller
class SearchController {

    private static final Logger log = LoggerFactory.getLogger(SearchController.class);

    static final String PATH = "/recherche";

    /** Matched labels shown under a result: enough to say why it matched without listing the whole vocabulary. */
    static final int MATCHES_SHOWN = 4;

    private static final Pattern NOT_IN_AN_ID = Pattern.compile("[^A-Za-z0-9_-]");

    private final CatalogueSearch search;
    private final Gazetteer gazetteer;
    private final QueryInterpreter interpreter;
    private final MessageSource messages;

    SearchController(
            CatalogueSearch search, Gazetteer gazetteer, QueryInterpreter interpreter, MessageSource messages) {
        this.search = search;
        this.gazetteer = gazetteer;
        this.interpreter = interpreter;
        this.messages = messages;
    }

    @GetMapping(PATH)
    String page(
            @RequestParam MultiValueMap<String, String> raw,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            Locale locale) {
        SearchParameters.Parsed parsed = SearchParameters.parse(raw, gazetteer, interpreter);
        // htmx asks for the results area, except when it restores a page missing from its history cache (the whole
        // page then); the same URL answers both, so caches must keep them apart.
        boolean fragment = "true".equals(request.getHeader("HX-Request"))
                && !"true".equals(request.getHeader("HX-History-Restore-Request"));
        response.addHeader("Vary", "HX-Request, HX-History-Restore-Request");
        model.addAttribute("text", valueOr(parsed.parameters().getFirst(SearchParameters.TEXT)));
        model.addAttribute("placeText", valueOr(parsed.parameters().getFirst(SearchParameters.PLACE)));
        model.addAttribute("radius", parsed.radius());
        model.addAttribute("radii", SearchParameters.RADII);
        model.addAttribute("sort", parsed.sortParameter());
        model.addAttribute("sorts", SearchParameters.SORTS.keySet());
        model.addAttribute("place", parsed.place());
        Map<String, String> errors = new LinkedHashMap<>();
        parsed.problems().forEach(p -> errors.putIfAbsent(p.parameter(), p.messageKey()));
        model.addAttribute("errors", errors);
        CatalogueResults results = null;
        int status = HttpServletResponse.SC_OK;
        if (!errors.isEmpty()) {
            status = HttpServletResponse.SC_BAD_REQUEST;
        } else {
            // What "save this search" keeps: the same parameters the saved search will be matched with.
            model.addAttribute("savedSearch", SearchMatching.queryString(parsed.parameters()));
            try {
                results = search.search(parsed.query());
            } catch (SearchUnavailableException e) {
                log.warn("Search unavailable: {}", e.getMessage());
                model.addAttribute("unavailable", true);
                status = HttpServletResponse.SC_SERVICE_UNAVAILABLE;
            }
        }
        // htmx swaps only successful answers: the fragment (with its error or outage message) is sent as 200.
        response.setStatus(fragment ? HttpServletResponse.SC_OK : status);
        model.addAttribute("results", results);
        model.addAttribute("tags", tags(parsed, results, locale));
        model.addAttribute("facets", results == null ? List.of() : facets(parsed, results, locale));
        model.addAttribute("hits", results == null ? List.of() : hits(parsed.query(), results, locale));
        if (results != null) {
            CatalogueQuery query = parsed.query();
            int page = query.page() + 1;
            model.addAttribute("page", query.page());
            model.addAttribute(
                    "previousUrl", page > 1 ? url(with(parsed.parameters(), SearchParameters.PAGE, page - 1)) : null);
            boolean more = (long) page * query.size() < results.total()
                    && (long) (page + 1) * query.size() <= CatalogueQuery.MAX_WINDOW;
            model.addAttribute(
                    "nextUrl", more ? url(with(parsed.parameters(), SearchParameters.PAGE, page + 1)) : null);
            String text = valueOr(parsed.parameters().getFirst(SearchParameters.TEXT));
            String suggestion = SearchText.corrected(text, results.corrections());
            if (suggestion != null) {
                model.addAttribute("suggestion", suggestion);
                model.addAttribute("suggestionUrl", url(withText(parsed.parameters(), suggestion)));
            }
            if (results.relaxed()) {
                List<String> dropped =
                        results.dropped().stream().map(QueryTerm::text).toList();
                model.addAttribute("relaxedKept", SearchText.without(text, dropped));
                model.addAttribute(
                        "relaxedDropped",
                        dropped.stream()
                                .map(term -> messages.getMessage("search.relaxed.term", new Object[] {term}, locale))
                                .collect(java.util.stream.Collectors.joining(", ")));
            }
        }
        return fragment ? "search/page :: area" : "search/page";
    }

    /** Autocomplete proposals as a {@code <datalist>}: empty (never an error) when Elasticsearch is down. */
    @GetMapping(PATH + "/suggestions")
    String suggestions(@RequestParam(name = "q", defaultValue = "") String prefix, Model model, Locale locale) {
        List<Suggestion> proposals = List.of();
        if (prefix.length() <= SearchParameters.MAX_TEXT) {
            Map<String, String> modalities = new LinkedHashMap<>();
            for (Vocabulary.Modality modality : Vocabulary.Modality.values()) {
                modalities.put(modality.code(), messages.getMessage(modality.messageKey(), null, locale));
            }
            try {
                proposals = search.suggest(prefix, modalities, 10);
            } catch (SearchUnavailableException e) {
                log.debug("Autocomplete unavailable: {}", e.getMessage());
            }
        }
        model.addAttribute("suggestions", proposals);
        return "search/suggestions :: suggestions";
    }

    /** A facet with its options for the page. */
    record FacetView(String parameter, String legendKey, List<OptionView> options) {}

    record OptionView(String id, String value, String label, long count, boolean checked) {}

    /** An active filter: its label and the URL of the same search without it. */
    record TagView(String label, String removeUrl) {}

    /** A result as the page shows it. */
    record HitView(
            CatalogueResults.Hit hit,
            String regionLabel,
            List<String> modalityLabels,
            String volume,
            List<String> matched) {}

    private List<FacetView> facets(SearchParameters.Parsed parsed, CatalogueResults results, Locale locale) {
        List<FacetView> views = new ArrayList<>();
        for (SearchParameters.FacetParameter facet : SearchParameters.FacetParameter.values()) {
            List<String> selected = parsed.parameters().getOrDefault(facet.parameter, List.of());
            Map<String, Long> counts = new LinkedHashMap<>();
            results.facets().getOrDefault(facet.facet, List.of()).forEach(b -> counts.put(b.value(), b.count()));
            // A chosen value stays visible (and removable) even when no site has it any more.
            selected.forEach(value -> counts.putIfAbsent(value, 0L));
            List<OptionView> options = new ArrayList<>();
            counts.forEach((value, count) -> options.add(new OptionView(
                    "f-" + facet.parameter + "-" + NOT_IN_AN_ID.matcher(value).replaceAll("_"),
                    value,
                    label(facet, value, locale),
                    count,
                    selected.contains(value))));
            if (!options.isEmpty()) {
                views.add(new FacetView(facet.parameter, "search.facet." + facet.parameter, options));
            }
        }
        return views;
    }

    private List<TagView> tags(SearchParameters.Parsed parsed, CatalogueResults results, Locale locale) {
        List<TagView> tags = new ArrayList<>();
        MultiValueMap<String, String> parameters = parsed.parameters();
        if (parsed.query() != null) {
            // Places read in the text filter like facets: each shows as a tag whose removal takes it out of the text.
            String text = valueOr(parameters.getFirst(SearchParameters.TEXT));
            for (QueryTerm term : parsed.query().terms()) {
                String label = placeLabel(term, locale);
                if (label != null && (results == null || !results.dropped().contains(term))) {
                    tags.add(new TagView(
                            label, url(withText(parameters, SearchText.without(text, List.of(term.text()))))));
                }
            }
        }
        for (SearchParameters.FacetParameter facet : SearchParameters.FacetParameter.values()) {
            for (String value : parameters.getOrDefault(facet.parameter, List.of())) {
                MultiValueMap<String, String> without = new LinkedMultiValueMap<>(parameters);
                List<String> rest = new ArrayList<>(parameters.get(facet.parameter));
                rest.remove(value);
                without.put(facet.parameter, rest);
                without.remove(SearchParameters.PAGE);
                String label = facet.valid.test(value) ? label(facet, value, locale) : value;
                tags.add(new TagView(label, url(without)));
            }
        }
        String place = parameters.getFirst(SearchParameters.PLACE);
        if (place != null) {
            MultiValueMap<String, String> without = new LinkedMultiValueMap<>(parameters);
            without.remove(SearchParameters.PLACE);
            without.remove(SearchParameters.RADIUS);
            without.remove(SearchParameters.PAGE);
            if ("distance".equals(without.getFirst(SearchParameters.SORT))) {
                without.remove(SearchParameters.SORT);
            }
            tags.add(new TagView(
                    messages.getMessage("search.tag.place", new Object[] {place, parsed.radius()}, locale),
                    url(without)));
        }
        return tags;
    }

    /** The tag of a place read in the text, or null for other terms. */
    private String placeLabel(QueryTerm term, Locale locale) {
        return switch (term) {
            case QueryTerm.Place place ->
                messages.getMessage("search.tag.place", new Object[] {place.name(), place.radiusKm()}, locale);
            case QueryTerm.Department department ->
                messages.getMessage("search.tag.department", new Object[] {department.name()}, locale);
            case QueryTerm.Concept concept
            when concept.facet() == Facet.REGIONS ->
                messages.getMessage(
                        "search.tag.region",
                        new Object[] {
                            label(
                                    SearchParameters.FacetParameter.REGIONS,
                                    concept.codes().getFirst(),
                                    locale)
                        },
                        locale);
            default -> null;
        };
    }

    /**
     * What a hit matched: the labels of its codes that the query's concepts asked for ("ADN plasmidique" found the
     * site's plasmid DNA capability), in the reader's language.
     */
    private List<String> matched(
            CatalogueQuery query, CatalogueResults results, CatalogueResults.Hit hit, Locale locale) {
        List<String> labels = new ArrayList<>();
        for (QueryTerm term : query.terms()) {
            if (term instanceof QueryTerm.Concept concept
                    && concept.facet() != Facet.REGIONS
                    && !results.dropped().contains(term)) {
                SearchParameters.FacetParameter facet = SearchParameters.FacetParameter.of(concept.facet());
                for (String code : hit.codes(concept.facet())) {
                    if (concept.codes().contains(code)) {
                        String label = label(facet, code, locale);
                        if (!labels.contains(label)) {
                            labels.add(label);
                        }
                    }
                }
            }
        }
        return labels;
    }

    private List<HitView> hits(CatalogueQuery query, CatalogueResults results, Locale locale) {
        List<HitView> views = new ArrayList<>();
        for (CatalogueResults.Hit hit : results.hits()) {
            String region = hit.regionCode() == null
                    ? null
                    : messages.getMessage(
                            Vocabulary.messageKey("region", hit.regionCode()), null, hit.regionCode(), locale);
            List<String> modalities = hit.modalities().stream()
                    .map(code -> messages.getMessage(Vocabulary.messageKey("modality", code), null, code, locale))
                    .toList();
            String volume = hit.largestVolumeLitres() > 0
                    ? BigDecimal.valueOf(hit.largestVolumeLitres())
                            .stripTrailingZeros()
                            .toPlainString()
                    : null;
            views.add(new HitView(
                    hit,
                    region,
                    modalities,
                    volume,
                    matched(query, results, hit, locale).stream()
                            .limit(MATCHES_SHOWN)
                            .toList()));
        }
        return views;
    }

    private String label(SearchParameters.FacetParameter facet, String value, Locale locale) {
        if (facet.vocabularyFacet == null) {
            return messages.getMessage(
                    "search.quarter", new Object[] {value.substring(0, 4), value.substring(6)}, value, locale);
        }
        return messages.getMessage(Vocabulary.messageKey(facet.vocabularyFacet, value), null, value, locale);
    }

    /** The parameters with another text, back to the first page. */
    private static MultiValueMap<String, String> withText(MultiValueMap<String, String> parameters, String text) {
        MultiValueMap<String, String> copy = new LinkedMultiValueMap<>(parameters);
        if (text.isBlank()) {
            copy.remove(SearchParameters.TEXT);
        } else {
            copy.put(SearchParameters.TEXT, List.of(text));
        }
        copy.remove(SearchParameters.PAGE);
        return copy;
    }

    private static MultiValueMap<String, String> with(
            MultiValueMap<String, String> parameters, String name, int value) {
        MultiValueMap<String, String> copy = new LinkedMultiValueMap<>(parameters);
        copy.put(name, List.of(Integer.toString(value)));
        return copy;
    }

    static String url(MultiValueMap<String, String> parameters) {
        // Each value form-encoded (braces, ampersands and plus signs typed by users stay data).
        java.util.StringJoiner query = new java.util.StringJoiner("&", PATH + "?", "").setEmptyValue(PATH);
        parameters.forEach((name, values) -> values.forEach(
                v -> query.add(name + "=" + java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8))));
        return query.toString();
    }

    private static String valueOr(String value) {
        return value == null ? "" : value;
    }
}
