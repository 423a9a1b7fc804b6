/**
 * The CDMO catalogue: its vocabulary (the codes of the catalogue/v1 contract), the sites, capabilities, GMP evidence
 * and open slots of organisations, their import and export in the catalogue/v1 exchange format, and the outbox the
 * search indexer reads.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalogue")
package fr.guichetbio.portal.catalogue;
