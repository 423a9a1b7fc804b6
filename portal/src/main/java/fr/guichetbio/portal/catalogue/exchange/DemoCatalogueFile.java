package fr.guichetbio.portal.catalogue.exchange;

import fr.guichetbio.portal.catalogue.CatalogueDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a generated {@link DemoCatalogue} to a file, for benchmarks and trials of the import: {@code java -cp
 * portal.jar -Dloader.main=fr.guichetbio.portal.catalogue.exchange.DemoCatalogueFile
 * org.springframework.boot.loader.launch.PropertiesLauncher catalogue.json 10000 1000} (sites, then organisations;
 * the same file for the same arguments and day).
 */
public final class DemoCatalogueFile {

    private DemoCatalogueFile() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("Usage: DemoCatalogueFile <file.json> [sites, default 90] [organisations, default 60]");
            System.exit(2);
        }
        int sites = args.length > 1 ? Integer.parseInt(args[1]) : DemoCatalogue.SITES;
        int organisations = args.length > 2 ? Integer.parseInt(args[2]) : DemoCatalogue.ORGANISATIONS;
        CatalogueDocument document = DemoCatalogue.generate(DemoCatalogue.SEED, organisations, sites, LocalDate.now());
        Path file = Path.of(args[0]);
        Files.writeString(file, JsonMapper.builder().build().writeValueAsString(document));
        System.out.println("Wrote " + sites + " sites of " + organisations + " organisations to " + file);
    }
}
