package fr.guichetbio.portal.indexing;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Command line rebuild: {@code java -jar portal.jar --guichet.index.rebuild [--server.port=0]} rebuilds the search
 * index from PostgreSQL (the portals keep serving the old index until the swap) and exits: 0 when the new index
 * serves, 1 when the rebuild failed (the old index still serves) or another rebuild is running.
 */
@Component
@ConditionalOnProperty(name = "guichet.index.rebuild")
class IndexRebuildCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(IndexRebuildCommand.class);

    private final IndexRebuilds rebuilds;
    private final Environment environment;
    private final ConfigurableApplicationContext context;

    IndexRebuildCommand(IndexRebuilds rebuilds, Environment environment, ConfigurableApplicationContext context) {
        this.rebuilds = rebuilds;
        this.environment = environment;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        int code = rebuild();
        if (environment.getProperty("guichet.index.exit", Boolean.class, true)) {
            System.exit(SpringApplication.exit(context, (ExitCodeGenerator) () -> code));
        }
    }

    int rebuild() {
        Optional<Boolean> outcome = rebuilds.runNow(null);
        if (outcome.isEmpty()) {
            log.error("Search index rebuild: another rebuild is running, see /admin/index");
            return 1;
        }
        if (!outcome.get()) {
            log.error("Search index rebuild failed; the previous index still serves");
            return 1;
        }
        rebuilds.latest()
                .ifPresent(rebuild ->
                        log.info("Search index rebuilt: {} documents in {}", rebuild.done(), rebuild.indexName()));
        return 0;
    }
}
