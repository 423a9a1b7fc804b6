package fr.guichetbio.training.certification;

import fr.guichetbio.training.CertificateIssued;
import fr.guichetbio.training.CertificateRevoked;
import fr.guichetbio.training.Learner;
import fr.guichetbio.training.Learners;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Certificates ({@code certificate}): issued when a learner completes a course version, valid for the months the
 * version sets, read by their public identifier (verification page, badge, PDF) or by holder, revoked by an
 * administrator. A new certificate of a course supersedes the holder's previous one.
 */
@Service
public class Certificates {

    /** 26 characters of RFC 4648 base32, lower case: 130 bits, of which 128 random. */
    private static final Pattern ID = Pattern.compile("[a-z2-7]{26}");

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    /** The longest revocation reason, in characters (the holder reads it; the column holds it). */
    public static final int MAX_REASON = 500;

    private static final String SELECT = """
            select t.*, c.code course_code, v.title course_title, v.language course_language, v.major, v.minor
              from certificate t
              join course c on c.id = t.course_id
              join course_version v on v.id = t.course_version_id
            """;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Learners learners;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Autowired
    Certificates(JdbcClient jdbc, ApplicationEventPublisher events, Learners learners) {
        this(jdbc, events, learners, Clock.systemUTC());
    }

    Certificates(JdbcClient jdbc, ApplicationEventPublisher events, Learners learners, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.learners = learners;
        this.clock = clock;
    }

    /** Whether the text has the shape of a certificate identifier (checked before any query). */
    public static boolean isIdentifier(String text) {
        return text != null && ID.matcher(text).matches();
    }

    public Optional<Certificate> find(String id) {
        if (!isIdentifier(id)) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " where t.id = :id")
                .param("id", id)
                .query(Certificates::certificate)
                .optional();
    }

    /** The certificate, locked until the end of the transaction (a renewal goes one attempt at a time). */
    Optional<Certificate> lock(String id) {
        if (!isIdentifier(id)) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " where t.id = :id for update of t")
                .param("id", id)
                .query(Certificates::certificate)
                .optional();
    }

    /** The person's certificates, the most recent first (superseded and revoked ones included). */
    public List<Certificate> of(long personId) {
        return jdbc.sql(SELECT + " where t.person_id = :person order by t.issued_at desc, t.id")
                .param("person", personId)
                .query(Certificates::certificate)
                .list();
    }

    /** The current certificate (not superseded) of each course these people hold, for the training matrix. */
    List<Certificate> current(Collection<Long> personIds) {
        if (personIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where t.person_id in (:people) and t.superseded_by is null")
                .param("people", personIds)
                .query(Certificates::certificate)
                .list();
    }

    /** The status list positions of the revoked certificates, ascending. */
    public List<Integer> revokedStatusIndexes() {
        return jdbc.sql("select status_index from certificate where revoked_at is not null order by status_index")
                .query(Integer.class)
                .list();
    }

    /**
     * Issues a certificate of this course version to the person, valid from now for the version's validity;
     * supersedes their current certificate of the course, if any. Records the region where the person works now, as
     * the application's {@link Learners} tells it (none when it cannot): the skills figures count by that region.
     *
     * @param holderName the holder's name as it is now, printed on the certificate
     * @param score the passing score in percent
     */
    @Transactional
    public Certificate issue(
            long personId, String holderName, long courseVersionId, int score, boolean recertification) {
        Instant now = clock.instant();
        String id = newId();
        var version = jdbc.sql("select course_id, validity_months from course_version where id = :version")
                .param("version", courseVersionId)
                .query((rs, n) -> new long[] {rs.getLong("course_id"), rs.getInt("validity_months")})
                .single();
        Instant validUntil = now.atOffset(ZoneOffset.UTC).plusMonths(version[1]).toInstant();
        // The previous current certificate points at its successor first: one current certificate per course.
        Optional<String> previous = jdbc.sql("""
                        update certificate set superseded_by = :id
                         where person_id = :person and course_id = :course and superseded_by is null
                        returning id
                        """)
                .param("id", id)
                .param("person", personId)
                .param("course", version[0])
                .query(String.class)
                .optional();
        jdbc.sql("""
                        insert into certificate (id, person_id, holder_name, course_id, course_version_id, score,
                                                 recertification, issued_at, valid_until, region_code)
                        values (:id, :person, :holder, :course, :version, :score, :recertification, :issued, :until,
                                :region)
                        """)
                .param("id", id)
                .param("person", personId)
                .param("holder", holderName)
                .param("course", version[0])
                .param("version", courseVersionId)
                .param("score", score)
                .param("recertification", recertification)
                .param("issued", Timestamp.from(now))
                .param("until", Timestamp.from(validUntil))
                .param("region", learners.workplaceRegionOf(personId).orElse(null))
                .update();
        Certificate issued = find(id).orElseThrow();
        events.publishEvent(new CertificateIssued(
                id,
                personId,
                issued.courseCode(),
                courseVersionId,
                now,
                validUntil,
                previous.orElse(null),
                issued.courseTitle()));
        return issued;
    }

    /**
     * Revokes a certificate: the verification page, the status list and the badge say so from now on.
     *
     * @throws AccessDeniedException unless the person is a platform administrator
     * @throws IllegalArgumentException when the reason is blank or longer than 500 characters
     * @return the certificate as revoked; empty when there is no such certificate or it was revoked already
     */
    @Transactional
    public Optional<Certificate> revoke(Learner administrator, String id, String reason) {
        if (!administrator.hasRole(Learner.Role.ADMIN)) {
            throw new AccessDeniedException("Only administrators revoke certificates");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw new ReasonRefused(why.isEmpty());
        }
        if (!isIdentifier(id)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        int revoked = jdbc.sql("""
                        update certificate set revoked_at = :at, revoked_by = :by, revocation_reason = :reason
                         where id = :id and revoked_at is null
                        """)
                .param("at", Timestamp.from(now))
                .param("by", administrator.personId())
                .param("reason", why)
                .param("id", id)
                .update();
        if (revoked == 0) {
            return Optional.empty();
        }
        Certificate certificate = find(id).orElseThrow();
        events.publishEvent(new CertificateRevoked(
                id,
                certificate.personId(),
                certificate.courseCode(),
                why,
                administrator.personId(),
                now,
                certificate.courseTitle()));
        return Optional.of(certificate);
    }

    private String newId() {
        byte[] bytes = new byte[17];
        random.nextBytes(bytes);
        StringBuilder id = new StringBuilder(26);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5 && id.length() < 26) {
                id.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return id.toString();
    }

    static Certificate certificate(ResultSet rs, int row) throws SQLException {
        return new Certificate(
                rs.getString("id"),
                rs.getLong("person_id"),
                rs.getString("holder_name"),
                rs.getString("course_code"),
                rs.getString("course_title"),
                rs.getString("course_language"),
                rs.getLong("course_version_id"),
                rs.getInt("major"),
                rs.getInt("minor"),
                rs.getInt("score"),
                rs.getBoolean("recertification"),
                rs.getTimestamp("issued_at").toInstant(),
                rs.getTimestamp("valid_until").toInstant(),
                rs.getInt("status_index"),
                instant(rs.getTimestamp("revoked_at")),
                rs.getString("revocation_reason"),
                rs.getString("superseded_by"),
                instant(rs.getTimestamp("renewal_required_by")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A revocation refused for its reason: none given, or longer than {@link #MAX_REASON} characters. */
    public static final class ReasonRefused extends IllegalArgumentException {

        private final boolean missing;

        ReasonRefused(boolean missing) {
            super(
                    missing
                            ? "a revocation needs a reason"
                            : "a revocation reason has at most " + MAX_REASON + " characters");
            this.missing = missing;
        }

        /** No reason given (else: too long). */
        public boolean missing() {
            return missing;
        }
    }
}
