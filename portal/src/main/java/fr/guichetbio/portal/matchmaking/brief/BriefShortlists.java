package fr.guichetbio.portal.matchmaking.brief;

import fr.guichetbio.catalogue.index.match.Need;
import fr.guichetbio.catalogue.index.match.Shortlist;
import fr.guichetbio.catalogue.index.match.Shortlister;
import fr.guichetbio.catalogue.index.search.MatchingSites;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A brief's shortlist, computed by Elasticsearch over the catalogue index ({@link Shortlister}): the brief read as a
 * {@link Need}. A brief without a start window prefers an open slot within the next four quarters.
 */
@Component
public class BriefShortlists {

    /** The most sites a shortlist lists (the count says how many meet the required criteria). */
    public static final int SIZE = 20;

    private final Shortlister shortlister;

    BriefShortlists(Shortlister shortlister) {
        this.shortlister = shortlister;
    }

    public Shortlist of(Brief brief, Clock clock) {
        return of(brief, clock, SIZE);
    }

    /** The best {@code size} sites (at most 100). */
    public Shortlist of(Brief brief, Clock clock, int size) {
        return shortlister.shortlist(need(brief.content(), clock), Math.min(size, 100));
    }

    /**
     * Every site meeting the brief's required criteria, by key, at most {@code limit}: the shortlist's filters in one
     * request, without ranking (what a brief's alert compares from one day to the next).
     */
    public MatchingSites matching(Brief brief, Clock clock, int limit) {
        return shortlister.matching(need(brief.content(), clock), limit);
    }

    /** Why a site is not on the brief's shortlist; empty when no public site has that key. */
    public Optional<Shortlist.Exclusion> whyMissing(Brief brief, String siteKey, Clock clock) {
        return shortlister.whyMissing(need(brief.content(), clock), siteKey);
    }

    /** The quarters the shortlist prefers an open slot in. */
    public List<String> startQuarters(Brief brief, Clock clock) {
        return startQuarters(brief.content(), clock);
    }

    static Need need(BriefContent c, Clock clock) {
        Need.Region region = switch (c.region()) {
            case ANYWHERE -> new Need.Region.Anywhere();
            case FRANCE -> new Need.Region.France();
            case EU -> new Need.Region.EuropeanUnion();
            case NEAR -> new Need.Region.Near(c.place().lat(), c.place().lon(), c.radiusKm());
        };
        return new Need(
                c.modality().name(),
                c.stage() == null ? null : c.stage().name(),
                region,
                Need.Verification.valueOf(c.minimumVerification().name()),
                c.gmpRequired(),
                c.expressionSystem() == null ? null : c.expressionSystem().name(),
                c.services().stream().map(Enum::name).toList(),
                c.technologies().stream().map(Enum::name).toList(),
                c.preferredTechnologies().stream().map(Enum::name).toList(),
                c.litresPerBatch(),
                startQuarters(c, clock));
    }

    /** The quarters of the start window: as written, open-ended windows four quarters long. */
    static List<String> startQuarters(BriefContent c, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        BriefContent.Quarter current = new BriefContent.Quarter(today.getYear(), (today.getMonthValue() + 2) / 3);
        BriefContent.Quarter from = c.startFrom() == null ? current : c.startFrom();
        BriefContent.Quarter to = c.startTo() == null ? plus(from, 3) : c.startTo();
        return from.through(to).stream().map(BriefContent.Quarter::toString).toList();
    }

    private static BriefContent.Quarter plus(BriefContent.Quarter q, int quarters) {
        int index = q.year() * 4 + (q.quarter() - 1) + quarters;
        return new BriefContent.Quarter(index / 4, index % 4 + 1);
    }
}
