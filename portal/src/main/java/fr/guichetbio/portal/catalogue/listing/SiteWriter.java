package fr.guichetbio.portal.catalogue.listing;

import fr.guichetbio.portal.catalogue.CatalogueDocument.Site;
import fr.guichetbio.portal.catalogue.listing.Catalogues.SiteWrite;
import fr.guichetbio.portal.catalogue.listing.Catalogues.Written;
import fr.guichetbio.portal.catalogue.moderation.EvidenceReviews;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Writes sites with their children and then the levels of their GMP evidence, in the caller's transaction: the
 * repository writes the content, {@link EvidenceReviews} (the one owner of levels) the levels, so neither needs the
 * other.
 */
@Component
public class SiteWriter {

    private final Catalogues catalogues;
    private final SiteTables tables;
    private final EvidenceReviews reviews;

    SiteWriter(Catalogues catalogues, SiteTables tables, EvidenceReviews reviews) {
        this.catalogues = catalogues;
        this.tables = tables;
        this.reviews = reviews;
    }

    /** See {@link SiteTables#writeSites}; then the evidence's levels as {@code writes} decided them. */
    public List<Written> write(List<SiteWrite> writes, Long actorPersonId) {
        List<Written> written = tables.writeSites(writes, actorPersonId);
        reviews.recordLevels(writes, written, actorPersonId);
        return written;
    }

    /**
     * Inserts a site and its children as a member's new listing: its evidence self-declared, the site waiting for a
     * moderator; returns its id (version 0).
     */
    long insertMemberSite(long organisationId, Site site, Long personId) {
        SiteWrite write = new SiteWrite(
                null,
                null,
                organisationId,
                site,
                EvidenceReviews.match(List.of(), site.gmpEvidence(), false),
                "PENDING");
        return write(List.of(write), personId).getFirst().id();
    }

    /**
     * Replaces a site's fields and children as a member's edit (the caller has locked the site); returns its new
     * version. Evidence keeps its rows when matched (see {@link EvidenceReviews#match}): the same evidence keeps its
     * level, changed or new evidence is self-declared.
     */
    int updateMemberSite(long id, long organisationId, Site site, Long personId) {
        List<Catalogues.StoredEvidence> stored = catalogues.evidenceOfSite(id);
        SiteWrite write = new SiteWrite(
                id, null, organisationId, site, EvidenceReviews.match(stored, site.gmpEvidence(), false), null);
        return write(List.of(write), personId).getFirst().version();
    }
}
