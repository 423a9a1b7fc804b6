package fr.guichetbio.portal.dashboards.opendata;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The public datasets ({@code guichet.open-data.*}).
 *
 * @param smallCellThreshold counts below it are hidden in the aggregated datasets (with complementary suppression)
 * @param refreshCron when the datasets are regenerated, Europe/Paris time (each replica's scheduler fires; one does
 *     the work)
 * @param minimumInterval a replica skips the refresh when the datasets were generated less than this long ago: the
 *     other replicas' runs of the same night
 */
@Validated
@ConfigurationProperties("guichet.open-data")
record OpenDataProperties(
        @DefaultValue("5") @Min(1) int smallCellThreshold,
        @DefaultValue("0 20 3 * * *") @NotBlank String refreshCron,
        @DefaultValue("PT12H") @NotNull Duration minimumInterval) {}
