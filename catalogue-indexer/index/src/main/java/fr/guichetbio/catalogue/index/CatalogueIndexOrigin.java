package fr.guichetbio.catalogue.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.indices.get_mapping.IndexMappingRecord;
import co.elastic.clients.json.JsonData;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which database filled an index: an id kept in the index's mapping {@code _meta} ({@value #META_KEY}). Document
 * versions are the database's site versions; an index filled from another database (recreated while Elasticsearch
 * kept its data) holds versions that would refuse every new write, so it must be rebuilt rather than updated.
 */
public class CatalogueIndexOrigin {

    /** The {@code _meta} key of the origin id. */
    public static final String META_KEY = "catalogue_database";

    private final ElasticsearchClient client;

    public CatalogueIndexOrigin(ElasticsearchClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The origin stamped on {@code index} (a concrete index or the alias), if any. */
    public Optional<String> read(String index) throws IOException {
        for (IndexMappingRecord record :
                client.indices().getMapping(g -> g.index(index)).mappings().values()) {
            TypeMapping mappings = record.mappings();
            if (mappings != null && mappings.meta().containsKey(META_KEY)) {
                return Optional.of(mappings.meta().get(META_KEY).to(String.class));
            }
        }
        return Optional.empty();
    }

    /** Stamps {@code origin} on the concrete {@code index}, keeping the rest of its {@code _meta}. */
    public void stamp(String index, String origin) throws IOException {
        Map<String, JsonData> meta = new HashMap<>();
        for (IndexMappingRecord record :
                client.indices().getMapping(g -> g.index(index)).mappings().values()) {
            if (record.mappings() != null) {
                meta.putAll(record.mappings().meta());
            }
        }
        meta.put(META_KEY, JsonData.of(origin));
        client.indices().putMapping(p -> p.index(index).meta(meta));
    }
}
