package fr.guichetbio.portal.catalogue.exchange;

import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.catalogue.CatalogueDocument;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Site;
import fr.guichetbio.portal.catalogue.Outbox;
import fr.guichetbio.portal.catalogue.exchange.CatalogueImport.ImportError;
import fr.guichetbio.portal.catalogue.exchange.CatalogueImport.Options;
import fr.guichetbio.portal.catalogue.listing.Catalogues;
import fr.guichetbio.portal.catalogue.listing.SiteRevisions;
import fr.guichetbio.portal.catalogue.listing.SiteWriter;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The sites of an import: the trust rules' consequences for each (which claimed levels are not applied, how a new
 * site is reviewed) and their writes in chunks of {@value #CHUNK}, each chunk with its snapshots and outbox rows.
 */
@Component
class ImportedSites {

    /** Sites written per batch. */
    static final int CHUNK = 500;

    /** The sites waiting for the next batch, with the JSON pointers of their keys. */
    static final class Pending {
        final List<Catalogues.SiteWrite> writes = new ArrayList<>();
        final List<String> pointers = new ArrayList<>();
    }

    private final SiteWriter sites;
    private final SiteRevisions revisions;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final MessageSource messages;

    ImportedSites(SiteWriter sites, SiteRevisions revisions, Outbox outbox, AuditTrail audit, MessageSource messages) {
        this.sites = sites;
        this.revisions = revisions;
        this.outbox = outbox;
        this.audit = audit;
        this.messages = messages;
    }

    /** The sites a document describes. */
    static int count(CatalogueDocument doc) {
        return doc.organisations().stream()
                .mapToInt(org -> org.sites() == null ? 0 : org.sites().size())
                .sum();
    }

    /** The {@code catalogue.imported} audit entry of one organisation of the document, with its counts. */
    void audit(
            Options options,
            long organisationId,
            String key,
            long created,
            long updated,
            long removed,
            long unchanged,
            long levelsNotApplied) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("key", key);
        counts.put("sitesCreated", created);
        counts.put("sitesUpdated", updated);
        counts.put("sitesRemoved", removed);
        counts.put("sitesUnchanged", unchanged);
        counts.put("trusted", options.trusted());
        counts.put("evidenceLevelsNotApplied", levelsNotApplied);
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

    /**
     * Warns of each level the site's evidence claims that an untrusted import does not apply (the pointer of its
     * {@code verification}); returns how many.
     */
    int levelsNotApplied(
            Site site,
            List<Catalogues.EvidenceWrite> evidence,
            boolean trusted,
            String sp,
            List<ImportError> warnings,
            Locale locale) {
        int levelsNotApplied = 0;
        for (int e = 0; e < evidence.size(); e++) {
            String claimed = site.gmpEvidence().get(e).verification();
            String stored = level(evidence.get(e).content().verification());
            if (!trusted
                    && !level(claimed).equals("SELF_DECLARED")
                    && !level(claimed).equals(stored)) {
                levelsNotApplied++;
                warnings.add(error(
                        sp + "/gmpEvidence/" + e + "/verification",
                        locale,
                        "catalogue.import.warning.levelNotApplied",
                        message(locale, Vocabulary.messageKey("verification", level(claimed))),
                        message(locale, Vocabulary.messageKey("verification", stored))));
            }
        }
        return levelsNotApplied;
    }

    /**
     * Writes the pending sites in batches, then their snapshots and outbox rows; in a dry run, or once the document
     * is known to be refused, only forgets them.
     */
    void flush(Pending pending, boolean write, Options options, List<ImportError> refused, Locale locale) {
        if (write && !pending.writes.isEmpty()) {
            try {
                List<Catalogues.Written> written = sites.write(pending.writes, options.actorPersonId());
                Map<Long, Integer> versions = new LinkedHashMap<>();
                for (int i = 0; i < written.size(); i++) {
                    Catalogues.Written site = written.get(i);
                    revisions.record(
                            site.id(), site.version(), pending.writes.get(i).site(), options.actorPersonId());
                    versions.put(site.id(), site.version());
                }
                outbox.enqueue(Outbox.Aggregate.SITE, versions);
            } catch (Catalogues.SiteChangedMeanwhile changed) {
                int index = 0;
                while (index < pending.writes.size()
                        && !pending.writes.get(index).site().key().equals(changed.siteKey)) {
                    index++;
                }
                refused.add(error(
                        index < pending.pointers.size() ? pending.pointers.get(index) : "",
                        locale,
                        "catalogue.import.error.changedMeanwhile",
                        changed.siteKey));
            }
        }
        pending.writes.clear();
        pending.pointers.clear();
    }

    /**
     * A new site's review: organisations' imports wait for a moderator. A trusted import vouches for the listing,
     * except when it vouches for none of the site's GMP evidence (all of it self-declared): a moderator looks at
     * those. In the demo data that leaves 17 of the 90 sites in the moderation queue.
     */
    static String newSiteReview(boolean trusted, List<Catalogues.EvidenceWrite> evidence) {
        if (!trusted) {
            return "PENDING";
        }
        boolean noneVouched = !evidence.isEmpty()
                && evidence.stream()
                        .allMatch(e -> level(e.content().verification()).equals("SELF_DECLARED"));
        return noneVouched ? "PENDING" : "CHECKED";
    }

    /** The site with its evidence as it will be stored (levels decided by the trust rules). */
    static Site withEvidence(Site site, List<Catalogues.EvidenceWrite> evidence) {
        return site.withLists(
                site.gmpEvidence() == null
                        ? null
                        : evidence.stream()
                                .map(Catalogues.EvidenceWrite::content)
                                .toList(),
                site.capabilities(),
                site.availability());
    }

    private static String level(String verification) {
        return verification == null ? "SELF_DECLARED" : verification;
    }

    private ImportError error(String pointer, Locale locale, String key, Object... args) {
        return new ImportError(pointer, message(locale, key, args));
    }

    private String message(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, locale);
    }
}
