package fr.guichetbio.portal.catalogue;

import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Availability;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Capability;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Evidence;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Org;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Site;
import fr.guichetbio.portal.organisation.Websites;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports a catalogue/v1 document: schema validation plus the catalogue's own rules, all errors at once with their
 * JSON pointers; then, all or nothing in one transaction, organisations and sites matched by key are created, updated
 * or removed (a site absent from a re-imported organisation is removed, and with it its capabilities). Every site
 * created, changed or removed gets an outbox row; every organisation imported gets a {@code catalogue.imported} audit
 * entry with its counts. A dry run answers the same report and writes nothing.
 *
 * <p>Organisations created by an import are {@code ACTIVE}; their portal kind is {@code SPONSOR} for the catalogue
 * kinds BIOTECH and INTEGRATED_PHARMA, {@code MANUFACTURER} otherwise. An existing organisation keeps its portal
 * kind and status; its name, website, description (FR in the profile's description, EN alongside), SIREN, catalogue
 * kind and contact email are replaced by the document's.
 */
@Service
public class CatalogueImport {

    private final CatalogueSchema schema;
    private final Catalogues catalogues;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final MessageSource messages;
    private final JsonMapper json;

    CatalogueImport(
            CatalogueSchema schema,
            Catalogues catalogues,
            AuditTrail audit,
            TransactionTemplate transactions,
            MessageSource messages,
            JsonMapper json) {
        this.schema = schema;
        this.catalogues = catalogues;
        this.audit = audit;
        this.transactions = transactions;
        this.messages = messages;
        this.json = json.rebuild()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
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

    /** The outcome: errors (then nothing was written), or the changes. */
    public record Report(boolean dryRun, List<ImportError> errors, List<Change> changes) {

        public Report {
            errors = List.copyOf(errors);
            changes = List.copyOf(changes);
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

    /** Validates the document, then imports it unless it has errors or this is a dry run. */
    public Report importDocument(String document, Options options, Locale locale) {
        List<ImportError> errors = new ArrayList<>();
        for (CatalogueSchema.Violation violation : schema.validate(document, locale)) {
            errors.add(new ImportError(violation.pointer(), violation.message()));
        }
        CatalogueDocument parsed = null;
        try {
            parsed = json.readValue(document, CatalogueDocument.class);
        } catch (RuntimeException unreadable) {
            if (errors.isEmpty()) {
                errors.add(
                        new ImportError("", message(locale, "catalogue.import.error.json", unreadable.getMessage())));
            }
        }
        if (parsed == null || parsed.organisations() == null) {
            return new Report(options.dryRun(), errors, List.of());
        }
        CatalogueDocument doc = parsed;
        checkRules(doc, errors, locale);
        if (!errors.isEmpty()) {
            return new Report(options.dryRun(), errors, List.of());
        }
        return transactions.execute(status -> {
            List<ImportError> refused = new ArrayList<>();
            List<Change> changes = apply(doc, options, refused, locale);
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
            return new Report(options.dryRun(), List.of(), changes);
        });
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

    // ---- writing ----

    private List<Change> apply(CatalogueDocument doc, Options options, List<ImportError> refused, Locale locale) {
        List<Change> changes = new ArrayList<>();
        boolean write = !options.dryRun();
        if (options.ownerOrganisationId() != null && doc.organisations().size() > 1) {
            refused.add(error("/organisations", locale, "catalogue.import.error.oneOrganisation"));
            return List.of(new Change("forbidden", null, null));
        }
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
                    refused.add(error(op + "/key", locale, "catalogue.import.error.notOwnOrganisation", org.key()));
                    return List.of(new Change("forbidden", null, null));
                }
                existing = own;
            }
            long organisationId;
            Map<String, Catalogues.SiteRef> currentSites;
            Org current = null;
            String domain = Websites.domainOf(org.website());
            if (existing.isEmpty()) {
                changes.add(new Change("organisation", org.key(), Action.CREATED));
                currentSites = Map.of();
                organisationId = write
                        ? catalogues.createOrganisation(
                                freeSlug(org.key()),
                                org,
                                Vocabulary.CatalogueKind.valueOf(org.kind()).isSponsor() ? "SPONSOR" : "MANUFACTURER",
                                domain)
                        : -1;
                if (write) {
                    catalogues.outbox("organisation", organisationId, 0);
                }
            } else {
                organisationId = existing.get().id();
                currentSites = catalogues.sitesOf(organisationId);
                current = catalogues.read(organisationId).orElseThrow();
                boolean same = withoutSites(current).equals(withoutSites(org));
                changes.add(new Change("organisation", org.key(), same ? Action.UNCHANGED : Action.UPDATED));
                if (!same && write) {
                    int version = catalogues.updateOrganisation(organisationId, org, domain);
                    catalogues.outbox("organisation", organisationId, version);
                }
            }
            Map<String, Site> currentContent = new LinkedHashMap<>();
            if (current != null) {
                current.sites().forEach(site -> currentContent.put(site.key(), site));
            }
            long created = 0, updated = 0, removed = 0, unchanged = 0;
            for (int s = 0; s < org.sites().size(); s++) {
                Site site = org.sites().get(s);
                Catalogues.SiteRef ref = currentSites.get(site.key());
                if (ref == null) {
                    Optional<Catalogues.SiteRef> elsewhere = catalogues.siteByKey(site.key());
                    if (elsewhere.isPresent()) {
                        refused.add(error(
                                op + "/sites/" + s + "/key",
                                locale,
                                "catalogue.import.error.siteOfOtherOrganisation",
                                site.key()));
                        continue;
                    }
                    changes.add(new Change("site", site.key(), Action.CREATED));
                    created++;
                    if (write) {
                        long id = catalogues.insertSite(organisationId, site, options.actorPersonId());
                        catalogues.outbox("site", id, 0);
                    }
                } else if (normalise(site).equals(normalise(currentContent.get(site.key())))) {
                    changes.add(new Change("site", site.key(), Action.UNCHANGED));
                    unchanged++;
                } else {
                    changes.add(new Change("site", site.key(), Action.UPDATED));
                    updated++;
                    if (write) {
                        int version = catalogues.updateSite(ref.id(), organisationId, site, options.actorPersonId());
                        catalogues.outbox("site", ref.id(), version);
                    }
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
                        catalogues.outbox(
                                "site", gone.getValue().id(), gone.getValue().version() + 1);
                    }
                }
            }
            if (write) {
                Map<String, Object> counts = new LinkedHashMap<>();
                counts.put("key", org.key());
                counts.put("sitesCreated", created);
                counts.put("sitesUpdated", updated);
                counts.put("sitesRemoved", removed);
                counts.put("sitesUnchanged", unchanged);
                audit.record(new AuditEvent(
                        options.actorPersonId(),
                        options.actorClientId(),
                        organisationId,
                        "catalogue.imported",
                        "organisation",
                        String.valueOf(organisationId),
                        null,
                        counts));
            }
        }
        return changes;
    }

    private String freeSlug(String key) {
        String slug = key;
        for (int n = 2; catalogues.slugTaken(slug); n++) {
            String suffix = "-" + n;
            slug = key.substring(0, Math.min(key.length(), 64 - suffix.length())) + suffix;
        }
        return slug;
    }

    private static Org withoutSites(Org org) {
        return new Org(
                org.key(),
                org.name(),
                org.siren(),
                org.kind(),
                org.website(),
                org.description(),
                org.contactEmail(),
                null);
    }

    /** Empty lists and absent lists mean the same. */
    static Site normalise(Site site) {
        if (site == null) {
            return null;
        }
        return new Site(
                site.key(),
                site.name(),
                site.siret(),
                site.address(),
                site.location(),
                site.identifiers(),
                empty(site.gmpEvidence()),
                empty(
                        site.capabilities() == null
                                ? null
                                : site.capabilities().stream()
                                        .map(c -> new Capability(
                                                c.modality(),
                                                c.services(),
                                                c.stages(),
                                                empty(c.expressionSystems()),
                                                c.gmp(),
                                                empty(c.bioreactors()),
                                                c.cleanroomSuites(),
                                                c.batchesPerYear(),
                                                c.notes()))
                                        .toList()),
                empty(site.availability()));
    }

    private static <T> List<T> empty(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }

    private ImportError error(String pointer, Locale locale, String key, Object... args) {
        return new ImportError(pointer, message(locale, key, args));
    }

    private String message(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, locale);
    }
}
