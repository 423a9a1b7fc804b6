package fr.guichetbio.portal.matchmaking.brief;

import fr.guichetbio.catalogue.index.SiteDocument;
import fr.guichetbio.portal.matchmaking.BriefOpened;
import fr.guichetbio.portal.search.Gazetteer;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns each opened brief into an anonymised demand record (table {@code demand_record}) once the opening is
 * committed: what was asked, where, when, and how many manufacturer sites met the required criteria — counted by
 * the same shortlist request. When Elasticsearch cannot answer, the listener fails and the event publication registry
 * delivers it again later; a brief is recorded once.
 */
@Component
class DemandRecords {

    /** Yearly mass bands, kg: research lots to commercial supply. */
    private static final double[] QUANTITY_UPPER_KG = {1, 10, 100, 1000};

    private static final String[] QUANTITY_BANDS = {"UP_TO_1", "1_10", "10_100", "100_1000", "OVER_1000"};

    private final Briefs briefs;
    private final BriefShortlists shortlists;
    private final Gazetteer gazetteer;
    private final JdbcClient jdbc;

    DemandRecords(Briefs briefs, BriefShortlists shortlists, Gazetteer gazetteer, JdbcClient jdbc) {
        this.briefs = briefs;
        this.shortlists = shortlists;
        this.gazetteer = gazetteer;
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(BriefOpened opened) {
        Brief brief = briefs.find(opened.briefId()).orElse(null);
        if (brief == null) {
            return;
        }
        BriefContent c = brief.content();
        long qualified = shortlists
                .of(brief, java.time.Clock.system(ZoneId.of("Europe/Paris")), 1)
                .total();
        LocalDate day = brief.updatedInFrance().toLocalDate();
        String regionCode = c.place() == null
                ? null
                : gazetteer
                        .find(c.place().name())
                        .map(Gazetteer.Place::regionCode)
                        .orElse(null);
        jdbc.sql("""
                        insert into demand_record (brief_id, modality, stage, quantity_band, scale_band, region,
                            region_code, opened_quarter, qualified_sites)
                        values (:brief, :modality, :stage, :quantity, :scale, :region, :regionCode, :quarter,
                            :qualified)
                        on conflict (brief_id) do nothing
                        """)
                .param("brief", brief.id())
                .param("modality", c.modality().name())
                .param("stage", c.stage() == null ? null : c.stage().name())
                .param("quantity", c.annualQuantityKg() == null ? null : quantityBand(c.annualQuantityKg()))
                .param("scale", c.litresPerBatch() == null ? null : SiteDocument.scaleBand(c.litresPerBatch()))
                .param("region", c.region().name())
                .param("regionCode", regionCode)
                .param("quarter", day.getYear() + "-Q" + ((day.getMonthValue() + 2) / 3))
                .param("qualified", qualified)
                .update();
    }

    static String quantityBand(double kg) {
        for (int band = 0; band < QUANTITY_UPPER_KG.length; band++) {
            if (kg <= QUANTITY_UPPER_KG[band]) {
                return QUANTITY_BANDS[band];
            }
        }
        return QUANTITY_BANDS[QUANTITY_BANDS.length - 1];
    }
}
