package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichetbio.infra.launcher.Stack;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * Certificates written straight into the stack's database, for tests that need one at a given point of its life
 * (the clock "moved": ending in 30 days, expiring) without taking a course first. The row is what training writes on
 * completion; the person must have signed in once.
 */
final class StackCertificates {

    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private StackCertificates() {}

    /**
     * Gives the person a certificate of the course's latest published version, issued {@code issuedAgo} ago and
     * ending in {@code endsIn} (PostgreSQL intervals, e.g. {@code '23 months'}, {@code '30 days - 1 hour'}); it
     * replaces their current certificate of the course, if any.
     *
     * @return the certificate's identifier
     */
    static String give(Stack stack, String email, String courseCode, String issuedAgo, String endsIn) throws Exception {
        String id = identifier();
        try (Connection db = new StackCatalogue(stack).connection()) {
            db.setAutoCommit(false);
            try (PreparedStatement supersede = db.prepareStatement("""
                            update certificate t set superseded_by = ?
                              from person p, course c
                             where p.id = t.person_id and lower(p.email) = lower(?) and c.id = t.course_id
                               and c.code = ? and t.superseded_by is null
                            """);
                    PreparedStatement insert = db.prepareStatement("""
                            insert into certificate (id, person_id, holder_name, course_id, course_version_id, score,
                                                     issued_at, valid_until)
                            select ?, p.id, p.name, v.course_id, v.id, 90, now() - cast(? as interval),
                                   now() + cast(? as interval)
                              from person p, course_version v join course c on c.id = v.course_id
                             where lower(p.email) = lower(?) and c.code = ? and v.status = 'PUBLISHED'
                             order by v.major desc, v.minor desc limit 1
                            """)) {
                supersede.setString(1, id);
                supersede.setString(2, email);
                supersede.setString(3, courseCode);
                supersede.executeUpdate();
                insert.setString(1, id);
                insert.setString(2, issuedAgo);
                insert.setString(3, endsIn);
                insert.setString(4, email);
                insert.setString(5, courseCode);
                assertThat(insert.executeUpdate())
                        .as("a certificate of " + courseCode)
                        .isEqualTo(1);
            }
            db.commit();
        }
        return id;
    }

    /** A certificate of the GMP course for the trainee (who must have signed in once), valid three years. */
    static String ofTheTrainee(Stack stack) throws Exception {
        // The demo courses are published once the portal is up.
        try (Connection db = new StackCatalogue(stack).connection()) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        try (ResultSet rs = db.createStatement().executeQuery("""
                                select count(*) from course_version v join course c on c.id = v.course_id
                                 where c.code = 'bpf-fondamentaux' and v.status = 'PUBLISHED'
                                """)) {
                            return rs.next() && rs.getInt(1) > 0;
                        }
                    });
            String email;
            try (ResultSet rs =
                    db.createStatement().executeQuery("select email from person where subject = 'trainee'")) {
                assertThat(rs.next()).as("the trainee has signed in").isTrue();
                email = rs.getString(1);
            }
            return give(stack, email, "bpf-fondamentaux", "0 days", "3 years");
        }
    }

    /**
     * An identifier of the form training gives (26 characters of base32, 130 random bits). Written again here rather
     * than taken from training: the tests write rows as an outside tool would.
     */
    private static String identifier() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 26; i++) {
            id.append(BASE32.charAt(RANDOM.nextInt(BASE32.length())));
        }
        return id.toString();
    }
}
