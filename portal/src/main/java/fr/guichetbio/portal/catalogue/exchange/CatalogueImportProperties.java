package fr.guichetbio.portal.catalogue.exchange;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The limits of catalogue imports from the web ({@code guichet.catalogue.import-limits.*}): the API and the import
 * pages. The command line ({@code guichet.catalogue.import=file}, hence not that prefix) is an operator's and has none.
 *
 * @param maxDocumentSize the largest document read (API body or uploaded file); larger ones are refused with 413
 *     before they are parsed. A 10,000-site catalogue is about 14 MB; its parsed tree about ten times that in memory.
 * @param maxSites the most sites one document may describe; more is refused with 422 (split the document)
 * @param maxJobsPerOrganisation imports of one organisation (or of the back office) in progress at once, running or
 *     queued, across all replicas; another is refused with 429 until one ends
 * @param maxJobs imports in progress at once in total, across all replicas; another is refused with 503
 * @param jobThreads background imports run at once by one portal instance (the others wait in its queue, at most
 *     {@code maxJobs})
 */
@Validated
@ConfigurationProperties("guichet.catalogue.import-limits")
public record CatalogueImportProperties(
        @NotNull @DefaultValue("24MB") DataSize maxDocumentSize,
        @Min(1) @DefaultValue("12000") int maxSites,
        @Min(1) @Max(100) @DefaultValue("1") int maxJobsPerOrganisation,
        @Min(1) @Max(1000) @DefaultValue("4") int maxJobs,
        @Min(1) @Max(64) @DefaultValue("2") int jobThreads) {

    public CatalogueImportProperties {
        if (maxDocumentSize != null && maxDocumentSize.toBytes() < 1) {
            throw new IllegalArgumentException("guichet.catalogue.import.max-document-size must be positive");
        }
    }

    /** The document size limit in whole megabytes (rounded up), as the pages show it. */
    public long maxDocumentMegabytes() {
        return (maxDocumentSize.toBytes() + 1024 * 1024 - 1) / (1024 * 1024);
    }
}
