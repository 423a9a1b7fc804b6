package fr.guichetbio.portal.notification;

import fr.guichetbio.portal.identity.AccountDeleted;
import fr.guichetbio.portal.identity.People;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The module's API: {@link #notify(Notice)} writes a notice (the {@code notification} table, the one writer) and, when
 * the person wants e-mails of its category, the e-mail to send ({@code mail_outbox}), in the caller's transaction.
 * The list, the unread count and "mark all read" serve this module's pages.
 */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    /** How many notices the list shows, newest first. */
    static final int LIST_SIZE = 100;

    private final JdbcClient jdbc;
    private final People people;
    private final NotificationPreferences preferences;
    private final Map<String, NotificationCategory> categories;

    Notifications(
            JdbcClient jdbc,
            People people,
            NotificationPreferences preferences,
            Collection<NotificationCategory> categories) {
        this.jdbc = jdbc;
        this.people = people;
        this.preferences = preferences;
        this.categories = categories.stream()
                .collect(Collectors.toUnmodifiableMap(NotificationCategory::code, Function.identity(), (a, b) -> a));
    }

    /**
     * Tells the person: writes the notice and, unless they turned e-mails of this category off, the e-mail the
     * sender will deliver after commit. Must run inside the caller's transaction (its {@code
     * @ApplicationModuleListener}'s): both commit or roll back with it. A deleted account is told nothing.
     *
     * @throws IllegalArgumentException when the category was not declared as a {@link NotificationCategory} bean
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void notify(Notice notice) {
        if (!categories.containsKey(notice.category())) {
            throw new IllegalArgumentException("Undeclared notification category " + notice.category()
                    + ": declare it as a NotificationCategory bean (see the notification package's documentation)");
        }
        if (people.find(notice.personId()).map(person -> person.deleted()).orElse(true)) {
            log.debug("Notice {} for person {} dropped: no such account", notice.messageKey(), notice.personId());
            return;
        }
        long id = jdbc.sql("""
                        insert into notification (person_id, category, message_key, arguments, link)
                        values (:person, :category, :key, :arguments, :link) returning id""")
                .param("person", notice.personId())
                .param("category", notice.category())
                .param("key", notice.messageKey())
                .param("arguments", notice.arguments().toArray(String[]::new))
                .param("link", notice.link())
                .query(Long.class)
                .single();
        if (preferences.wantsEmail(notice.personId(), notice.category())) {
            jdbc.sql("insert into mail_outbox (notification_id) values (:id)")
                    .param("id", id)
                    .update();
        }
    }

    /** The categories declared by the modules, by code. */
    List<NotificationCategory> categories() {
        return categories.values().stream()
                .sorted(java.util.Comparator.comparing(NotificationCategory::code))
                .toList();
    }

    /** How many notices the person has not read. */
    @Transactional(readOnly = true)
    long unreadCount(long personId) {
        return jdbc.sql("select count(*) from notification where person_id = :person and read_at is null")
                .param("person", personId)
                .query(Long.class)
                .single();
    }

    /** The person's latest notices, newest first. */
    @Transactional(readOnly = true)
    List<Item> latest(long personId) {
        return jdbc.sql("""
                        select id, category, message_key, arguments, link, created_at, read_at is null
                          from notification where person_id = :person order by id desc limit :limit""")
                .param("person", personId)
                .param("limit", LIST_SIZE)
                .query((rs, n) -> new Item(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        strings(rs.getArray(4)),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant(),
                        rs.getBoolean(7)))
                .list();
    }

    /** Marks every notice of the person read; returns how many were unread. */
    @Transactional
    int markAllRead(long personId) {
        return jdbc.sql("update notification set read_at = now() where person_id = :person and read_at is null")
                .param("person", personId)
                .update();
    }

    /**
     * The person's part of their personal data export: their notices (with whether and when each e-mail was sent) and
     * their e-mail choices.
     */
    @Transactional(readOnly = true)
    public Map<String, Object> export(long personId) {
        List<Map<String, Object>> notices = jdbc.sql("""
                        select n.id, n.category, n.message_key, n.arguments, n.link, n.created_at, n.read_at,
                               o.sent_at, o.abandoned_at
                          from notification n left join mail_outbox o on o.notification_id = n.id
                         where n.person_id = :person order by n.id""")
                .param("person", personId)
                .query((rs, n) -> {
                    Map<String, Object> notice = new java.util.LinkedHashMap<>();
                    notice.put("id", rs.getLong(1));
                    notice.put("category", rs.getString(2));
                    notice.put("messageKey", rs.getString(3));
                    notice.put("arguments", strings(rs.getArray(4)));
                    notice.put("link", rs.getString(5));
                    notice.put("createdAt", instant(rs.getTimestamp(6)));
                    notice.put("readAt", instant(rs.getTimestamp(7)));
                    notice.put("emailSentAt", instant(rs.getTimestamp(8)));
                    notice.put("emailAbandonedAt", instant(rs.getTimestamp(9)));
                    return notice;
                })
                .list();
        Map<String, Object> export = new java.util.LinkedHashMap<>();
        export.put("notices", notices);
        export.put("emailChoices", preferences.of(personId));
        return export;
    }

    private static String instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }

    /** An account is deleted: its notices, their pending e-mails and its choices go with it, in the same transaction. */
    @EventListener
    void on(AccountDeleted deleted) {
        jdbc.sql("delete from notification where person_id = :person")
                .param("person", deleted.personId())
                .update();
        preferences.erase(deleted.personId());
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** A notice as the list shows it. */
    record Item(
            long id,
            String category,
            String messageKey,
            List<String> arguments,
            String link,
            Instant createdAt,
            boolean unread) {}
}
