package fr.guichetbio.portal.catalogue.exchange;

import fr.guichetbio.portal.catalogue.CatalogueDocument;
import fr.guichetbio.portal.catalogue.listing.Catalogues;
import fr.guichetbio.portal.web.CsvCells;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** The public catalogue (active organisations with a catalogue key and at least one site) as catalogue/v1 or CSV. */
@Service
public class CatalogueExport {

    static final List<String> CSV_HEADER = List.of(
            "organisation_key",
            "organisation_name",
            "organisation_kind",
            "site_key",
            "site_name",
            "city",
            "postal_code",
            "region_code",
            "country",
            "modality",
            "services",
            "stages",
            "expression_systems",
            "gmp",
            "bioreactor_count",
            "max_working_volume_litres",
            "cleanroom_suites",
            "batches_per_year",
            // Last, so that readers of the columns before December 2026 keep their positions.
            "technologies");

    private final Catalogues catalogues;
    private final JsonMapper json;
    private final Clock clock;

    CatalogueExport(Catalogues catalogues, JsonMapper json) {
        this.catalogues = catalogues;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    @Transactional(readOnly = true)
    public CatalogueDocument document() {
        return new CatalogueDocument(
                CatalogueDocument.FORMAT,
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(),
                catalogues.exportPublic());
    }

    @Transactional(readOnly = true)
    public String json() {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(document());
    }

    /** The public catalogue row by row: one per capability of a site (what the CSV and the open data are made of). */
    @Transactional(readOnly = true)
    public List<CatalogueRow> rows() {
        return CatalogueRow.of(catalogues.exportPublic());
    }

    /** One row per capability; lists joined with {@code |}; RFC 4180 quoting. */
    @Transactional(readOnly = true)
    public String csv() {
        StringBuilder csv = new StringBuilder(String.join(",", CSV_HEADER)).append("\r\n");
        for (CatalogueRow row : rows()) {
            boolean reactors = row.largestWorkingVolumeLitres() != null;
            row(
                    csv,
                    row.organisationKey(),
                    row.organisationName(),
                    row.organisationKind(),
                    row.siteKey(),
                    row.siteName(),
                    row.city(),
                    row.postalCode(),
                    row.regionCode(),
                    row.country(),
                    row.modality(),
                    join(row.services()),
                    join(row.stages()),
                    join(row.expressionSystems()),
                    row.gmp(),
                    reactors ? row.bioreactorCount() : null,
                    reactors ? row.largestWorkingVolumeLitres().toPlainString() : null,
                    row.cleanroomSuites(),
                    row.batchesPerYear(),
                    join(row.technologies()));
        }
        return csv.toString();
    }

    private static String join(List<String> values) {
        return values == null ? null : String.join("|", values);
    }

    private static void row(StringBuilder csv, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(CsvCells.quoted(cells[i]));
        }
        csv.append("\r\n");
    }
}
