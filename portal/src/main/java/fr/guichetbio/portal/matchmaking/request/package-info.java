/**
 * Requests from a brief to manufacturers and their threads ({@link
 * fr.guichetbio.portal.matchmaking.request.RequestService}): the API module reads and answers them for API clients.
 */
@org.springframework.modulith.NamedInterface("request")
package fr.guichetbio.portal.matchmaking.request;
