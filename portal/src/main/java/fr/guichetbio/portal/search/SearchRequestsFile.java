package fr.guichetbio.portal.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonpUtils;
import fr.guichetbio.catalogue.index.search.CatalogueSearch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Writes, for each search text of a file (one a line), the JSON body of the first Elasticsearch request that {@code GET
 * /api/search?q=<text>} sends, one body a line, so that a benchmark replays exactly the portal's requests: {@code java
 * -cp portal.jar -Dloader.main=fr.guichetbio.portal.search.SearchRequestsFile
 * org.springframework.boot.loader.launch.PropertiesLauncher queries.txt bodies.ndjson [facettes=non]}. Same path as the
 * API ({@link SearchParameters#parse}, then {@link CatalogueSearch#request}), without Spring nor Elasticsearch. The
 * relaxation and spelling requests the search sends when few sites match depend on the answer and are not written.
 */
public final class SearchRequestsFile {

    private SearchRequestsFile() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("Usage: SearchRequestsFile <queries.txt> <bodies.ndjson> [name=value URL parameters]");
            System.exit(2);
        }
        List<String> texts = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .toList();
        List<String> parameters = List.of(args).subList(2, args.length);
        Files.write(Path.of(args[1]), bodies(texts, parameters), StandardCharsets.UTF_8);
        System.out.println("Wrote " + texts.size() + " search request bodies to " + args[1]);
    }

    /** The body of the API's first request for each text, with the other URL {@code parameters} ("name=value"). */
    static List<String> bodies(List<String> texts, List<String> parameters) {
        Gazetteer gazetteer = new Gazetteer();
        QueryInterpreter interpreter = new QueryInterpreter(gazetteer);
        // The client only serialises: no connection is ever opened.
        try (ElasticsearchClient client = ElasticsearchClient.of(b -> b.host("http://127.0.0.1:1"))) {
            CatalogueSearch search = new CatalogueSearch(client);
            return texts.stream()
                    .map(text -> {
                        MultiValueMap<String, String> raw = new LinkedMultiValueMap<>();
                        raw.add(SearchParameters.TEXT, text);
                        parameters.forEach(
                                p -> raw.add(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1)));
                        SearchParameters.Parsed parsed = SearchParameters.parse(raw, gazetteer, interpreter);
                        if (!parsed.problems().isEmpty()) {
                            throw new IllegalArgumentException(text + ": " + parsed.problems());
                        }
                        return JsonpUtils.toJsonString(search.request(parsed.query()), client._jsonpMapper());
                    })
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
