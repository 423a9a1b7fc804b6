/**
 * The catalogue/v1 exchange format: import (validation, trust rules, batched writes, background jobs, the command
 * line and the demo data) and export. {@link fr.guichetbio.portal.catalogue.exchange.CatalogueImport} and
 * {@link fr.guichetbio.portal.catalogue.exchange.CatalogueImportJobs} are what the API module calls.
 */
@org.springframework.modulith.NamedInterface("exchange")
package fr.guichetbio.portal.catalogue.exchange;
