package fr.guichetbio.portal.matchmaking.alert;

import fr.guichetbio.catalogue.index.search.MatchingSites;
import fr.guichetbio.catalogue.index.search.SearchUnavailableException;
import fr.guichetbio.portal.matchmaking.brief.Brief;
import fr.guichetbio.portal.matchmaking.brief.BriefService;
import fr.guichetbio.portal.matchmaking.brief.BriefShortlists;
import fr.guichetbio.portal.notification.Notifications;
import fr.guichetbio.portal.organisation.Organisations;
import fr.guichetbio.portal.search.SearchMatching;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The daily digest of new matching capacity. A run first checks every saved search and every open brief not checked
 * yet (one Elasticsearch request each: the search page's exact matching, the shortlist's required criteria), each in
 * its own transaction that claims the row ({@code FOR UPDATE SKIP LOCKED}), compares the keys matched with those of
 * the previous check ({@link NewSites}), stores the new state and, for what is new, an {@code alert_digest_item} per
 * person told (the search's owner; each member of the brief's organisation). It then sends each person with pending
 * items one notice ({@link Digest}) through {@link Notifications}, in the transaction that marks them sent. Several
 * portals may run it at once: each row is claimed by one; a second run the same day finds nothing to check.
 */
@Service
public class AlertDigests {

    private static final Logger log = LoggerFactory.getLogger(AlertDigests.class);

    static final String DEFAULT_CRON = "0 0 6 * * *";
    static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private static final TypeReference<List<MatchingSites.Site>> SITES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final SearchMatching search;
    private final BriefService briefs;
    private final BriefShortlists shortlists;
    private final Organisations organisations;
    private final Notifications notifications;
    private final TransactionTemplate transactions;
    private final AlertProperties properties;
    private final JsonMapper json;
    private final Clock clock = Clock.system(ZONE);

    AlertDigests(
            JdbcClient jdbc,
            SearchMatching search,
            BriefService briefs,
            BriefShortlists shortlists,
            Organisations organisations,
            Notifications notifications,
            TransactionTemplate transactions,
            AlertProperties properties,
            JsonMapper json) {
        this.jdbc = jdbc;
        this.search = search;
        this.briefs = briefs;
        this.shortlists = shortlists;
        this.organisations = organisations;
        this.notifications = notifications;
        this.transactions = transactions;
        this.properties = properties;
        this.json = json;
    }

    /** What a run did. */
    public record Run(int searchesChecked, int briefsChecked, int digestsSent, boolean searchUnavailable) {}

    // Runs on every replica: checks and digests claimed FOR UPDATE SKIP LOCKED, one notice per person and run.
    @Scheduled(cron = "${guichet.alerts.digest-cron:" + DEFAULT_CRON + "}", zone = "Europe/Paris")
    void daily() {
        Run run = runDaily();
        log.info("Alert digest: {}", run);
    }

    /** Checks what was not checked today (Europe/Paris), then sends the digests: the scheduled run. */
    public Run runDaily() {
        return run(jdbc.sql("select date_trunc('day', now() at time zone 'Europe/Paris') at time zone 'Europe/Paris'")
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant());
    }

    /**
     * Checks everything not checked since this call began, then sends the digests: for tests and administrators.
     * Run twice, the second finds no new site (the first stored what it saw) and sends nothing.
     */
    public Run runNow() {
        return run(jdbc.sql("select clock_timestamp()")
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant());
    }

    /**
     * Claims are stamped with {@code clock_timestamp()}, not the transaction's {@code now()}: a run inside a caller's
     * transaction (one started before {@code checkedBefore}) must not find the row it just checked still due.
     */
    private Run run(Instant checkedBefore) {
        int searches = 0;
        int briefsChecked = 0;
        boolean unavailable = false;
        try {
            while (Boolean.TRUE.equals(transactions.execute(status -> checkOneSearch(checkedBefore)))) {
                searches++;
            }
            jdbc.sql("insert into brief_alert (brief_id) select id from brief where status = 'OPEN'"
                            + " on conflict do nothing")
                    .update();
            while (Boolean.TRUE.equals(transactions.execute(status -> checkOneBrief(checkedBefore)))) {
                briefsChecked++;
            }
        } catch (SearchUnavailableException e) {
            // The claimed row rolled back: still due, checked at the next run (its state was not moved).
            log.warn("Alert digest: catalogue search unavailable, checks resume at the next run: {}", e.getMessage());
            unavailable = true;
        }
        int sent = 0;
        for (long person : jdbc.sql("select distinct person_id from alert_digest_item where sent_at is null")
                .query(Long.class)
                .list()) {
            if (Boolean.TRUE.equals(transactions.execute(status -> sendDigest(person)))) {
                sent++;
            }
        }
        return new Run(searches, briefsChecked, sent, unavailable);
    }

    /** Claims one due saved search and checks it; false when none is due. */
    private boolean checkOneSearch(Instant checkedBefore) {
        Optional<Claimed> claimed = jdbc.sql("""
                        update saved_search s set last_checked_at = clock_timestamp()
                         where s.id = (select id from saved_search
                                        where last_checked_at is null or last_checked_at < :before
                                        order by id limit 1 for update skip locked)
                        returning s.id, s.person_id, s.name, s.query_string, s.known_keys, s.known_complete""")
                .param("before", java.sql.Timestamp.from(checkedBefore))
                .query((rs, n) ->
                        new Claimed(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), known(rs, 5, 6)))
                .optional();
        if (claimed.isEmpty()) {
            return false;
        }
        Claimed search = claimed.get();
        MatchingSites now;
        try {
            now = this.search.matching(search.source(), properties.sitesPerAlert());
        } catch (IllegalArgumentException e) {
            // The search no longer reads (a code left the vocabulary): checked, nothing to tell; the page re-runs it.
            log.info("Saved search {} no longer valid: {}", search.id(), e.getMessage());
            return true;
        }
        List<MatchingSites.Site> found = NewSites.between(search.known(), now);
        store("saved_search", "id", search.id(), NewSites.Known.of(now));
        if (!found.isEmpty()) {
            addItem(search.personId(), search.id(), null, search.title(), found);
        }
        return true;
    }

    /** Claims one due open brief and checks it; false when none is due. */
    private boolean checkOneBrief(Instant checkedBefore) {
        Optional<Claimed> claimed = jdbc.sql("""
                        update brief_alert a set last_checked_at = clock_timestamp()
                         where a.brief_id = (select a2.brief_id from brief_alert a2 join brief b on b.id = a2.brief_id
                                              where b.status = 'OPEN'
                                                and (a2.last_checked_at is null or a2.last_checked_at < :before)
                                              order by a2.brief_id limit 1 for update of a2 skip locked)
                        returning a.brief_id, a.known_keys, a.known_complete""")
                .param("before", java.sql.Timestamp.from(checkedBefore))
                .query((rs, n) -> new Claimed(rs.getLong(1), 0, null, null, known(rs, 2, 3)))
                .optional();
        if (claimed.isEmpty()) {
            return false;
        }
        long briefId = claimed.get().id();
        Optional<Brief> brief = briefs.findOpen(briefId);
        if (brief.isEmpty()) {
            return true;
        }
        MatchingSites now = shortlists.matching(brief.get(), clock, properties.sitesPerAlert());
        List<MatchingSites.Site> found = NewSites.between(claimed.get().known(), now);
        store("brief_alert", "brief_id", briefId, NewSites.Known.of(now));
        if (!found.isEmpty()) {
            for (Organisations.MembershipRow member :
                    organisations.memberships(brief.get().organisationId())) {
                addItem(member.personId(), null, briefId, brief.get().content().title(), found);
            }
        }
        return true;
    }

    /** Sends the person one notice of their pending items and marks them sent; false when another run has them. */
    private boolean sendDigest(long personId) {
        List<Digest.Item> items = jdbc.sql("""
                        select id, title, sites from alert_digest_item
                         where person_id = :person and sent_at is null order by id for update skip locked""")
                .param("person", personId)
                .query((rs, n) ->
                        new Digest.Item(rs.getLong(1), rs.getString(2), json.readValue(rs.getString(3), SITES)))
                .list();
        if (items.isEmpty()) {
            return false;
        }
        notifications.notify(Digest.notice(personId, items));
        jdbc.sql("update alert_digest_item set sent_at = now() where id in (:ids)")
                .param("ids", items.stream().map(Digest.Item::id).toList())
                .update();
        return true;
    }

    private void store(String table, String idColumn, long id, NewSites.Known known) {
        jdbc.sql("update " + table + " set known_keys = :keys, known_complete = :complete where " + idColumn + " = :id")
                .param("keys", known.keys().toArray(String[]::new))
                .param("complete", known.complete())
                .param("id", id)
                .update();
    }

    private void addItem(long personId, Long searchId, Long briefId, String title, List<MatchingSites.Site> sites) {
        jdbc.sql("""
                        insert into alert_digest_item (person_id, saved_search_id, brief_id, title, sites)
                        values (:person, :search, :brief, :title, cast(:sites as jsonb))""")
                .param("person", personId)
                .param("search", searchId)
                .param("brief", briefId)
                .param("title", title)
                .param("sites", json.writeValueAsString(sites))
                .update();
    }

    private static NewSites.Known known(ResultSet rs, int keysColumn, int completeColumn) throws SQLException {
        Array keys = rs.getArray(keysColumn);
        return keys == null
                ? null
                : new NewSites.Known(Arrays.asList((String[]) keys.getArray()), rs.getBoolean(completeColumn));
    }

    /** A claimed row: a saved search (its owner, name and query string) or a brief (its id only). */
    private record Claimed(long id, long personId, String title, String source, NewSites.Known known) {}
}
