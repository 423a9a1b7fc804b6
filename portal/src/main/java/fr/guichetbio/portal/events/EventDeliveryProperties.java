package fr.guichetbio.portal.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How failed event publications are retried and how long completed ones are kept ({@code guichet.events.*}).
 *
 * @param resubmitAfter a failed publication is handed to its listener again once published longer ago than this
 * @param checkEvery how often failed publications are looked for
 * @param keepCompleted how long completed publications stay in the table, for inspection
 */
@ConfigurationProperties("guichet.events")
@Validated
record EventDeliveryProperties(
        @DefaultValue("2m") Duration resubmitAfter,
        @DefaultValue("1m") Duration checkEvery,
        @DefaultValue("7d") Duration keepCompleted) {}
