package fr.guichetbio.portal.matchmaking.alert;

import fr.guichetbio.catalogue.index.search.MatchingSites;
import fr.guichetbio.portal.audit.AuditEvent;
import fr.guichetbio.portal.audit.AuditTrail;
import fr.guichetbio.portal.identity.AccountDeleted;
import fr.guichetbio.portal.search.SearchMatching;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person's saved searches ({@code saved_search}) and the new sites their digests told of ({@code
 * alert_digest_item}): only the person reads, saves or deletes them; saving and deleting are audited in the same
 * transaction. Part of the person's data: exported, and erased with their account.
 */
@Service
public class SavedSearchService {

    static final String TARGET = "saved_search";
    static final int MAX_NAME = 80;
    /** The latest digest items the page shows. */
    static final int RECENT_ITEMS = 20;

    private static final TypeReference<List<MatchingSites.Site>> SITES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final SearchMatching search;
    private final AuditTrail audit;
    private final AlertProperties properties;
    private final JsonMapper json;

    SavedSearchService(
            JdbcClient jdbc, SearchMatching search, AuditTrail audit, AlertProperties properties, JsonMapper json) {
        this.jdbc = jdbc;
        this.search = search;
        this.audit = audit;
        this.properties = properties;
        this.json = json;
    }

    /** The person's saved searches, the latest first. */
    @Transactional(readOnly = true)
    public List<SavedSearch> of(long personId) {
        return jdbc.sql("""
                        select id, person_id, name, query_string, created_at, last_checked_at
                          from saved_search where person_id = :person order by id desc""")
                .param("person", personId)
                .query(SavedSearchService::savedSearch)
                .list();
    }

    /** How many searches one person may save. */
    public int limit() {
        return properties.maxSavedSearches();
    }

    /**
     * Saves the search the person is looking at under a name.
     *
     * @param queryString the search page's parameters (its URL's query string)
     * @throws SavedSearchInvalid when the name or the search is refused, or the person saved as many as allowed
     */
    @Transactional
    public SavedSearch save(long personId, String name, String queryString) {
        Map<String, String> problems = new LinkedHashMap<>();
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            problems.put("nom", "alert.search.error.name.required");
        } else if (trimmed.length() > MAX_NAME) {
            problems.put("nom", "alert.search.error.name.size");
        }
        Optional<String> canonical =
                queryString == null || queryString.length() > 2000 ? Optional.empty() : search.canonical(queryString);
        if (canonical.isEmpty()) {
            problems.put("recherche", "alert.search.error.search");
        }
        if (problems.isEmpty() && count(personId) >= properties.maxSavedSearches()) {
            problems.put(SavedSearchInvalid.FORM, "alert.search.error.limit");
        }
        if (!problems.isEmpty()) {
            throw new SavedSearchInvalid(problems);
        }
        long id = jdbc.sql("""
                        insert into saved_search (person_id, name, query_string) values (:person, :name, :search)
                        returning id""")
                .param("person", personId)
                .param("name", trimmed)
                .param("search", canonical.get())
                .query(Long.class)
                .single();
        audit.record(AuditEvent.byPerson(
                personId,
                null,
                "saved_search.created",
                TARGET,
                id,
                null,
                Map.of("name", trimmed, "search", canonical.get())));
        return find(personId, id).orElseThrow();
    }

    /** Deletes one of the person's saved searches (and what its digests told of); another person's is not found. */
    @Transactional
    public void delete(long personId, long id) {
        SavedSearch saved = find(personId, id).orElseThrow(SavedSearchNotFound::new);
        jdbc.sql("delete from saved_search where id = :id and person_id = :person")
                .param("id", id)
                .param("person", personId)
                .update();
        audit.record(AuditEvent.byPerson(
                personId,
                null,
                "saved_search.deleted",
                TARGET,
                id,
                Map.of("name", saved.name(), "search", saved.queryString()),
                null));
    }

    /** What the person's latest digests told of, the latest first: the page's "new sites". */
    @Transactional(readOnly = true)
    public List<DigestItem> recentItems(long personId) {
        return jdbc.sql("""
                        select title, sites, created_at, sent_at is not null from alert_digest_item
                         where person_id = :person order by id desc limit :limit""")
                .param("person", personId)
                .param("limit", RECENT_ITEMS)
                .query((rs, n) -> new DigestItem(
                        rs.getString(1),
                        json.readValue(rs.getString(2), SITES),
                        rs.getTimestamp(3).toInstant(),
                        rs.getBoolean(4)))
                .list();
    }

    /** A digest's part as the page shows it. */
    public record DigestItem(String title, List<MatchingSites.Site> sites, Instant foundAt, boolean sent) {

        /** When the check found them, in France. */
        public java.time.ZonedDateTime foundInFrance() {
            return foundAt.atZone(AlertDigests.ZONE);
        }
    }

    /** The person's part of their personal data export: their saved searches and what the digests told them. */
    @Transactional(readOnly = true)
    public Map<String, Object> export(long personId) {
        Map<String, Object> export = new LinkedHashMap<>();
        export.put(
                "savedSearches",
                of(personId).stream()
                        .map(s -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("id", s.id());
                            row.put("name", s.name());
                            row.put("search", s.url());
                            row.put("createdAt", s.createdAt().toString());
                            row.put(
                                    "lastCheckedAt",
                                    s.lastCheckedAt() == null
                                            ? null
                                            : s.lastCheckedAt().toString());
                            return row;
                        })
                        .toList());
        export.put(
                "digestItems",
                jdbc.sql("""
                                select title, sites, created_at, sent_at from alert_digest_item
                                 where person_id = :person order by id""")
                        .param("person", personId)
                        .query((rs, n) -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("title", rs.getString(1));
                            row.put("sites", json.readValue(rs.getString(2), SITES));
                            row.put("foundAt", rs.getTimestamp(3).toInstant().toString());
                            row.put(
                                    "sentAt",
                                    rs.getTimestamp(4) == null
                                            ? null
                                            : rs.getTimestamp(4).toInstant().toString());
                            return row;
                        })
                        .list());
        return export;
    }

    /** An account is deleted: its saved searches and digests go with it, in the same transaction. */
    @EventListener
    void on(AccountDeleted deleted) {
        jdbc.sql("delete from alert_digest_item where person_id = :person")
                .param("person", deleted.personId())
                .update();
        jdbc.sql("delete from saved_search where person_id = :person")
                .param("person", deleted.personId())
                .update();
    }

    private Optional<SavedSearch> find(long personId, long id) {
        return jdbc.sql("""
                        select id, person_id, name, query_string, created_at, last_checked_at
                          from saved_search where id = :id and person_id = :person""")
                .param("id", id)
                .param("person", personId)
                .query(SavedSearchService::savedSearch)
                .optional();
    }

    private int count(long personId) {
        return jdbc.sql("select count(*) from saved_search where person_id = :person")
                .param("person", personId)
                .query(Integer.class)
                .single();
    }

    private static SavedSearch savedSearch(ResultSet rs, int row) throws SQLException {
        return new SavedSearch(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getTimestamp(5).toInstant(),
                rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant());
    }
}
