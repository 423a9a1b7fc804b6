package fr.guichetbio.catalogue.index.search;

import java.util.List;

/**
 * The sites a search or a need matches, by key (ascending), without ranking: what an alert compares from one check to
 * the next ({@link CatalogueSearch#matching}, {@code Shortlister.matching}).
 *
 * @param total how many sites match, beyond the ones listed too
 * @param sites at most the limit asked for, the smallest keys first
 */
public record MatchingSites(long total, List<Site> sites) {

    /** The most sites one request lists: Elasticsearch's default result window. */
    public static final int MAX_LIMIT = CatalogueQuery.MAX_WINDOW;

    public MatchingSites {
        sites = List.copyOf(sites);
    }

    /** A matching site: its key and what a digest names it by. */
    public record Site(String key, String name, String city) {}

    /** Whether every matching site is listed (the limit was not reached). */
    public boolean complete() {
        return sites.size() >= total;
    }

    /** The keys listed, in order. */
    public List<String> keys() {
        return sites.stream().map(Site::key).toList();
    }

    /** Refuses a limit Elasticsearch could not answer. */
    public static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT + ": " + limit);
        }
    }
}
