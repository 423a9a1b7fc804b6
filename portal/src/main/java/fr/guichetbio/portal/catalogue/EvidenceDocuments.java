package fr.guichetbio.portal.catalogue;

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

    /** At most 10 MiB, as the issue says; the database checks it too. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;

    /** A stored certificate, without its content. */
    public record Document(long evidenceId, String fileName, int sizeBytes, String sha256, Instant uploadedAt) {}

    private final JdbcClient jdbc;

    EvidenceDocuments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Document> find(long evidenceId) {
        return jdbc.sql("select evidence_id, file_name, size_bytes, sha256, uploaded_at from evidence_document"
                        + " where evidence_id = :id")
                .param("id", evidenceId)
                .query((rs, n) -> new Document(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .optional();
    }

    public Optional<byte[]> content(long evidenceId) {
        return jdbc.sql("select content from evidence_document where evidence_id = :id")
                .param("id", evidenceId)
                .query(byte[].class)
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

    /** Whether the bytes are a PDF: the signature {@code %PDF-} opens the file (magic bytes, not the name). */
    public static boolean isPdf(byte[] content) {
        byte[] magic = {'%', 'P', 'D', 'F', '-'};
        if (content == null || content.length < magic.length + 3) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
