package fr.guichetbio.portal.catalogue.moderation;

import fr.guichetbio.portal.catalogue.CatalogueDocument;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Evidence;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Org;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Site;
import fr.guichetbio.portal.catalogue.exchange.DemoCatalogue;
import fr.guichetbio.portal.catalogue.vocabulary.Luhn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Writes the sample register extract ({@code src/main/resources/catalogue/demo/register-extract.csv}) from the demo
 * catalogue's deterministic output on {@link #DAY}: {@value #MATCHES} lines that agree with demo evidence,
 * {@value #MISMATCHES} that differ (valid until, scope, SIRET, inspection date) and {@value #UNKNOWN} unknown
 * references. {@code RegisterExtractTest} fails when the file is no longer this output; run {@link #main} (from the
 * portal directory) to write it again after a change to {@link DemoCatalogue}.
 */
final class RegisterExtractSample {

    /**
     * The day the demo catalogue is generated for. Its GMP evidence does not depend on the day (fixed years), so the
     * sample matches a demo seeded on any day; the tests use today to keep that true.
     */
    static final LocalDate DAY = LocalDate.now();

    static final int MATCHES = 12;
    static final int MISMATCHES = 4;
    static final int UNKNOWN = 3;

    static final Path FILE = Path.of("src/main/resources/catalogue/demo/register-extract.csv");

    private record Listed(Site site, Evidence evidence) {}

    private record Row(
            String authority,
            String reference,
            String siret,
            String omsLocationId,
            String issued,
            String inspected,
            String validUntil,
            String scope) {}

    private RegisterExtractSample() {}

    public static void main(String[] args) throws IOException {
        Files.writeString(FILE, csv(DemoCatalogue.demo(DAY)), StandardCharsets.UTF_8);
    }

    /** The sample for a demo catalogue; lines sorted by authority and reference, as registers export them. */
    static String csv(CatalogueDocument demo) {
        List<Listed> listed = new ArrayList<>();
        for (Org org : demo.organisations()) {
            for (Site site : org.sites()) {
                if (site.gmpEvidence() != null) {
                    site.gmpEvidence().forEach(evidence -> listed.add(new Listed(site, evidence)));
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        int next = 0;
        for (; rows.size() < MATCHES; next++) {
            rows.add(row(listed.get(next)));
        }
        // Mismatches: certificates only (they have dates and scope), on French sites for the SIRET case.
        List<Listed> certificates = listed.subList(next, listed.size()).stream()
                .filter(l -> l.evidence().kind().equals("GMP_CERTIFICATE")
                        && l.site().siret() != null)
                .limit(MISMATCHES)
                .toList();
        Row validUntil = row(certificates.get(0));
        rows.add(with(
                validUntil,
                "validUntil",
                LocalDate.parse(validUntil.validUntil()).plusYears(2).toString()));
        Row scope = row(certificates.get(1));
        rows.add(with(scope, "scope", scope.scope().contains("1.3.1.3") ? "1.3.1.4" : scope.scope() + "|1.3.1.3"));
        Row siret = row(certificates.get(2));
        rows.add(with(siret, "siret", Luhn.complete(siret.siret().substring(0, 9) + "9999")));
        Row inspected = row(certificates.get(3));
        rows.add(with(
                inspected,
                "inspected",
                LocalDate.parse(inspected.inspected()).minusDays(7).toString()));
        int year = DAY.getYear() - 1;
        rows.add(new Row(
                "ANSM",
                "DEMO-" + year + "-90001",
                null,
                null,
                year + "-03-02",
                year + "-01-20",
                (year + 3) + "-01-20",
                "1.3.1.5"));
        rows.add(new Row("ANSM", "DEMO-AUT-90002", null, null, (year - 3) + "-06-01", null, null, null));
        rows.add(new Row(
                "PEI",
                "DEMO-" + year + "-90003",
                null,
                null,
                year + "-07-15",
                year + "-05-30",
                (year + 3) + "-05-30",
                "1.3.1.4"));
        rows.sort(Comparator.comparing(Row::authority).thenComparing(Row::reference));
        StringBuilder csv = new StringBuilder(String.join(",", RegisterExtract.COLUMNS)).append("\r\n");
        for (Row row : rows) {
            csv.append(String.join(
                            ",",
                            row.authority(),
                            row.reference(),
                            blank(row.siret()),
                            blank(row.omsLocationId()),
                            "",
                            blank(row.issued()),
                            blank(row.inspected()),
                            blank(row.validUntil()),
                            blank(row.scope())))
                    .append("\r\n");
        }
        return csv.toString();
    }

    private static Row row(Listed listed) {
        Evidence e = listed.evidence();
        String oms = listed.site().identifiers() == null
                ? null
                : listed.site().identifiers().omsLocationId();
        String scope = e.scopeCodes() == null ? null : String.join("|", new TreeSet<>(e.scopeCodes()));
        return new Row(
                e.authority(),
                e.reference(),
                listed.site().siret(),
                oms,
                e.issued(),
                e.inspected(),
                e.validUntil(),
                scope);
    }

    private static Row with(Row row, String field, String value) {
        return switch (field) {
            case "validUntil" ->
                new Row(
                        row.authority(),
                        row.reference(),
                        row.siret(),
                        row.omsLocationId(),
                        row.issued(),
                        row.inspected(),
                        value,
                        row.scope());
            case "scope" ->
                new Row(
                        row.authority(),
                        row.reference(),
                        row.siret(),
                        row.omsLocationId(),
                        row.issued(),
                        row.inspected(),
                        row.validUntil(),
                        value);
            case "siret" ->
                new Row(
                        row.authority(),
                        row.reference(),
                        value,
                        row.omsLocationId(),
                        row.issued(),
                        row.inspected(),
                        row.validUntil(),
                        row.scope());
            case "inspected" ->
                new Row(
                        row.authority(),
                        row.reference(),
                        row.siret(),
                        row.omsLocationId(),
                        row.issued(),
                        value,
                        row.validUntil(),
                        row.scope());
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }
}
