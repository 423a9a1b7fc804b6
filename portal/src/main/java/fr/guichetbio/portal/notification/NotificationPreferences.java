package fr.guichetbio.portal.notification;

import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which e-mails a person wants, per category ({@code notification_preference}, the one writer). Without a row, the
 * answer is yes: e-mails are on by default.
 */
@Component
class NotificationPreferences {

    private final JdbcClient jdbc;

    NotificationPreferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean wantsEmail(long personId, String category) {
        return jdbc.sql("select email from notification_preference where person_id = :person and category = :category")
                .param("person", personId)
                .param("category", category)
                .query(Boolean.class)
                .optional()
                .orElse(true);
    }

    /** The person's stored choices, by category (categories without a row are on). */
    @Transactional(readOnly = true)
    Map<String, Boolean> of(long personId) {
        return jdbc
                .sql("select category, email from notification_preference where person_id = :person")
                .param("person", personId)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getBoolean(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Stores the person's choice for each category given. */
    @Transactional
    void save(long personId, Map<String, Boolean> emailByCategory) {
        emailByCategory.forEach((category, email) -> jdbc.sql("""
                        insert into notification_preference (person_id, category, email) values (:person, :category, :email)
                        on conflict (person_id, category) do update set email = excluded.email, updated_at = now()""")
                .param("person", personId)
                .param("category", category)
                .param("email", email)
                .update());
    }

    void erase(long personId) {
        jdbc.sql("delete from notification_preference where person_id = :person")
                .param("person", personId)
                .update();
    }
}
