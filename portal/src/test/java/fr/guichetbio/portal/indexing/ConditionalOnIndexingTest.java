package fr.guichetbio.portal.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Where the background indexing components start. */
class ConditionalOnIndexingTest {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnIndexing
    static class Probe {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Probe.class);

    @Test
    void inEveryProcessByDefault() {
        runner.run(context -> assertThat(context).hasSingleBean(Probe.class));
    }

    @Test
    void notWhereIndexingIsLeftToIndexerProcesses() {
        runner.withPropertyValues("guichet.indexing.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(Probe.class));
    }

    @Test
    void notInTheCommandLineRebuild() {
        runner.withPropertyValues("guichet.index.rebuild=true")
                .run(context -> assertThat(context).doesNotHaveBean(Probe.class));
        // A bare --guichet.index.rebuild (no value) sets it to the empty string: still the command.
        runner.withPropertyValues("guichet.index.rebuild=")
                .run(context -> assertThat(context).doesNotHaveBean(Probe.class));
    }
}
