package fr.guichetbio.training.transcript;

import fr.guichetbio.training.Learner;
import fr.guichetbio.training.Learners;
import fr.guichetbio.training.certification.Certificates;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Transcripts and their share links ({@code transcript_share}, written here only). A learner reads their own
 * transcript, creates links to it (at most {@link #MAX_SHARES} live at once) and revokes them; anyone holding a live
 * link reads the same transcript. A revoked link is deleted: it stops working at once.
 */
@Service
public class Transcripts {

    /** Enough for every employer a learner applies to at once; bounds what one account can make us store. */
    public static final int MAX_SHARES = 20;

    /** 32 random bytes in unpadded base64url: 43 characters. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final JdbcClient jdbc;
    private final Certificates certificates;
    private final Learners learners;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Autowired
    Transcripts(JdbcClient jdbc, Certificates certificates, Learners learners) {
        this(jdbc, certificates, learners, Clock.systemUTC());
    }

    Transcripts(JdbcClient jdbc, Certificates certificates, Learners learners, Clock clock) {
        this.jdbc = jdbc;
        this.certificates = certificates;
        this.learners = learners;
        this.clock = clock;
    }

    /** The person's transcript now. */
    @Transactional(readOnly = true)
    public Transcript of(long personId) {
        List<Transcript.CompletedCourse> courses = jdbc.sql("""
                        select c.code, v.title, v.language, v.major, v.minor, e.enrolled_at, e.completed_at,
                               (select max(round(100.0 * a.correct / a.total))::integer from quiz_attempt a
                                 where a.person_id = e.person_id and a.course_version_id = e.course_version_id
                                   and a.passed and a.total > 0) score
                          from enrolment e
                          join course c on c.id = e.course_id
                          join course_version v on v.id = e.course_version_id
                         where e.person_id = :person and e.completed_at is not null
                         order by e.completed_at desc, c.code
                        """)
                .param("person", personId)
                .query((rs, n) -> new Transcript.CompletedCourse(
                        rs.getString("code"),
                        rs.getString("title"),
                        rs.getString("language"),
                        rs.getInt("major") + "." + rs.getInt("minor"),
                        rs.getTimestamp("enrolled_at").toInstant(),
                        rs.getTimestamp("completed_at").toInstant(),
                        (Integer) rs.getObject("score", Integer.class)))
                .list();
        return new Transcript(
                learners.nameOf(personId).orElse(""), courses, certificates.of(personId), clock.instant());
    }

    /** The transcript a live share link shows; empty for an unknown or revoked token. */
    @Transactional(readOnly = true)
    public Optional<Transcript> shared(String token) {
        return holderOf(token).map(this::of);
    }

    /** The learner's live share links, the most recent first. */
    public List<TranscriptShare> sharesOf(long personId) {
        return jdbc.sql("select token, created_at from transcript_share where person_id = :person"
                        + " order by created_at desc, token")
                .param("person", personId)
                .query((rs, n) -> new TranscriptShare(
                        rs.getString("token"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /**
     * A new share link of the learner's own transcript.
     *
     * @throws TooManyShares when the learner already has {@link #MAX_SHARES} live links
     */
    @Transactional
    public TranscriptShare share(Learner learner) {
        // Serialises one learner's concurrent requests, so that the limit holds.
        jdbc.sql("select pg_advisory_xact_lock(hashtext('transcript_share'), hashtext(:person))")
                .param("person", Long.toString(learner.personId()))
                .query((rs, n) -> 1)
                .list();
        int live = jdbc.sql("select count(*) from transcript_share where person_id = :person")
                .param("person", learner.personId())
                .query(Integer.class)
                .single();
        if (live >= MAX_SHARES) {
            throw new TooManyShares();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        TranscriptShare share =
                new TranscriptShare(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), clock.instant());
        jdbc.sql("insert into transcript_share (token, person_id, created_at) values (:token, :person, :at)")
                .param("token", share.token())
                .param("person", learner.personId())
                .param("at", Timestamp.from(share.createdAt()))
                .update();
        return share;
    }

    /**
     * Revokes one of the learner's own links: it answers nothing from now on.
     *
     * @return {@code false} when the learner holds no such live link (someone else's link included)
     */
    @Transactional
    public boolean revoke(Learner learner, String token) {
        if (!isToken(token)) {
            return false;
        }
        return jdbc.sql("delete from transcript_share where token = :token and person_id = :person")
                        .param("token", token)
                        .param("person", learner.personId())
                        .update()
                == 1;
    }

    /** Deletes all the person's links (their account is deleted), in the caller's transaction. */
    @Transactional
    public void erase(long personId) {
        jdbc.sql("delete from transcript_share where person_id = :person")
                .param("person", personId)
                .update();
    }

    /** Whether the text has the shape of a share token (checked before any query). */
    public static boolean isToken(String text) {
        return text != null && TOKEN.matcher(text).matches();
    }

    private Optional<Long> holderOf(String token) {
        if (!isToken(token)) {
            return Optional.empty();
        }
        return jdbc.sql("select person_id from transcript_share where token = :token")
                .param("token", token)
                .query(Long.class)
                .optional();
    }

    /** The learner has {@link #MAX_SHARES} live links already: revoke one first. */
    public static final class TooManyShares extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyShares() {
            super("at most " + MAX_SHARES + " live share links", null, false, false);
        }
    }
}
