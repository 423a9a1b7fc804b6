/** The moderators' pages: the queue and its decisions, the register extract import. */
package fr.guichetbio.portal.catalogue.moderation.web;
