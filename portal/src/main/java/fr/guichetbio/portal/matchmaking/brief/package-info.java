/** Briefs, their rules and their shortlists: the brief's content and rules are read by the API module's request views. */
@org.springframework.modulith.NamedInterface("brief")
package fr.guichetbio.portal.matchmaking.brief;
