/**
 * Sites and their capabilities, GMP evidence, certificates and open slots: the repository of the catalogue tables,
 * their batched writes, the snapshots of every version, and the listing editor of an organisation's members.
 * Internal to the catalogue module.
 */
package fr.guichetbio.portal.catalogue.listing;
