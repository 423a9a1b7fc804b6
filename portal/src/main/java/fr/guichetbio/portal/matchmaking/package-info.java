/**
 * Matchmaking between sponsors and manufacturers (issue 14). For now its first step: the capacity sizing calculator
 * ({@code /mise-en-relation/dimensionnement}, {@code /api/dimensionnement}), public and stateless, whose Spring-free
 * domain lives in {@code sizing}. Briefs, shortlists and requests come next; they will read the catalogue only through
 * its API and keep their tables and Liquibase changes in {@code db/changelog/matchmaking/}.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Matchmaking",
        allowedDependencies = {})
package fr.guichetbio.portal.matchmaking;
