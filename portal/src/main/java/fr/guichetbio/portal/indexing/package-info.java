/**
 * The search index as a projection of the catalogue: the outbox worker that keeps it fresh within seconds (with
 * back-off while Elasticsearch is away and a dead-letter list for documents it refuses), full rebuilds behind the
 * alias (admin page, command line, automatically when the index is empty) and the back office's index page.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Indexing",
        allowedDependencies = {"catalogue", "identity"})
package fr.guichetbio.portal.indexing;
