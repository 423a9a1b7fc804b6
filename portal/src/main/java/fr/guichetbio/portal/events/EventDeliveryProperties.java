package fr.guichetbio.portal.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How incomplete event publications are retried and how long completed ones are kept ({@code guichet.events.*}).
 *
 * @param resubmitAfter an incomplete publication older than this is handed to its listener again (long enough that a
 *     listener still running on another replica is not doubled; listeners are idempotent all the same)
 * @param checkEvery how often incomplete publications are looked for
 * @param keepCompleted how long completed publications stay in the table, for inspection
 */
@ConfigurationProperties("guichet.events")
@Validated
record EventDeliveryProperties(
        @DefaultValue("2m") Duration resubmitAfter,
        @DefaultValue("1m") Duration checkEvery,
        @DefaultValue("7d") Duration keepCompleted) {}
