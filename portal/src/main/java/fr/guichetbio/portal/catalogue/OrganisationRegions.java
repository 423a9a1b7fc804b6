package fr.guichetbio.portal.catalogue;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where an organisation works, as a region, for figures by region (training's certificates): the region of its oldest
 * site in France (lowest id), one stable and explainable rule. Any site counts, published or not: it says where the
 * organisation works, not what the catalogue shows.
 */
@Service
public class OrganisationRegions {

    private final JdbcClient jdbc;

    OrganisationRegions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The INSEE region code of the organisation's oldest French site; empty when it has none. */
    @Transactional(readOnly = true)
    public Optional<String> of(long organisationId) {
        return jdbc.sql("""
                        select region_code from site
                         where organisation_id = :organisation and country = 'FR' and region_code is not null
                         order by id limit 1
                        """)
                .param("organisation", organisationId)
                .query(String.class)
                .optional();
    }
}
