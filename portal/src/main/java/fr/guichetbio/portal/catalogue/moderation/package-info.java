/**
 * Moderation: the one owner of verification levels and review states (GMP evidence and listings), the queue, register
 * extracts that confirm evidence, and the notices of rejections ({@link
 * fr.guichetbio.portal.catalogue.moderation.EvidenceRejected}, {@link
 * fr.guichetbio.portal.catalogue.moderation.ListingRejected}, handled after commit). Internal to the catalogue module.
 */
package fr.guichetbio.portal.catalogue.moderation;
