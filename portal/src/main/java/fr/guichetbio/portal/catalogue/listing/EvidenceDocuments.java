package fr.guichetbio.portal.catalogue.listing;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The certificates (PDF) attached to GMP evidence, one per piece of evidence, stored in the database: never under the
 * web root, shared by every portal replica, backed up with the catalogue and gone with the evidence.
 */
@Repository
public class EvidenceDocuments {

    /** A stored certificate, without its content. */
    public record Document(long evidenceId, String fileName, int sizeBytes, String sha256, Instant uploadedAt) {}

    private final JdbcClient jdbc;

    EvidenceDocuments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A certificate with its content, as served to the organisation and moderators. */
    public record Certificate(String fileName, byte[] content) {}

    /**
     * The certificate of a piece of evidence of the site with this key, in this organisation (so that a URL naming
     * another organisation's evidence finds nothing).
     */
    Optional<Certificate> certificate(long organisationId, String siteKey, long evidenceId) {
        return jdbc.sql("""
                        select d.file_name, d.content from evidence_document d
                          join gmp_evidence e on e.id = d.evidence_id
                          join site s on s.id = e.site_id
                         where d.evidence_id = :id and s.site_key = :key and s.organisation_id = :o
                        """)
                .param("id", evidenceId)
                .param("key", siteKey)
                .param("o", organisationId)
                .query((rs, n) -> new Certificate(rs.getString(1), rs.getBytes(2)))
                .optional();
    }

    void store(long evidenceId, String fileName, byte[] content, String sha256, long personId) {
        jdbc.sql("""
                        insert into evidence_document (evidence_id, file_name, size_bytes, sha256, content, uploaded_by)
                        values (:id, :name, :size, :sha, :content, :person)
                        on conflict (evidence_id) do update set file_name = excluded.file_name,
                            size_bytes = excluded.size_bytes, sha256 = excluded.sha256, content = excluded.content,
                            uploaded_by = excluded.uploaded_by, uploaded_at = current_timestamp
                        """)
                .param("id", evidenceId)
                .param("name", fileName)
                .param("size", content.length)
                .param("sha", sha256)
                .param("content", content)
                .param("person", personId)
                .update();
    }
}
