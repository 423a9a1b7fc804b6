package fr.guichetbio.it;

import static org.awaitility.Awaitility.await;

import fr.guichetbio.infra.launcher.Stack;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Benchmark (profile {@code benchmarks}) of search quality at scale: the judged queries of {@link SearchRelevanceIT},
 * scored the same way ({@link RelevanceEvaluation}), on the stack's demo catalogue plus a generated one of 10,000
 * sites ({@link GeneratedCatalogue}, as {@link SearchBenchmark} loads it). On ten thousand sites a query's conditions
 * hold for hundreds or thousands of them, spread over many pages: set precision and recall measure what ranking alone
 * hides. Prints the table, writes it to {@code target/relevance-report-10000.txt} and fails below the same targets.
 */
@ExtendWith(RunningStack.class)
class LargeCatalogueRelevanceBenchmark {

    @Test
    void judgedQueriesOnTenThousandSites(Stack stack, @TempDir Path dir) throws Exception {
        StackCatalogue catalogue = new StackCatalogue(stack);
        PortalClient portal = new PortalClient(stack.portalUrl());
        Path jar = GeneratedCatalogue.portalJar();
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> catalogue.publicSiteCount() > 0
                        && catalogue.pendingOutboxRows() == 0
                        && !catalogue.rebuildRunning());
        GeneratedCatalogue.load(stack, catalogue, jar, dir, GeneratedCatalogue.SITES, GeneratedCatalogue.ORGANISATIONS);

        JsonNode export = RelevanceEvaluation.export(portal);
        int expected = RelevanceEvaluation.sites(export);
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> RelevanceEvaluation.indexed(portal) >= expected);

        RelevanceEvaluation.Report report = RelevanceEvaluation.evaluate(
                "the demo and a generated " + GeneratedCatalogue.SITES + "-site catalogue",
                portal,
                export,
                RelevanceJudgments.load());
        report.print("relevance-report-" + GeneratedCatalogue.SITES + ".txt");
        report.assertTargets();
    }
}
