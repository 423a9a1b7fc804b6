package fr.guichetbio.portal.dashboards.opendata;

import fr.guichetbio.portal.web.PublicUrls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The DCAT-AP description of the public datasets, as JSON-LD ({@code /donnees/catalogue.jsonld}): one
 * {@code dcat:Catalog}, a {@code dcat:Dataset} per dataset and a {@code dcat:Distribution} per file, with titles in
 * French and English from the message bundles. The contact point is the portal, not a person.
 */
@Component
class DcatCatalogue {

    static final String MEDIA_TYPES = "https://www.iana.org/assignments/media-types/";
    static final String FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/";
    static final String FREQUENCIES = "http://publications.europa.eu/resource/authority/frequency/";

    private static final Locale[] LANGUAGES = {Locale.FRENCH, Locale.ENGLISH};

    private final PublicUrls urls;
    private final MessageSource messages;

    DcatCatalogue(PublicUrls urls, MessageSource messages) {
        this.urls = urls;
        this.messages = messages;
    }

    Map<String, Object> describe(List<OpenDatasets.Listed> datasets) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("dcat", "http://www.w3.org/ns/dcat#");
        context.put("dct", "http://purl.org/dc/terms/");
        context.put("foaf", "http://xmlns.com/foaf/0.1/");
        context.put("vcard", "http://www.w3.org/2006/vcard/ns#");
        context.put("xsd", "http://www.w3.org/2001/XMLSchema#");
        context.put("dct:modified", Map.of("@type", "xsd:dateTime"));
        context.put("dct:issued", Map.of("@type", "xsd:dateTime"));
        context.put("dcat:byteSize", Map.of("@type", "xsd:nonNegativeInteger"));
        for (String reference : List.of(
                "dcat:downloadURL",
                "dcat:accessURL",
                "dcat:landingPage",
                "dct:license",
                "dct:format",
                "dcat:mediaType",
                "dct:accrualPeriodicity",
                "foaf:homepage",
                "vcard:hasURL")) {
            context.put(reference, Map.of("@type", "@id"));
        }

        Map<String, Object> catalog = new LinkedHashMap<>();
        catalog.put("@context", context);
        catalog.put("@id", urls.of("/donnees/catalogue.jsonld"));
        catalog.put("@type", "dcat:Catalog");
        catalog.put("dct:title", translations("opendata.catalogue.title"));
        catalog.put("dct:description", translations("opendata.catalogue.description"));
        catalog.put("dct:publisher", publisher());
        catalog.put("dct:license", OpenLicence.URL);
        catalog.put("foaf:homepage", urls.of("/donnees"));
        datasets.stream()
                .map(OpenDatasets.Listed::modified)
                .max(java.util.Comparator.naturalOrder())
                .ifPresent(modified -> catalog.put("dct:modified", modified.toString()));
        List<Map<String, Object>> entries = new ArrayList<>();
        for (OpenDatasets.Listed stored : datasets) {
            entries.add(dataset(stored));
        }
        catalog.put("dcat:dataset", entries);
        return catalog;
    }

    private Map<String, Object> dataset(OpenDatasets.Listed stored) {
        String slug = stored.dataset().slug();
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("@id", urls.of("/donnees#" + slug));
        dataset.put("@type", "dcat:Dataset");
        dataset.put("dct:identifier", slug);
        dataset.put("dct:title", translations("opendata.dataset." + slug + ".title"));
        dataset.put("dct:description", translations("opendata.dataset." + slug + ".description"));
        dataset.put("dct:modified", stored.modified().toString());
        dataset.put("dct:license", OpenLicence.URL);
        dataset.put("dct:publisher", publisher());
        dataset.put("dct:accrualPeriodicity", FREQUENCIES + "DAILY");
        dataset.put("dcat:landingPage", urls.of("/donnees"));
        dataset.put("dcat:keyword", List.of("bioproduction"));
        dataset.put(
                "dcat:contactPoint",
                Map.of(
                        "@type",
                        "vcard:Organization",
                        "vcard:fn",
                        "Guichet Bioproduction",
                        "vcard:hasURL",
                        urls.of("/")));
        dataset.put(
                "dcat:distribution",
                List.of(
                        distribution(stored, "csv", "text/csv", "CSV", stored.csvBytes()),
                        distribution(stored, "json", "application/json", "JSON", stored.jsonBytes())));
        return dataset;
    }

    private Map<String, Object> distribution(
            OpenDatasets.Listed stored, String extension, String mediaType, String fileType, long bytes) {
        String url = urls.of("/donnees/" + stored.dataset().slug() + "." + extension);
        Map<String, Object> distribution = new LinkedHashMap<>();
        distribution.put("@id", url);
        distribution.put("@type", "dcat:Distribution");
        distribution.put("dct:title", fileType);
        distribution.put("dcat:downloadURL", url);
        distribution.put("dcat:accessURL", url);
        distribution.put("dcat:mediaType", MEDIA_TYPES + mediaType);
        distribution.put("dct:format", FILE_TYPES + fileType);
        distribution.put("dct:license", OpenLicence.URL);
        distribution.put("dct:modified", stored.modified().toString());
        distribution.put("dcat:byteSize", bytes);
        return distribution;
    }

    private static Map<String, Object> publisher() {
        return Map.of("@type", "foaf:Agent", "foaf:name", "Guichet Bioproduction");
    }

    private List<Map<String, String>> translations(String key) {
        List<Map<String, String>> values = new ArrayList<>();
        for (Locale language : LANGUAGES) {
            values.add(Map.of("@value", messages.getMessage(key, null, language), "@language", language.getLanguage()));
        }
        return values;
    }
}
