package fr.guichetbio.portal.indexing;

import fr.guichetbio.portal.catalogue.Outbox;
import fr.guichetbio.portal.catalogue.SiteDocuments;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps date-dependent parts of the site documents true as days pass, with nobody editing: once a (Paris) day, queues
 * the sites whose documents aged since the previous pass (a slot ended, a quarter began: see
 * {@link SiteDocuments#agedSites}) in the outbox, at their current version (an equal version overwrites the document).
 *
 * <p>Checks every hour; the day's row of {@code index_aging} is the pass: the first replica to insert it does the work
 * in the same transaction, the others see it done. After downtime the next pass covers every day missed; the first
 * pass ever looks one quarter back.
 */
@Component
@ConditionalOnIndexing
class IndexAging {

    private static final Logger log = LoggerFactory.getLogger(IndexAging.class);

    static final long CHECK_EVERY_MS = 60 * 60 * 1000;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final SiteDocuments documents;
    private final Outbox outbox;

    IndexAging(JdbcClient jdbc, TransactionTemplate transactions, SiteDocuments documents, Outbox outbox) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.documents = documents;
        this.outbox = outbox;
    }

    // Runs on every replica and worker: the day's index_aging row (primary key) lets one pass a day do the work.
    @Scheduled(fixedDelay = CHECK_EVERY_MS, initialDelay = 30_000)
    void tick() {
        try {
            passFor(documents.today());
        } catch (RuntimeException e) {
            log.warn("Search index aging pass failed; the next check tries again: {}", e.getMessage());
        }
    }

    /** Does the pass of {@code today} unless done; returns how many sites it queued (0 when already done). */
    int passFor(LocalDate today) {
        Integer queued = transactions.execute(status -> {
            LocalDate since = jdbc.sql("select day from index_aging order by day desc limit 1")
                    .query(LocalDate.class)
                    .optional()
                    .orElse(today.minusMonths(3));
            if (!since.isBefore(today)) {
                return 0;
            }
            // A concurrent pass of another replica waits here for ours and then finds the day taken.
            boolean ours = jdbc.sql("insert into index_aging (day) values (:day) on conflict do nothing")
                            .param("day", today)
                            .update()
                    == 1;
            if (!ours) {
                return 0;
            }
            List<Long> sites = documents.agedSites(since, today);
            // At their current versions (sites removed meanwhile are left out).
            Map<Long, Long> versions = documents.versions(sites);
            outbox.enqueue(Outbox.Aggregate.SITE, versions);
            int rows = versions.size();
            jdbc.sql("update index_aging set sites = :sites where day = :day")
                    .param("sites", rows)
                    .param("day", today)
                    .update();
            return rows;
        });
        if (queued != null && queued > 0) {
            log.info("Search index aging: {} site(s) queued whose availability changed with the date", queued);
        }
        return queued == null ? 0 : queued;
    }
}
