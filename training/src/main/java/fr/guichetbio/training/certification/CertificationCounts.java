package fr.guichetbio.training.certification;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read API for aggregate figures on certification (open data, dashboards): counts grouped in SQL, never a holder. Small
 * counts are returned as they are: the reader applies its small-cell rule.
 */
@Component
public class CertificationCounts {

    /**
     * How many people received a certificate of a course in a quarter (Europe/Paris), revoked certificates left out; a
     * person certified twice in the quarter (a renewal) counts once.
     */
    public record Certified(String courseCode, String quarter, long people) {}

    private final JdbcClient jdbc;

    CertificationCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<Certified> certifiedByCourseAndQuarter() {
        return jdbc.sql("""
                        select c.code,
                               to_char(cert.issued_at at time zone 'Europe/Paris', 'YYYY-"Q"Q') as quarter,
                               count(distinct cert.person_id) as people
                        from certificate cert
                        join course c on c.id = cert.course_id
                        where cert.revoked_at is null
                        group by c.code, quarter
                        order by quarter, c.code
                        """)
                .query((rs, row) -> new Certified(rs.getString("code"), rs.getString("quarter"), rs.getLong("people")))
                .list();
    }
}
