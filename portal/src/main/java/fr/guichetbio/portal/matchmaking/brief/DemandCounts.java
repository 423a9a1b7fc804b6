package fr.guichetbio.portal.matchmaking.brief;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read API over the anonymised demand records for other modules (dashboards, open data): counts grouped in SQL, never
 * the records themselves. Small counts are returned as they are: the reader applies the small-cell rule.
 */
@Component
public class DemandCounts {

    /** How many briefs were opened in a quarter for a modality in a region (INSEE code, or null when unknown). */
    public record Count(String quarter, String regionCode, String modality, long briefs) {}

    private final JdbcClient jdbc;

    DemandCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<Count> byQuarterRegionModality() {
        return jdbc.sql("""
                        select opened_quarter, region_code, modality, count(*) as briefs
                        from demand_record
                        group by opened_quarter, region_code, modality
                        order by opened_quarter, region_code nulls last, modality
                        """)
                .query((rs, row) -> new Count(
                        rs.getString("opened_quarter"),
                        rs.getString("region_code"),
                        rs.getString("modality"),
                        rs.getLong("briefs")))
                .list();
    }
}
