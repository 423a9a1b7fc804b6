/**
 * The codes of the catalogue/v1 contract (modalities, services, stages, regions, verification levels...) with their
 * message keys, and the checksums of French company numbers. Used by the search module's facets and parameters.
 */
@org.springframework.modulith.NamedInterface("vocabulary")
package fr.guichetbio.portal.catalogue.vocabulary;
