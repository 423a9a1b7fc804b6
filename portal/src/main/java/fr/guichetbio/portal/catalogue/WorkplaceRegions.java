package fr.guichetbio.portal.catalogue;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where a person works, as a region, for figures by region (training's certificates): read from the sites of their
 * organisations. The rule, one of several possible but stable and explainable: among the organisations the person is
 * a member of, the one they joined first that has a site in France; the region of its oldest site in France (lowest
 * id). Any site counts, published or not: it says where the organisation works, not what the catalogue shows.
 */
@Service
public class WorkplaceRegions {

    private final JdbcClient jdbc;

    WorkplaceRegions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The INSEE region code of the person's workplace; empty when none of their organisations has a French site. */
    @Transactional(readOnly = true)
    public Optional<String> of(long personId) {
        // membership is the organisation module's table, read here in the same statement as the sites: one indexed
        // read (membership_person_idx, site_organisation_idx) when a certificate is issued.
        return jdbc.sql("""
                        select s.region_code
                          from membership m
                          join site s on s.organisation_id = m.organisation_id
                         where m.person_id = :person and s.country = 'FR' and s.region_code is not null
                         order by m.joined_at, m.organisation_id, s.id
                         limit 1
                        """).param("person", personId).query(String.class).optional();
    }
}
