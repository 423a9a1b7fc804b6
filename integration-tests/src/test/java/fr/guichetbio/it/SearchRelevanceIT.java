package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.Stack;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Search quality on the demo catalogue: each judged query ({@code relevance/judged-queries.tsv}) goes through
 * {@code /api/search}, every page of it, and is scored against the sites that meet the query's conditions in the
 * portal's own export ({@link RelevanceEvaluation}). Prints the table (also written to {@code
 * target/relevance-report.txt}) and fails below the targets of mean precision at 5, set precision and recall.
 */
@ExtendWith(RunningStack.class)
class SearchRelevanceIT {

    @Test
    void judgedQueriesFindTheRightSitesAndOnlyThem(Stack stack) throws Exception {
        PortalClient portal = new PortalClient(stack.portalUrl());
        // The demo catalogue is seeded once the portal is up: wait for it, then for the indexer to hold every site.
        JsonNode[] seeded = new JsonNode[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions()
                .until(() -> {
                    seeded[0] = RelevanceEvaluation.export(portal);
                    return RelevanceEvaluation.sites(seeded[0]) > 50;
                });
        JsonNode export = seeded[0];
        int expected = RelevanceEvaluation.sites(export);
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> RelevanceEvaluation.indexed(portal) >= expected);

        List<RelevanceJudgments.Judged> judged = RelevanceJudgments.load();
        assertThat(judged).hasSizeGreaterThanOrEqualTo(70);
        RelevanceEvaluation.Report report = RelevanceEvaluation.evaluate("the demo catalogue", portal, export, judged);
        report.print("relevance-report.txt");
        report.assertTargets();
    }
}
