package fr.guichetbio.training.course;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Images and documents of a course version ({@code course_file}): what a lesson shows by name ({@code
 * ![Schéma](schema.png)}, {@code [Fiche](fiche.pdf)}). The type is decided by the file's first bytes, not by what the
 * uploader claims, and must agree with the name's extension; the database freezes them with their version.
 */
@Repository
public class CourseFiles {

    public static final int MAX_BYTES = 5 * 1024 * 1024;
    public static final int MAX_FILES = 50;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*\\.(png|jpg|webp|pdf)");

    private final JdbcClient jdbc;

    public CourseFiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored file. */
    public record CourseFile(String name, String mediaType, byte[] content, String sha256) {}

    /** A file listed (without its bytes). */
    public record Listed(String name, String mediaType, int bytes) {

        /** An image a lesson shows (the others are documents it links to). */
        public boolean image() {
            return mediaType.startsWith("image/");
        }
    }

    /** Why a file was refused: a message key of the portal's bundles. */
    public static final class Refused extends RuntimeException {

        private final String reason;

        Refused(String reason) {
            super(reason);
            this.reason = reason;
        }

        /** {@code name}, {@code empty}, {@code size}, {@code type}, {@code count} or {@code taken}. */
        public String reason() {
            return reason;
        }
    }

    /**
     * Stores a file in a draft version.
     *
     * @param name what lessons call it: lower-case letters, digits, {@code -} and {@code _}, then {@code .png},
     *     {@code .jpg}, {@code .webp} or {@code .pdf} (upper-case names are lowered)
     * @throws Refused when the name, size, type or count is not acceptable, or the name is taken
     */
    public CourseFile store(long draftVersionId, String name, byte[] content) {
        String normalised =
                name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace(".jpeg", ".jpg");
        if (!NAME.matcher(normalised).matches() || normalised.length() > 100) {
            throw new Refused("name");
        }
        if (content == null || content.length == 0) {
            throw new Refused("empty");
        }
        if (content.length > MAX_BYTES) {
            throw new Refused("size");
        }
        String type = mediaType(content).orElseThrow(() -> new Refused("type"));
        if (!type.equals(expected(normalised))) {
            throw new Refused("type");
        }
        if (list(draftVersionId).size() >= MAX_FILES) {
            throw new Refused("count");
        }
        if (find(draftVersionId, normalised).isPresent()) {
            throw new Refused("taken");
        }
        String sha256 = sha256(content);
        jdbc.sql("""
                        insert into course_file (course_version_id, name, media_type, content, sha256)
                        values (:version, :name, :type, :content, :sha)
                        """)
                .param("version", draftVersionId)
                .param("name", normalised)
                .param("type", type)
                .param("content", content)
                .param("sha", sha256)
                .update();
        return new CourseFile(normalised, type, content, sha256);
    }

    public Optional<CourseFile> find(long versionId, String name) {
        return jdbc.sql("select * from course_file where course_version_id = :version and name = :name")
                .param("version", versionId)
                .param("name", name)
                .query((rs, n) -> new CourseFile(
                        rs.getString("name"),
                        rs.getString("media_type"),
                        rs.getBytes("content"),
                        rs.getString("sha256")))
                .optional();
    }

    public List<Listed> list(long versionId) {
        return jdbc.sql("""
                        select name, media_type, octet_length(content) bytes from course_file
                         where course_version_id = :version order by name
                        """)
                .param("version", versionId)
                .query((rs, n) -> new Listed(rs.getString("name"), rs.getString("media_type"), rs.getInt("bytes")))
                .list();
    }

    /** Copies the files of one version into a new draft (a new version starts with its predecessor's files). */
    public void copy(long fromVersionId, long toDraftVersionId) {
        jdbc.sql("""
                        insert into course_file (course_version_id, name, media_type, content, sha256)
                        select :to, name, media_type, content, sha256 from course_file where course_version_id = :from
                        """).param("from", fromVersionId).param("to", toDraftVersionId).update();
    }

    public void delete(long draftVersionId, String name) {
        jdbc.sql("delete from course_file where course_version_id = :version and name = :name")
                .param("version", draftVersionId)
                .param("name", name)
                .update();
    }

    /** The type the content's signature shows; empty for anything else (SVG, HTML, executables…). */
    static Optional<String> mediaType(byte[] content) {
        if (startsWith(content, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of("image/png");
        }
        if (startsWith(content, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(content, 0, 'R', 'I', 'F', 'F') && startsWith(content, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of("image/webp");
        }
        if (startsWith(content, 0, '%', 'P', 'D', 'F', '-')) {
            return Optional.of("application/pdf");
        }
        return Optional.empty();
    }

    private static String expected(String name) {
        return switch (name.substring(name.lastIndexOf('.') + 1)) {
            case "png" -> "image/png";
            case "jpg" -> "image/jpeg";
            case "webp" -> "image/webp";
            default -> "application/pdf";
        };
    }

    private static boolean startsWith(byte[] content, int offset, int... signature) {
        if (content.length < offset + signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((content[offset + i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
