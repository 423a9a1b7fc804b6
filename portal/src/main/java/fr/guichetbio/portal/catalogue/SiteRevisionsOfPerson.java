package fr.guichetbio.portal.catalogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** The site versions a person wrote, for their personal data export (the catalogue owns {@code site_revision}). */
@Service
public class SiteRevisionsOfPerson {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SiteRevisionsOfPerson(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Every revision the person authored, oldest first, with the snapshot as written. */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> export(long personId) {
        return jdbc.sql("""
                        select r.site_id, s.site_key, r.version, r.changed_at, r.content::text as content
                          from site_revision r join site s on s.id = r.site_id
                         where r.changed_by = :person
                         order by r.changed_at, r.site_id, r.version
                        """)
                .param("person", personId)
                .query((rs, n) -> {
                    Map<String, Object> revision = new LinkedHashMap<>();
                    revision.put("siteId", rs.getLong("site_id"));
                    revision.put("siteKey", rs.getString("site_key"));
                    revision.put("version", rs.getInt("version"));
                    revision.put(
                            "changedAt",
                            rs.getTimestamp("changed_at").toInstant().toString());
                    revision.put("content", json.readTree(rs.getString("content")));
                    return revision;
                })
                .list();
    }
}
