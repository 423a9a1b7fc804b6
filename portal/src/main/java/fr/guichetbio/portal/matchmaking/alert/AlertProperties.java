package fr.guichetbio.portal.matchmaking.alert;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The alerts' settings ({@code guichet.alerts.*}). The digest's schedule is {@code guichet.alerts.digest-cron}
 * (Spring cron, Europe/Paris; default {@value AlertDigests#DEFAULT_CRON}, "-" turns it off), read by the
 * {@code @Scheduled} job itself.
 *
 * @param maxSavedSearches how many searches one person may save
 * @param sitesPerAlert the most site keys one check compares (one Elasticsearch request); a broader search is cut at
 *     that many, the smallest keys first, and keys beyond the last one known are not reported as new
 */
@ConfigurationProperties("guichet.alerts")
public record AlertProperties(
        @DefaultValue("20") int maxSavedSearches,
        @DefaultValue("1000") int sitesPerAlert) {

    public AlertProperties {
        if (maxSavedSearches < 1) {
            throw new IllegalArgumentException("guichet.alerts.max-saved-searches must be at least 1");
        }
        fr.guichetbio.catalogue.index.search.MatchingSites.checkLimit(sitesPerAlert);
    }
}
