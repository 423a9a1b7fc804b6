package fr.guichetbio.catalogue.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The catalogue index schema: its alias, the naming of its versioned indices and its settings and mappings
 * ({@value #RESOURCE}, on the classpath). This module is the only owner of the schema.
 */
public final class CatalogueIndexSchema {

    /** The alias every reader and writer uses; it points at exactly one versioned index (its write index). */
    public static final String ALIAS = "catalogue";

    /** Schema version: bump it (and the JSON's {@code _meta.schema_version}) on an incompatible mapping change. */
    public static final int VERSION = 4;

    /**
     * How soon a write becomes searchable, as {@code catalogue-index.json} sets it. Set explicitly: left to the default,
     * a shard nobody searched for 30 s stops refreshing and the next search waits for a refresh instead.
     */
    public static final String REFRESH_INTERVAL = "1s";

    /** Prefix of the concrete indices of this schema version, e.g. {@code catalogue-v1-20261128-095500-123}. */
    public static final String INDEX_PREFIX = ALIAS + "-v" + VERSION + "-";

    /** Classpath location of the settings (analysis) and mappings, in the body format of the create-index API. */
    public static final String RESOURCE = "/fr/guichetbio/catalogue/index/catalogue-index.json";

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private CatalogueIndexSchema() {}

    /** Name of a new concrete index created at {@code instant}. */
    public static String indexName(Instant instant) {
        return INDEX_PREFIX + TIMESTAMP.format(instant);
    }

    /** Opens the create-index body ({@code settings} + {@code mappings}); the caller closes it. */
    public static Reader openSettingsAndMappings() {
        InputStream in = CatalogueIndexSchema.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("Missing classpath resource " + RESOURCE);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /** The create-index body as a string. */
    public static String settingsAndMappings() {
        try (InputStream in = CatalogueIndexSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
