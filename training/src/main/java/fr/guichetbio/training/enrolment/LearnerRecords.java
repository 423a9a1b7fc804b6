package fr.guichetbio.training.enrolment;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What training holds on one person — enrolments, lessons seen, quiz attempts — for their data export, and its
 * erasure when their account is deleted (in the caller's transaction, so that both commit or fail together).
 */
@Service
public class LearnerRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Map<String, Object>>> ATTEMPTS = new TypeReference<>() {};

    private final JdbcClient jdbc;

    LearnerRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One entry per enrolment: the course and version, dates, lessons seen and each attempt's score. */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> export(long personId) {
        return jdbc.sql("""
                        select e.id, c.code, v.major, v.minor, e.enrolled_at, e.completed_at,
                               array(select l.lesson_key from lesson_view lv join lesson l on l.id = lv.lesson_id
                                      where lv.enrolment_id = e.id order by lv.first_seen_at) lessons_seen,
                               coalesce((select json_agg(json_build_object('number', a.number,
                                         'startedAt', a.started_at, 'submittedAt', a.submitted_at,
                                         'correct', a.correct, 'total', a.total, 'passed', a.passed) order by a.number)
                                  from quiz_attempt a where a.person_id = e.person_id
                                   and a.course_version_id = e.course_version_id
                                   and a.certificate_id is null)::text, '[]') attempts
                          from enrolment e join course c on c.id = e.course_id
                          join course_version v on v.id = e.course_version_id
                         where e.person_id = :person order by e.enrolled_at
                        """)
                .param("person", personId)
                .query((rs, n) -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("course", rs.getString("code"));
                    entry.put("version", rs.getInt("major") + "." + rs.getInt("minor"));
                    entry.put("enrolledAt", instant(rs.getTimestamp("enrolled_at")));
                    entry.put("completedAt", instant(rs.getTimestamp("completed_at")));
                    entry.put("lessonsSeen", List.of((String[])
                            rs.getArray("lessons_seen").getArray()));
                    entry.put("attempts", JSON.readValue(rs.getString("attempts"), ATTEMPTS));
                    return entry;
                })
                .list();
    }

    /** The person's certificates: identifier, course and version, dates and how each ended, if it did. */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> certificates(long personId) {
        return jdbc.sql("""
                        select t.*, c.code, v.major, v.minor from certificate t
                          join course c on c.id = t.course_id join course_version v on v.id = t.course_version_id
                         where t.person_id = :person order by t.issued_at
                        """)
                .param("person", personId)
                .query((rs, n) -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("id", rs.getString("id"));
                    entry.put("holderName", rs.getString("holder_name"));
                    entry.put("course", rs.getString("code"));
                    entry.put("version", rs.getInt("major") + "." + rs.getInt("minor"));
                    entry.put("score", rs.getInt("score"));
                    entry.put("issuedAt", instant(rs.getTimestamp("issued_at")));
                    entry.put("validUntil", instant(rs.getTimestamp("valid_until")));
                    entry.put("renewalRequiredBy", instant(rs.getTimestamp("renewal_required_by")));
                    entry.put("revokedAt", instant(rs.getTimestamp("revoked_at")));
                    entry.put("revocationReason", rs.getString("revocation_reason"));
                    entry.put("supersededBy", rs.getString("superseded_by"));
                    return entry;
                })
                .list();
    }

    /**
     * Erases the person's enrolments (with the lessons seen), quiz attempts, learning records and training
     * matrix consents and roles. Their certificates lose the holder's
     * name and are revoked, not deleted: a credential already handed to someone must verify as revoked, not valid.
     */
    @Transactional
    public void erase(long personId) {
        jdbc.sql("""
                        update certificate set holder_name = '',
                               revoked_at = coalesce(revoked_at, current_timestamp),
                               revocation_reason = coalesce(revocation_reason, 'account deleted')
                         where person_id = :person
                        """).param("person", personId).update();
        jdbc.sql("delete from certificate_reminder where certificate_id in "
                        + "(select id from certificate where person_id = :person)")
                .param("person", personId)
                .update();
        jdbc.sql("delete from quiz_attempt where person_id = :person")
                .param("person", personId)
                .update();
        jdbc.sql("delete from enrolment where person_id = :person")
                .param("person", personId)
                .update();
        // Learning records (xAPI); those already forwarded to an external LRS are that LRS's to erase.
        jdbc.sql("delete from learning_statement where person_id = :person")
                .param("person", personId)
                .update();
        // The training matrix: consents and roles go with the person.
        jdbc.sql("delete from training_consent where person_id = :person")
                .param("person", personId)
                .update();
        jdbc.sql("delete from member_training_role where person_id = :person")
                .param("person", personId)
                .update();
    }

    private static String instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }
}
