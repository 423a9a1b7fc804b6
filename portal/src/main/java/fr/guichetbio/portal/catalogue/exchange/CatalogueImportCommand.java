package fr.guichetbio.portal.catalogue.exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
 * Command line import: {@code java -jar portal.jar --guichet.catalogue.import=catalogue.json
 * [--guichet.catalogue.dry-run=true] [--server.port=0]} imports the file (all or nothing),
 * prints the report, and exits: 0 when imported, 1 when the file has errors or cannot be read.
 */
@Component
@ConditionalOnProperty(name = "guichet.catalogue.import")
class CatalogueImportCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CatalogueImportCommand.class);

    private final CatalogueImport catalogueImport;
    private final Environment environment;
    private final ConfigurableApplicationContext context;

    CatalogueImportCommand(
            CatalogueImport catalogueImport, Environment environment, ConfigurableApplicationContext context) {
        this.catalogueImport = catalogueImport;
        this.environment = environment;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        int code = importFile(
                Path.of(environment.getRequiredProperty("guichet.catalogue.import")),
                environment.getProperty("guichet.catalogue.dry-run", Boolean.class, false));
        boolean exit = environment.getProperty("guichet.catalogue.exit", Boolean.class, true);
        if (exit) {
            System.exit(SpringApplication.exit(context, (ExitCodeGenerator) () -> code));
        }
    }

    int importFile(Path file, boolean dryRun) {
        String document;
        try {
            document = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.error("Catalogue import: cannot read {}: {}", file, e.getMessage());
            return 1;
        }
        CatalogueImport.Report report =
                catalogueImport.importDocument(document, CatalogueImport.Options.system(dryRun), Locale.ENGLISH);
        if (!report.ok()) {
            report.errors().forEach(error -> log.error("{}: {}", error.pointer(), error.message()));
            log.error(
                    "Catalogue import of {}: {} error(s), nothing imported",
                    file,
                    report.errors().size());
            return 1;
        }
        log.info("Catalogue import of {}{}: {}", file, dryRun ? " (dry run, nothing written)" : "", report.counts());
        return 0;
    }
}
