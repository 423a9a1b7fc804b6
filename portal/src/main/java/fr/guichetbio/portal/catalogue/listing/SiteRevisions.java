package fr.guichetbio.portal.catalogue.listing;

import fr.guichetbio.portal.catalogue.CatalogueDocument;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Site;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every version of every site as a catalogue/v1 snapshot. Written in the transaction of the change that made the
 * version; read to show a member whose save was refused what another member changed in the meantime.
 */
@Repository
public class SiteRevisions {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SiteRevisions(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json.rebuild()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    public void record(long siteId, int version, Site content, Long personId) {
        jdbc.sql("""
                        insert into site_revision (site_id, version, content, changed_by)
                        values (:site, :version, cast(:content as jsonb), :person)
                        on conflict (site_id, version) do update set content = excluded.content,
                            changed_by = excluded.changed_by, changed_at = current_timestamp
                        """)
                .param("site", siteId)
                .param("version", version)
                .param("content", json.writeValueAsString(CatalogueDocument.normalise(content)))
                .param("person", personId, java.sql.Types.BIGINT)
                .update();
    }

    /**
     * Keeps the snapshot of a version read by an editor if none was kept when it was written (versions written before
     * snapshots existed), so that a refused save can still show what changed since.
     */
    void keepIfMissing(long siteId, int version, Site content) {
        jdbc.sql("""
                        insert into site_revision (site_id, version, content)
                        values (:site, :version, cast(:content as jsonb))
                        on conflict (site_id, version) do nothing
                        """)
                .param("site", siteId)
                .param("version", version)
                .param("content", json.writeValueAsString(CatalogueDocument.normalise(content)))
                .update();
    }

    Optional<Site> find(long siteId, int version) {
        return jdbc.sql("select content::text from site_revision where site_id = :site and version = :version")
                .param("site", siteId)
                .param("version", version)
                .query(String.class)
                .optional()
                .map(content -> json.readValue(content, Site.class));
    }
}
