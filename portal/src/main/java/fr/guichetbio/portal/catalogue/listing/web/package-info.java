/**
 * The catalogue's pages: the public browse and site pages, the organisation page's section of sites, and the listing
 * editor's pages.
 */
package fr.guichetbio.portal.catalogue.listing.web;
