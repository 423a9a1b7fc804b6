package fr.guichetbio.portal.catalogue.listing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * The public documents derived from the whole catalogue (the exports, the sitemap), served with an {@code ETag} and a
 * {@code Last-Modified} and built once per catalogue state, not on every request.
 *
 * <p>The validator is a digest of every organisation's and site's identity and version, read in one query (a few
 * milliseconds for ten thousand sites, against seconds to build an export): every change to what the public sees
 * bumps a site's or an organisation's version (the search index relies on it too), a status change or a removal
 * changes the set. {@code Last-Modified} is the database's clock when this portal first saw that state (the
 * database's clock: the same for every replica). A conditional GET that matches answers 304 without building
 * anything.
 *
 * <p>The built bodies are a cache of derivable data, per portal instance and bounded (one body per document; a few
 * documents), never the truth: a replica that restarts rebuilds them on the first request.
 */
@Component
public class PublicDocuments {

    /** Bodies kept at most (the exports and the sitemap, once per public base URL). */
    static final int MAX_BODIES = 16;

    /** The catalogue's state as seen now: its validator and since when this instance has seen it. */
    public record Stamp(String validator, Instant seenAt) {

        String etag() {
            return "\"" + validator + "\"";
        }
    }

    private record Body(String validator, byte[] content) {}

    private final JdbcClient jdbc;
    private final Map<String, Body> bodies = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private volatile Stamp last;

    PublicDocuments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The document {@code name}: empty when the request's {@code If-None-Match} / {@code If-Modified-Since} match
     * (the response is then a 304 with its validators, nothing else to write), else its body, built by
     * {@code build} only when the catalogue changed since it was last built. The validators and a {@code Cache-Control}
     * that lets clients keep it and ask again are set on the response either way.
     */
    public Optional<byte[]> conditional(ServletWebRequest request, String name, Supplier<byte[]> build) {
        Stamp stamp = stamp();
        if (request.getResponse() != null) {
            request.getResponse()
                    .setHeader(
                            HttpHeaders.CACHE_CONTROL,
                            CacheControl.noCache().cachePublic().getHeaderValue());
        }
        if (request.checkNotModified(stamp.etag(), stamp.seenAt().toEpochMilli())) {
            return Optional.empty();
        }
        return Optional.of(body(name, stamp, build));
    }

    /** The catalogue's current state: one query, no document built. */
    Stamp stamp() {
        Stamp now = jdbc.sql("""
                        select md5(coalesce(string_agg(line, ',' order by line), '')
                                   || (select count(*) || '.' || coalesce(max(id), 0) from capability)),
                               date_trunc('second', statement_timestamp())
                          from (select 'o' || id || '.' || version || '.' || status || '.' || slug as line
                                  from organisation
                                union all
                                select 'p' || organisation_id || '.' || version || '.' || coalesce(catalogue_key, '')
                                  from catalogue_profile
                                union all
                                select 's' || id || '.' || version || '.' || organisation_id from site) lines
                        """)
                .query((rs, n) -> new Stamp(
                        rs.getString(1), rs.getTimestamp(2).toInstant().truncatedTo(ChronoUnit.SECONDS)))
                .single();
        Stamp seen = last;
        if (seen != null && seen.validator().equals(now.validator())) {
            return seen;
        }
        last = now;
        return now;
    }

    private byte[] body(String name, Stamp stamp, Supplier<byte[]> build) {
        Body cached = bodies.get(name);
        if (cached != null && cached.validator().equals(stamp.validator())) {
            return cached.content();
        }
        // One build per document at a time: concurrent requests after a change wait for it instead of each building.
        synchronized (locks.computeIfAbsent(name, key -> new Object())) {
            cached = bodies.get(name);
            if (cached != null && cached.validator().equals(stamp.validator())) {
                return cached.content();
            }
            byte[] content = build.get();
            if (bodies.size() >= MAX_BODIES && !bodies.containsKey(name)) {
                // Keyed partly by the request (the sitemap's base URL): bounded, whatever callers send.
                bodies.clear();
                locks.clear();
            }
            bodies.put(name, new Body(stamp.validator(), content));
            return content;
        }
    }
}
