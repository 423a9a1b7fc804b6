/**
 * Catalogue search for people and machines: the search page ({@code /recherche}) with facets, a place and radius,
 * autocomplete, and the same results as JSON ({@code /api/search}); served by Elasticsearch through the typed query
 * API of the {@code catalogue-index} library. When Elasticsearch is down the pages say so and point to the browse
 * pages, which read PostgreSQL.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Search",
        allowedDependencies = {"catalogue :: vocabulary", "web"})
package fr.guichetbio.portal.search;
