package fr.guichetbio.portal.catalogue.exchange;

import fr.guichetbio.portal.catalogue.CatalogueDocument;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Availability;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Evidence;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Org;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Site;
import fr.guichetbio.portal.catalogue.exchange.CatalogueImport.DocumentTooLarge;
import fr.guichetbio.portal.catalogue.exchange.CatalogueImport.ImportError;
import fr.guichetbio.portal.catalogue.exchange.CatalogueImport.Phase;
import fr.guichetbio.portal.catalogue.exchange.CatalogueImport.ProgressListener;
import fr.guichetbio.portal.catalogue.vocabulary.Luhn;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The reading half of a catalogue/v1 import: the document parsed once into a tree within the size limits, validated
 * against the schema, mapped to {@link CatalogueDocument} and checked against the catalogue's own rules, every error
 * with its JSON pointer. {@link CatalogueImport} writes what this accepts.
 */
@Component
class CatalogueReading {

    /**
     * Reads documents into trees and maps trees to {@link CatalogueDocument}: Jackson 2, the tree model the schema
     * validator works on, so that a document is parsed once. Unknown properties are the schema's to report.
     */
    private static final com.fasterxml.jackson.databind.ObjectMapper TREES =
            com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build();

    private final CatalogueSchema schema;
    private final MessageSource messages;

    CatalogueReading(CatalogueSchema schema, MessageSource messages) {
        this.schema = schema;
        this.messages = messages;
    }

    /**
     * Parses the document from {@code in}, reading at most {@code maxBytes} (then {@link DocumentTooLarge}), and
     * counts its sites: more than {@code maxSites} is an error with the pointer {@code /organisations}. The stream is
     * read to a tree directly (no copy of the text), which the import then validates against the schema and maps.
     */
    CatalogueImport.Parsed read(java.io.InputStream in, long maxBytes, int maxSites, Locale locale) {
        com.fasterxml.jackson.databind.JsonNode tree;
        try (java.io.InputStream limited = new LimitedInputStream(in, maxBytes)) {
            tree = TREES.readTree(limited);
        } catch (DocumentTooLarge tooLarge) {
            throw tooLarge;
        } catch (java.io.IOException | RuntimeException unreadable) {
            if (unreadable.getCause() instanceof DocumentTooLarge tooLarge) {
                throw tooLarge;
            }
            return new CatalogueImport.Parsed(
                    null,
                    List.of(new ImportError(
                            "", message(locale, "catalogue.import.error.json", unreadable.getMessage()))),
                    0);
        }
        if (tree == null || tree.isMissingNode()) {
            return new CatalogueImport.Parsed(
                    null, List.of(new ImportError("", message(locale, "catalogue.import.error.json", "empty"))), 0);
        }
        int sites = 0;
        for (com.fasterxml.jackson.databind.JsonNode org : tree.path("organisations")) {
            sites += org.path("sites").size();
        }
        if (sites > maxSites) {
            return new CatalogueImport.Parsed(
                    null,
                    List.of(error("/organisations", locale, "catalogue.import.error.tooManySites", sites, maxSites)),
                    sites);
        }
        return new CatalogueImport.Parsed(tree, List.of(), sites);
    }

    /**
     * The document validated against the schema and mapped, or {@code null} when it cannot be mapped; every error
     * found, the catalogue's rules included, is added to {@code errors}.
     */
    CatalogueDocument validate(
            CatalogueImport.Parsed document, List<ImportError> errors, Locale locale, ProgressListener progress) {
        for (CatalogueSchema.Violation violation : schema.validate(document.tree, locale)) {
            errors.add(new ImportError(violation.pointer(), violation.message()));
        }
        CatalogueDocument parsed = null;
        try {
            parsed = TREES.treeToValue(document.tree, CatalogueDocument.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException unreadable) {
            if (errors.isEmpty()) {
                errors.add(
                        new ImportError("", message(locale, "catalogue.import.error.json", unreadable.getMessage())));
            }
        }
        if (parsed == null || parsed.organisations() == null) {
            return null;
        }
        progress.progress(Phase.VALIDATING, 0, ImportedSites.count(parsed));
        checkRules(parsed, errors, locale);
        return parsed;
    }

    // ---- rules the schema cannot express ----

    private void checkRules(CatalogueDocument doc, List<ImportError> errors, Locale locale) {
        Set<String> orgKeys = new HashSet<>();
        Set<String> siteKeys = new HashSet<>();
        for (int o = 0; o < doc.organisations().size(); o++) {
            Org org = doc.organisations().get(o);
            String op = "/organisations/" + o;
            if (org == null) {
                continue;
            }
            if (org.key() != null && !orgKeys.add(org.key())) {
                errors.add(error(op + "/key", locale, "catalogue.import.error.duplicateKey", org.key()));
            }
            if (org.siren() != null && org.siren().matches("[0-9]{9}") && !Luhn.valid(org.siren())) {
                errors.add(error(op + "/siren", locale, "catalogue.import.error.siren"));
            }
            if (org.sites() == null) {
                continue;
            }
            for (int s = 0; s < org.sites().size(); s++) {
                Site site = org.sites().get(s);
                String sp = op + "/sites/" + s;
                if (site == null) {
                    continue;
                }
                if (site.key() != null && !siteKeys.add(site.key())) {
                    errors.add(error(sp + "/key", locale, "catalogue.import.error.duplicateKey", site.key()));
                }
                if (site.siret() != null && site.siret().matches("[0-9]{14}") && !Luhn.valid(site.siret())) {
                    errors.add(error(sp + "/siret", locale, "catalogue.import.error.siret"));
                }
                if (site.address() != null) {
                    String region = site.address().regionCode();
                    if ("FR".equals(site.address().country()) && region == null) {
                        errors.add(error(sp + "/address/regionCode", locale, "catalogue.import.error.regionRequired"));
                    }
                    if (region != null && Vocabulary.Region.ofCode(region).isEmpty()) {
                        errors.add(error(
                                sp + "/address/regionCode", locale, "catalogue.import.error.regionUnknown", region));
                    }
                }
                if (site.gmpEvidence() != null) {
                    for (int e = 0; e < site.gmpEvidence().size(); e++) {
                        Evidence evidence = site.gmpEvidence().get(e);
                        String ep = sp + "/gmpEvidence/" + e;
                        if (evidence == null) {
                            continue;
                        }
                        LocalDate issued = date(evidence.issued(), ep + "/issued", errors, locale);
                        date(evidence.inspected(), ep + "/inspected", errors, locale);
                        LocalDate validUntil = date(evidence.validUntil(), ep + "/validUntil", errors, locale);
                        if (issued != null && validUntil != null && validUntil.isBefore(issued)) {
                            errors.add(error(ep + "/validUntil", locale, "catalogue.import.error.validityDates"));
                        }
                    }
                }
                if (site.availability() != null) {
                    for (int a = 0; a < site.availability().size(); a++) {
                        Availability slot = site.availability().get(a);
                        String ap = sp + "/availability/" + a;
                        if (slot == null) {
                            continue;
                        }
                        LocalDate from = date(slot.from(), ap + "/from", errors, locale);
                        LocalDate to = date(slot.to(), ap + "/to", errors, locale);
                        if (from != null && to != null && to.isBefore(from)) {
                            errors.add(error(ap + "/to", locale, "catalogue.import.error.dates"));
                        }
                    }
                }
            }
        }
    }

    private LocalDate date(String value, String pointer, List<ImportError> errors, Locale locale) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(error(pointer, locale, "catalogue.import.error.date"));
            return null;
        }
    }

    /** Counts what is read and refuses to read past {@code max} bytes. */
    private static final class LimitedInputStream extends java.io.FilterInputStream {

        private final long max;
        private long read;

        LimitedInputStream(java.io.InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws java.io.IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) {
            read += n;
            if (read > max) {
                throw new DocumentTooLarge(max);
            }
        }
    }

    private ImportError error(String pointer, Locale locale, String key, Object... args) {
        return new ImportError(pointer, message(locale, key, args));
    }

    private String message(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, locale);
    }
}
