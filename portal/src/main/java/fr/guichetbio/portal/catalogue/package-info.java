/**
 * The CDMO catalogue: sites, capabilities, GMP evidence and open slots of organisations ({@code listing}), their
 * moderation ({@code moderation}), their import and export in the catalogue/v1 exchange format ({@code exchange},
 * a named interface for the API) and the contract's codes ({@code vocabulary}, a named interface for search). Its API
 * at this package: the {@link fr.guichetbio.portal.catalogue.Outbox} the search indexer reads (the one writer of table
 * {@code outbox}), the {@link fr.guichetbio.portal.catalogue.SiteDocuments} it indexes, the catalogue/v1 records and
 * the sites a person's account touched. It re-queues an organisation's sites when the organisation changes.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Catalogue",
        allowedDependencies = {"audit", "document", "identity", "notification", "organisation", "web"})
package fr.guichetbio.portal.catalogue;
