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

    /** At most 10 MiB, as the issue says; the database checks it too. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;

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

    /** The uploaded file's name without path or control characters, at most 255 characters. */
    static String safeFileName(String fileName) {
        String name =
                fileName == null ? "" : fileName.replaceAll("^.*[/\\\\]", "").replaceAll("[\\p{Cntrl}\"]", "");
        name = name.isBlank() ? "certificat.pdf" : name.strip();
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }

    static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
