package fr.guichetbio.portal.search;

import fr.guichetbio.catalogue.index.SiteDocument;
import fr.guichetbio.catalogue.index.search.CatalogueQuery;
import fr.guichetbio.catalogue.index.search.Facet;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The URL parameters of the search page and API, one per piece of state (so that a URL is a bookmarkable search), and
 * their translation into a {@link CatalogueQuery}. Invalid values are reported per parameter, never ignored silently.
 */
final class SearchParameters {

    static final String TEXT = "q";
    static final String PLACE = "lieu";
    static final String RADIUS = "rayon";
    static final String SORT = "tri";
    static final String PAGE = "page";
    static final String SIZE = "taille";
    /** "non": no facet counts (API callers that show none save most of a request's cost). */
    static final String FACETS = "facettes";

    static final int MAX_TEXT = 200;
    static final List<Integer> RADII = List.of(10, 25, 50, 100, 200);
    static final int DEFAULT_RADIUS = 50;

    private static final Pattern QUARTER = Pattern.compile("\\d{4}-Q[1-4]");

    /** A facet as the pages show it: its URL parameter, the vocabulary facet labelling its values, its valid values. */
    enum FacetParameter {
        MODALITIES(
                Facet.MODALITIES,
                "modalite",
                "modality",
                codes(Vocabulary.Modality.values()),
                "Modality codes (MAB, AAV, MRNA_LNP…); several = any of them"),
        SERVICES(
                Facet.SERVICES,
                "service",
                "service",
                codes(Vocabulary.Service.values()),
                "Service codes (FILL_FINISH, UPSTREAM…)"),
        STAGES(Facet.STAGES, "stade", "stage", codes(Vocabulary.Stage.values()), "Development stages served"),
        EXPRESSION_SYSTEMS(
                Facet.EXPRESSION_SYSTEMS,
                "systeme",
                "expressionSystem",
                codes(Vocabulary.ExpressionSystem.values()),
                "Expression system codes (CHO, HEK293, E_COLI…)"),
        TECHNOLOGIES(
                Facet.TECHNOLOGIES,
                "technologie",
                "technology",
                codes(Vocabulary.Technology.values()),
                "Production technology codes (PAT_ONLINE_CONTROL, CONTINUOUS_UPSTREAM,"
                        + " PROCESS_MODELLING_DIGITAL_TWIN…)"),
        SCALE_BANDS(
                Facet.SCALE_BANDS,
                "echelle",
                "scaleBand",
                Set.copyOf(SiteDocument.SCALE_BANDS)::contains,
                "Scale bands of the bioreactors"),
        VERIFICATION(
                Facet.VERIFICATION,
                "verification",
                "verification",
                codes(Vocabulary.VerificationLevel.values()),
                "Best GMP verification level of the site"),
        REGIONS(
                Facet.REGIONS,
                "region",
                "region",
                codes(Vocabulary.Region.values()),
                "INSEE region codes (11 = Île-de-France, 84 = Auvergne-Rhône-Alpes…)"),
        ORGANISATION_KINDS(
                Facet.ORGANISATION_KINDS,
                "type",
                "catalogueKind",
                codes(Vocabulary.CatalogueKind.values()),
                "Organisation kinds (CDMO, CMO, CRO, ACADEMIC_PLATFORM…)"),
        AVAILABILITY_QUARTERS(
                Facet.AVAILABILITY_QUARTERS,
                "trimestre",
                null,
                value -> QUARTER.matcher(value).matches(),
                "Quarters with an open slot, e.g. 2027-Q1");

        final Facet facet;
        final String parameter;
        /** The facet of the values' label keys ({@code Vocabulary.messageKey}); null for quarters ({@code search.quarter}). */
        final String vocabularyFacet;

        final Predicate<String> valid;
        /** What the API documentation says of it. */
        final String description;

        FacetParameter(
                Facet facet, String parameter, String vocabularyFacet, Predicate<String> valid, String description) {
            this.facet = facet;
            this.parameter = parameter;
            this.vocabularyFacet = vocabularyFacet;
            this.valid = valid;
            this.description = description;
        }

        static FacetParameter of(Facet facet) {
            for (FacetParameter parameter : values()) {
                if (parameter.facet == facet) {
                    return parameter;
                }
            }
            throw new IllegalArgumentException(facet.name());
        }
    }

    /** The sort orders as written in URLs. */
    static final Map<String, CatalogueQuery.Sort> SORTS = new LinkedHashMap<>(Map.of());

    static {
        SORTS.put("pertinence", CatalogueQuery.Sort.RELEVANCE);
        SORTS.put("distance", CatalogueQuery.Sort.DISTANCE);
        SORTS.put("volume", CatalogueQuery.Sort.VOLUME);
        SORTS.put("disponibilite", CatalogueQuery.Sort.AVAILABILITY);
    }

    /** An invalid parameter: its name and the message key saying why. */
    record Problem(String parameter, String messageKey, String detail) {}

    /**
     * The parsed parameters.
     *
     * @param query the query, or null when a parameter is invalid
     * @param place the commune found for {@link #PLACE}, or null
     */
    record Parsed(
            MultiValueMap<String, String> parameters,
            CatalogueQuery query,
            Gazetteer.Place place,
            String sortParameter,
            int radius,
            List<Problem> problems) {}

    private SearchParameters() {}

    static Parsed parse(MultiValueMap<String, String> raw, Gazetteer gazetteer, QueryInterpreter interpreter) {
        MultiValueMap<String, String> parameters = clean(raw);
        List<Problem> problems = new ArrayList<>();
        String text = parameters.getFirst(TEXT) == null ? "" : parameters.getFirst(TEXT);
        if (text.length() > MAX_TEXT) {
            problems.add(new Problem(TEXT, "search.error.text", "at most " + MAX_TEXT + " characters"));
        }
        Map<Facet, List<String>> filters = new EnumMap<>(Facet.class);
        for (FacetParameter facet : FacetParameter.values()) {
            List<String> values = parameters.getOrDefault(facet.parameter, List.of());
            List<String> invalid = values.stream().filter(facet.valid.negate()).toList();
            if (!invalid.isEmpty()) {
                problems.add(new Problem(facet.parameter, "search.error.value", "unknown value(s) " + invalid));
            }
            filters.put(facet.facet, values);
        }
        int radius = integer(parameters, RADIUS, DEFAULT_RADIUS, problems);
        if (!RADII.contains(radius)) {
            problems.add(new Problem(RADIUS, "search.error.radius", "one of " + RADII));
        }
        Gazetteer.Place place = null;
        String placeText = parameters.getFirst(PLACE);
        if (placeText != null) {
            place = gazetteer.find(placeText).orElse(null);
            if (place == null) {
                problems.add(new Problem(PLACE, "search.error.place", "unknown French commune or postal code"));
            }
        }
        String sortParameter = parameters.getFirst(SORT) == null ? "pertinence" : parameters.getFirst(SORT);
        CatalogueQuery.Sort sort = SORTS.get(sortParameter);
        if (sort == null) {
            problems.add(new Problem(SORT, "search.error.sort", "one of " + SORTS.keySet()));
        } else if (sort == CatalogueQuery.Sort.DISTANCE && placeText == null) {
            problems.add(new Problem(SORT, "search.error.sortDistance", "sorting by distance needs " + PLACE));
        }
        String facets = parameters.getFirst(FACETS) == null ? "oui" : parameters.getFirst(FACETS);
        if (!facets.equals("oui") && !facets.equals("non")) {
            problems.add(new Problem(FACETS, "search.error.facets", "oui or non"));
        }
        int page = integer(parameters, PAGE, 1, problems);
        int size = integer(parameters, SIZE, CatalogueQuery.DEFAULT_SIZE, problems);
        if (size < 1 || size > CatalogueQuery.MAX_SIZE) {
            problems.add(new Problem(SIZE, "search.error.size", "between 1 and " + CatalogueQuery.MAX_SIZE));
        } else if (page < 1 || (long) page * size > CatalogueQuery.MAX_WINDOW) {
            problems.add(new Problem(PAGE, "search.error.page", "between 1 and " + CatalogueQuery.MAX_WINDOW / size));
        }
        CatalogueQuery query = null;
        if (problems.isEmpty()) {
            CatalogueQuery.Near near = place == null ? null : new CatalogueQuery.Near(place.lat(), place.lon(), radius);
            query = new CatalogueQuery(
                    interpreter.interpret(text), filters, near, sort, page - 1, size, !facets.equals("non"));
        }
        return new Parsed(parameters, query, place, sortParameter, radius, List.copyOf(problems));
    }

    /** Every parameter the page and the API read (the API documentation test checks the description against it). */
    static Set<String> names() {
        Set<String> known = new java.util.HashSet<>(List.of(TEXT, PLACE, RADIUS, SORT, PAGE, SIZE, FACETS));
        Arrays.stream(FacetParameter.values()).forEach(f -> known.add(f.parameter));
        return known;
    }

    /**
     * Every parameter as the API's OpenAPI description shows it, in the order of the page's form: described here, next
     * to the rules that read them (the closed lists and bounds are those the parsing checks).
     */
    static List<Parameter> documentation() {
        List<Parameter> documented = new ArrayList<>();
        documented.add(
                query(TEXT, string().maxLength(MAX_TEXT), """
                        Free text, French or English (synonyms, typos, accents), read as conditions that every \
                        result meets: catalogue concepts as units ('thérapie génique', 'ADN plasmidique', \
                        'fill finish': any of their codes), a town (sites within 50 km or in it), a \
                        department, region or postal code, a volume ('2000 L': a bioreactor at least that \
                        large), a stage ('clinique', 'commercial'), 'GMP'; other words must all match names \
                        and descriptions, each tolerant of a typo; filler ('de', 'pour', 'site', 'CDMO') is \
                        ignored. The answer's 'terms' says how the text was read. When no site meets every \
                        part, the results meet as many as possible and 'droppedTerms' names the parts left \
                        out.""").example("anticorps monoclonaux 2000L commercial"));
        for (FacetParameter facet : FacetParameter.values()) {
            Schema<String> value = string();
            switch (facet) {
                case STAGES -> value.setEnum(coded(Vocabulary.Stage.values()));
                case SCALE_BANDS -> value.setEnum(SiteDocument.SCALE_BANDS);
                case VERIFICATION -> value.setEnum(coded(Vocabulary.VerificationLevel.values()));
                case REGIONS -> value.setPattern("^\\d{2}$");
                case AVAILABILITY_QUARTERS -> value.setPattern("^" + QUARTER.pattern() + "$");
                default -> {}
            }
            Parameter parameter = query(
                            facet.parameter, new JsonSchema().typesItem("array").items(value), facet.description)
                    .explode(true);
            documented.add(facet == FacetParameter.REGIONS ? parameter.example("84") : parameter);
        }
        documented.add(query(
                        PLACE,
                        string(),
                        "A French commune name or 5-digit postal code: only sites within '" + RADIUS
                                + "' km of its centre")
                .example("Lyon"));
        documented.add(query(
                RADIUS,
                integer()._enum(RADII.stream().map(r -> (Number) r).toList())._default(DEFAULT_RADIUS),
                "Radius in km around '" + PLACE + "'"));
        documented.add(query(
                SORT,
                string()._enum(List.copyOf(SORTS.keySet()))._default("pertinence"),
                "Sort order; 'distance' needs '" + PLACE + "'"));
        documented.add(query(
                FACETS,
                string()._enum(List.of("oui", "non"))._default("oui"),
                "'non' skips the facet counts ('facets' is then empty): a cheaper call for clients that do not show"
                        + " them"));
        documented.add(query(PAGE, integer().minimum(BigDecimal.ONE)._default(1), "1-based page"));
        documented.add(query(
                SIZE,
                integer()
                        .minimum(BigDecimal.ONE)
                        .maximum(BigDecimal.valueOf(CatalogueQuery.MAX_SIZE))
                        ._default(CatalogueQuery.DEFAULT_SIZE),
                "Results per page (page × " + SIZE + " ≤ "
                        + String.format(Locale.ROOT, "%,d", CatalogueQuery.MAX_WINDOW) + ")"));
        return documented;
    }

    private static Parameter query(String name, Schema<?> schema, String description) {
        return new Parameter().in("query").name(name).schema(schema).description(description);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<String> string() {
        return (Schema) new JsonSchema().typesItem("string");
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<Number> integer() {
        return (Schema) new JsonSchema().typesItem("integer");
    }

    private static List<String> coded(Vocabulary.Coded[] values) {
        return Arrays.stream(values).map(Vocabulary.Coded::code).toList();
    }

    /** The known parameters only, blank values dropped: what every link of the page carries on. */
    static MultiValueMap<String, String> clean(MultiValueMap<String, String> raw) {
        Set<String> known = names();
        MultiValueMap<String, String> clean = new LinkedMultiValueMap<>();
        raw.forEach((name, values) -> {
            if (known.contains(name) && values != null) {
                values.stream()
                        .filter(v -> v != null && !v.isBlank())
                        .map(String::strip)
                        .distinct()
                        .forEach(v -> clean.add(name, v));
            }
        });
        return clean;
    }

    private static int integer(
            MultiValueMap<String, String> parameters, String name, int fallback, List<Problem> problems) {
        String value = parameters.getFirst(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            problems.add(new Problem(name, "search.error.number", "a whole number"));
            return fallback;
        }
    }

    private static Predicate<String> codes(Vocabulary.Coded[] values) {
        Set<String> codes = Arrays.stream(values).map(Vocabulary.Coded::code).collect(Collectors.toSet());
        return codes::contains;
    }
}
