/**
 * Matchmaking between sponsors and manufacturers (issue 14): the capacity sizing calculator ({@code
 * /mise-en-relation/dimensionnement}, {@code /api/dimensionnement}), public and stateless, whose Spring-free domain
 * lives in {@code sizing}; a sponsor organisation's briefs ({@code brief}, table {@code brief}, changes in {@code
 * db/changelog/matchmaking/}) and their shortlists, computed by the catalogue index's {@code Shortlister} — the
 * catalogue is read through the index, never through its tables; requests and replies ({@code request}); alerts of
 * new matching capacity for saved searches and open briefs, sent as a daily digest ({@code alert}).
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Matchmaking",
        allowedDependencies = {
            "audit",
            "identity",
            "organisation",
            "search",
            "catalogue :: vocabulary",
            "document",
            "notification",
            "web"
        })
package fr.guichetbio.portal.matchmaking;
