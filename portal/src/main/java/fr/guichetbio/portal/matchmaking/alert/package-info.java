/**
 * Alerts of new matching capacity: a person's saved searches (table {@code saved_search}, the search page's query
 * string re-read by the search module) and the open briefs of their organisations (table {@code brief_alert}) are
 * checked once a day against the catalogue index with the same exact matching as the search page and the shortlist;
 * the sites that were not matched at the previous check reach each person as one digest (category {@code
 * matchmaking.digest}, table {@code alert_digest_item}). The account module exports a person's saved searches and
 * digests through {@link fr.guichetbio.portal.matchmaking.alert.SavedSearchService}.
 */
@org.springframework.modulith.NamedInterface("alert")
package fr.guichetbio.portal.matchmaking.alert;
