package fr.guichetbio.portal.catalogue.exchange;

import fr.guichetbio.portal.catalogue.CatalogueDocument;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Org;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Site;
import fr.guichetbio.portal.catalogue.Outbox;
import fr.guichetbio.portal.catalogue.listing.Catalogues;
import fr.guichetbio.portal.catalogue.listing.SiteRevisions;
import fr.guichetbio.portal.catalogue.moderation.EvidenceReviews;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import fr.guichetbio.portal.organisation.ImportedOrganisations;
import fr.guichetbio.portal.organisation.OrganisationService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a catalogue/v1 document: schema validation plus the catalogue's own rules, all errors at once with their
 * JSON pointers; then, all or nothing in one transaction, organisations and sites matched by key are created, updated
 * or removed (a site absent from a re-imported organisation is removed, and with it its capabilities). Every site
 * created, changed or removed gets an outbox row; every organisation imported gets a {@code catalogue.imported} audit
 * entry with its counts. A dry run answers the same report and writes nothing.
 *
 * <p>Organisations created by an import are {@code ACTIVE}, their portal kind given by {@link
 * Vocabulary.CatalogueKind#organisationKind()}. An existing organisation keeps its portal kind and status; its name,
 * website, description (FR in the organisation's description, EN in the catalogue profile), SIREN, catalogue kind and
 * contact email are replaced by the document's. The organisation module writes the organisation ({@link
 * ImportedOrganisations}), the catalogue only its profile.
 *
 * <p>Trust: only moderators raise a verification level. An import that names no owner organisation (command line,
 * demo data, the platform admins' back office: {@link Options#trusted()}) writes the document's levels, a level above
 * self-declared being recorded as checked by the importing person at import time. An organisation's own import (its
 * API clients, its admins' page) never raises one: a piece of evidence identical to the stored one keeps its stored
 * level, review and certificate; new or changed evidence is self-declared and waits for a moderator; each claimed
 * level not applied is a warning with the pointer of its {@code verification}. Evidence is matched across re-imports
 * by kind, authority and reference, so that it keeps its row, certificate and review history.
 *
 * <p>New sites wait for a moderator when an organisation imports them; a trusted import creates them checked unless
 * it vouches for none of their evidence (all of it self-declared). Every site written gets a snapshot
 * ({@link SiteRevisions}). Sites are written in batches of {@value ImportedSites#CHUNK}; a {@link ProgressListener} hears how far
 * the import is (10,000 sites take well under two minutes: see the benchmark in the README).
 */
@Service
public class CatalogueImport {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CatalogueImport.class);

    private final CatalogueReading reading;
    private final Catalogues catalogues;
    private final Outbox outbox;
    private final ImportedSites imported;
    private final TransactionTemplate transactions;
    private final MessageSource messages;
    private final OrganisationService identityReview;
    private final ImportedOrganisations organisations;

    CatalogueImport(
            CatalogueReading reading,
            Catalogues catalogues,
            Outbox outbox,
            ImportedSites imported,
            TransactionTemplate transactions,
            MessageSource messages,
            OrganisationService identityReview,
            ImportedOrganisations organisations) {
        this.identityReview = identityReview;
        this.reading = reading;
        this.organisations = organisations;
        this.catalogues = catalogues;
        this.outbox = outbox;
        this.imported = imported;
        this.transactions = transactions;
        this.messages = messages;
    }

    /**
     * Who imports and how.
     *
     * @param dryRun report what would change, write nothing
     * @param ownerOrganisationId for an API client: the only organisation the document may describe, else {@code null}
     * @param actorClientId the API client importing, or {@code null}
     * @param actorPersonId the person importing, or {@code null} (command line, demo data)
     */
    public record Options(boolean dryRun, Long ownerOrganisationId, String actorClientId, Long actorPersonId) {

        public static Options system(boolean dryRun) {
            return new Options(dryRun, null, null, null);
        }

        /**
         * Whether the document's verification levels are written as claimed: yes for the system (command line, demo
         * data) and platform admins' back office, which name no owner; never for an organisation's own import.
         */
        public boolean trusted() {
            return ownerOrganisationId == null;
        }
    }

    /** Where a running import is. */
    public enum Phase {
        VALIDATING,
        WRITING,
        DONE
    }

    /** Told where a long import is; called on the importing thread, inside the import's transaction. */
    @FunctionalInterface
    public interface ProgressListener {

        ProgressListener NONE = (phase, sitesDone, sitesTotal) -> {};

        void progress(Phase phase, int sitesDone, int sitesTotal);
    }

    /** One error: the JSON pointer of the offending value and why, in the reader's language. */
    public record ImportError(String pointer, String message) {}

    public enum Action {
        CREATED,
        UPDATED,
        REMOVED,
        UNCHANGED
    }

    /** What happened (or would happen, in a dry run) to one organisation or site. */
    public record Change(String type, String key, Action action) {}

    /**
     * The outcome: errors (then nothing was written), or the changes; warnings name what was imported otherwise than
     * the document said (a verification level an organisation may not raise).
     */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"dryRun", "errors", "warnings", "changes", "counts"})
    public record Report(boolean dryRun, List<ImportError> errors, List<ImportError> warnings, List<Change> changes) {

        public Report {
            errors = List.copyOf(errors);
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
            changes = List.copyOf(changes);
        }

        public Report(boolean dryRun, List<ImportError> errors, List<Change> changes) {
            this(dryRun, errors, List.of(), changes);
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean ok() {
            return errors.isEmpty();
        }

        public long count(String type, Action action) {
            return changes.stream()
                    .filter(c -> c.type().equals(type) && c.action() == action)
                    .count();
        }

        /** Counts by type and action, e.g. {@code site.CREATED → 3}. */
        @com.fasterxml.jackson.annotation.JsonProperty("counts")
        public Map<String, Long> counts() {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String type : List.of("organisation", "site")) {
                for (Action action : Action.values()) {
                    counts.put(type + "." + action.name(), count(type, action));
                }
            }
            return counts;
        }
    }

    /** The document names an organisation that is not the API client's own: answered 403, nothing written. */
    public static final class ForeignOrganisation extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient List<ImportError> errors;

        ForeignOrganisation(List<ImportError> errors) {
            super("Not the client's organisation", null, false, false);
            this.errors = List.copyOf(errors);
        }

        public List<ImportError> errors() {
            return errors;
        }
    }

    /** The document is larger than the import accepts: answered 413, nothing parsed beyond the limit. */
    public static final class DocumentTooLarge extends RuntimeException {

        private static final long serialVersionUID = 1L;

        DocumentTooLarge(long maxBytes) {
            super("Catalogue document larger than " + maxBytes + " bytes", null, false, false);
        }
    }

    /**
     * A document read once into a tree (never kept as text), with the number of sites it describes, or why it could
     * not be read. The tree is what the import validates and maps.
     */
    public static final class Parsed {

        final com.fasterxml.jackson.databind.JsonNode tree;
        private final List<ImportError> errors;
        private final int sites;

        Parsed(com.fasterxml.jackson.databind.JsonNode tree, List<ImportError> errors, int sites) {
            this.tree = tree;
            this.errors = List.copyOf(errors);
            this.sites = sites;
        }

        /** Errors found while reading (not JSON, too many sites): the import reports them and writes nothing. */
        public List<ImportError> errors() {
            return errors;
        }

        public int sites() {
            return sites;
        }
    }

    /** Reads a whole document without limits (command line, demo data, tests). */
    public Parsed read(java.io.InputStream in, long maxBytes, int maxSites, Locale locale) {
        return reading.read(in, maxBytes, maxSites, locale);
    }

    /** Reads a whole document without limits (command line, demo data, tests). */
    public Parsed read(byte[] document, Locale locale) {
        return reading.read(new java.io.ByteArrayInputStream(document), Long.MAX_VALUE, Integer.MAX_VALUE, locale);
    }

    /** Validates the document, then imports it unless it has errors or this is a dry run. */
    public Report importDocument(String document, Options options, Locale locale) {
        return importDocument(document, options, locale, ProgressListener.NONE);
    }

    /** The same, telling {@code progress} where it is (sites done out of the document's sites). */
    public Report importDocument(String document, Options options, Locale locale, ProgressListener progress) {
        return importDocument(
                read(document.getBytes(java.nio.charset.StandardCharsets.UTF_8), locale), options, locale, progress);
    }

    /** Validates a document read by {@link #read}, then imports it unless it has errors or this is a dry run. */
    public Report importDocument(Parsed document, Options options, Locale locale, ProgressListener progress) {
        return importDocument(document, options, locale, progress, () -> {});
    }

    /**
     * The same, calling {@code beforeWriting} once the document is known valid, before the import's transaction
     * (its exceptions end the import: the admission of an import in the request, see {@link CatalogueImportJobs}).
     */
    public Report importDocument(
            Parsed document, Options options, Locale locale, ProgressListener progress, Runnable beforeWriting) {
        long start = System.nanoTime();
        progress.progress(Phase.VALIDATING, 0, document.sites());
        if (!document.errors().isEmpty()) {
            return new Report(options.dryRun(), document.errors(), List.of());
        }
        List<ImportError> errors = new ArrayList<>();
        CatalogueDocument doc = reading.validate(document, errors, locale, progress);
        if (doc == null || !errors.isEmpty()) {
            return new Report(options.dryRun(), errors, List.of());
        }
        beforeWriting.run();
        Report report = transactions.execute(status -> {
            List<ImportError> refused = new ArrayList<>();
            List<ImportError> warnings = new ArrayList<>();
            List<Change> changes = apply(doc, options, refused, warnings, locale, progress);
            if (!refused.isEmpty()) {
                status.setRollbackOnly();
                if (!changes.isEmpty() && changes.getFirst().type().equals("forbidden")) {
                    throw new ForeignOrganisation(refused);
                }
                return new Report(options.dryRun(), refused, List.of());
            }
            if (options.dryRun()) {
                status.setRollbackOnly();
            }
            return new Report(options.dryRun(), List.of(), warnings, changes);
        });
        if (report.ok() && !options.dryRun()) {
            log.info(
                    "Catalogue import: {} sites in {} ms ({})",
                    ImportedSites.count(doc),
                    (System.nanoTime() - start) / 1_000_000,
                    report.counts());
        }
        return report;
    }

    // ---- writing ----

    /** Sites are written in chunks of this many: a few batched statements per chunk, and a progress step. */

    /** Sites waiting to be written, with the pointers of their keys (for an error found while writing). */
    private List<Change> apply(
            CatalogueDocument doc,
            Options options,
            List<ImportError> refused,
            List<ImportError> warnings,
            Locale locale,
            ProgressListener progress) {
        List<Change> changes = new ArrayList<>();
        boolean write = !options.dryRun();
        boolean trusted = options.trusted();
        if (options.ownerOrganisationId() != null && doc.organisations().size() > 1) {
            refused.add(error("/organisations", locale, "catalogue.import.error.oneOrganisation"));
            return List.of(new Change("forbidden", null, null));
        }
        int total = ImportedSites.count(doc);
        int done = 0;
        progress.progress(Phase.WRITING, 0, total);
        // One query for every key of the document instead of one per site.
        Set<String> documentKeys = new HashSet<>();
        doc.organisations().forEach(org -> org.sites().forEach(site -> documentKeys.add(site.key())));
        Map<String, Catalogues.SiteRef> storedByKey = catalogues.sitesByKeys(documentKeys);
        ImportedSites.Pending pending = new ImportedSites.Pending();
        for (int o = 0; o < doc.organisations().size(); o++) {
            Org org = doc.organisations().get(o);
            String op = "/organisations/" + o;
            Optional<Catalogues.OrgRef> existing = catalogues.organisationByKey(org.key());
            if (options.ownerOrganisationId() != null) {
                long owner = options.ownerOrganisationId();
                Optional<Catalogues.OrgRef> own = catalogues.organisation(owner);
                boolean ownKey = own.map(ref ->
                                ref.catalogueKey() == null || ref.catalogueKey().equals(org.key()))
                        .orElse(false);
                if ((existing.isPresent() && existing.get().id() != owner) || !ownKey) {
                    refused.add(error(
                            op + "/key",
                            locale,
                            options.actorClientId() != null
                                    ? "catalogue.import.error.notOwnOrganisation"
                                    : "catalogue.import.error.notThisOrganisation",
                            org.key()));
                    return List.of(new Change("forbidden", null, null));
                }
                existing = own;
            }
            long organisationId;
            Map<String, Catalogues.SiteRef> currentSites;
            Map<Long, List<Catalogues.StoredEvidence>> storedEvidence = Map.of();
            Org current = null;
            if (existing.isEmpty()) {
                changes.add(new Change("organisation", org.key(), Action.CREATED));
                currentSites = Map.of();
                // The organisation module writes the organisation (and queues it for the index), the catalogue its
                // profile.
                organisationId = write
                        ? organisations.create(
                                org.key(),
                                org.name(),
                                Vocabulary.CatalogueKind.valueOf(org.kind()).organisationKind(),
                                org.website(),
                                org.description() == null
                                        ? null
                                        : org.description().fr())
                        : -1;
                if (write) {
                    catalogues.saveProfile(organisationId, org);
                }
            } else {
                organisationId = existing.get().id();
                currentSites = catalogues.sitesOf(organisationId);
                current = catalogues.read(organisationId).orElseThrow();
                storedEvidence = catalogues.evidenceOfOrganisation(organisationId);
                Org written = org;
                // An organisation's own import renames its public organisation only through review, as its page does.
                if (!trusted && identityReview.needsReview(organisationId, org.name(), org.website())) {
                    warnings.add(error(op + "/name", locale, "catalogue.import.warning.identityInReview"));
                    if (write) {
                        identityReview.proposeByImport(
                                organisationId,
                                org.name(),
                                org.website(),
                                options.actorPersonId(),
                                options.actorClientId());
                    }
                    written = new Org(
                            org.key(),
                            current.name(),
                            org.siren(),
                            org.kind(),
                            current.website(),
                            org.description(),
                            org.contactEmail(),
                            org.sites());
                }
                boolean same = current.withSites(null).equals(written.withSites(null));
                changes.add(new Change("organisation", org.key(), same ? Action.UNCHANGED : Action.UPDATED));
                if (!same && write) {
                    boolean organisationChanged = organisations.update(
                            organisationId,
                            written.name(),
                            written.website(),
                            written.description() == null
                                    ? null
                                    : written.description().fr());
                    int version = catalogues.saveProfile(organisationId, written);
                    if (!organisationChanged) {
                        // Only the profile changed: the organisation module did not queue the organisation.
                        outbox.enqueue(Outbox.Aggregate.ORGANISATION, organisationId, version);
                    }
                }
            }
            Map<String, Site> currentContent = new HashMap<>();
            if (current != null) {
                current.sites().forEach(site -> currentContent.put(site.key(), site));
            }
            long created = 0, updated = 0, removed = 0, unchanged = 0, levelsNotApplied = 0;
            for (int s = 0; s < org.sites().size(); s++) {
                Site site = org.sites().get(s);
                String sp = op + "/sites/" + s;
                Catalogues.SiteRef ref = storedByKey.get(site.key());
                done++;
                if (ref != null && ref.organisationId() != organisationId) {
                    refused.add(
                            error(sp + "/key", locale, "catalogue.import.error.siteOfOtherOrganisation", site.key()));
                    continue;
                }
                List<Catalogues.EvidenceWrite> evidence = EvidenceReviews.match(
                        ref == null ? List.of() : storedEvidence.getOrDefault(ref.id(), List.of()),
                        site.gmpEvidence(),
                        trusted);
                levelsNotApplied += imported.levelsNotApplied(site, evidence, trusted, sp, warnings, locale);
                Site toStore = ImportedSites.withEvidence(site, evidence);
                if (ref == null) {
                    changes.add(new Change("site", site.key(), Action.CREATED));
                    created++;
                    pending.writes.add(new Catalogues.SiteWrite(
                            null,
                            null,
                            organisationId,
                            toStore,
                            evidence,
                            ImportedSites.newSiteReview(trusted, evidence)));
                    pending.pointers.add(sp + "/key");
                } else if (CatalogueDocument.normalise(toStore)
                        .equals(CatalogueDocument.normalise(currentContent.get(site.key())))) {
                    changes.add(new Change("site", site.key(), Action.UNCHANGED));
                    unchanged++;
                } else {
                    changes.add(new Change("site", site.key(), Action.UPDATED));
                    updated++;
                    pending.writes.add(
                            new Catalogues.SiteWrite(ref.id(), ref.version(), organisationId, toStore, evidence, null));
                    pending.pointers.add(sp + "/key");
                }
                if (pending.writes.size() >= ImportedSites.CHUNK) {
                    imported.flush(pending, write && refused.isEmpty(), options, refused, locale);
                    progress.progress(Phase.WRITING, done, total);
                }
            }
            Set<String> keep = new HashSet<>();
            org.sites().forEach(site -> keep.add(site.key()));
            for (Map.Entry<String, Catalogues.SiteRef> gone : currentSites.entrySet()) {
                if (!keep.contains(gone.getKey())) {
                    changes.add(new Change("site", gone.getKey(), Action.REMOVED));
                    removed++;
                    if (write) {
                        catalogues.deleteSite(gone.getValue().id());
                        outbox.enqueue(
                                Outbox.Aggregate.SITE,
                                gone.getValue().id(),
                                gone.getValue().version() + 1);
                    }
                }
            }
            if (write) {
                imported.audit(
                        options, organisationId, org.key(), created, updated, removed, unchanged, levelsNotApplied);
            }
        }
        imported.flush(pending, write && refused.isEmpty(), options, refused, locale);
        progress.progress(Phase.WRITING, total, total);
        return changes;
    }

    private ImportError error(String pointer, Locale locale, String key, Object... args) {
        return new ImportError(pointer, message(locale, key, args));
    }

    private String message(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, locale);
    }
}
