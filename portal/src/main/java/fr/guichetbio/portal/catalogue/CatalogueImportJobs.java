package fr.guichetbio.portal.catalogue;

import fr.guichetbio.portal.catalogue.CatalogueImport.Options;
import fr.guichetbio.portal.catalogue.CatalogueImport.Phase;
import fr.guichetbio.portal.catalogue.CatalogueImport.Report;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Catalogue imports too large to wait for in a request (files above {@code
 * guichet.catalogue.import.background-bytes}, 512 KiB by default: about 350 sites, a second or two) run on the
 * application's task executor. Their progress (phase, sites done out of the document's) and finally their report are
 * a {@code catalogue_import_job} row, written in their own short transactions beside the import's all-or-nothing one:
 * the database is the truth, so the progress page works on any replica. Smaller files are imported in the request:
 * the answer comes as fast as a redirect would.
 */
@Service
public class CatalogueImportJobs {

    private static final Logger log = LoggerFactory.getLogger(CatalogueImportJobs.class);

    /** A running job's row moves at least this often; one that stopped moving was cut short. */
    static final Duration STALLED = Duration.ofMinutes(10);

    /** One import job as its page shows it. */
    public record Job(
            long id,
            Long organisationId,
            String fileName,
            boolean dryRun,
            String phase,
            int sitesDone,
            int sitesTotal,
            Report report,
            boolean interrupted) {

        public boolean finished() {
            return phase.equals("DONE") || phase.equals("FAILED") || interrupted;
        }

        /** Percentage of the sites written, 0 to 100. */
        public int percent() {
            return sitesTotal == 0 ? 0 : (int) Math.min(100, 100L * sitesDone / sitesTotal);
        }
    }

    private final CatalogueImport catalogueImport;
    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final TaskExecutor executor;
    private final JsonMapper json;
    private final long backgroundBytes;

    CatalogueImportJobs(
            CatalogueImport catalogueImport,
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor,
            JsonMapper json,
            @Value("${guichet.catalogue.import.background-bytes:524288}") long backgroundBytes) {
        this.catalogueImport = catalogueImport;
        this.jdbc = jdbc;
        // Progress is committed at once, whatever the import's own transaction does (REQUIRES_NEW: another connection).
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.executor = executor;
        this.json = json.rebuild()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.backgroundBytes = backgroundBytes;
    }

    /** Whether a file of this size is imported in the background. */
    public boolean inBackground(long bytes) {
        return bytes > backgroundBytes;
    }

    /**
     * Records the job and starts it; returns its id. {@code organisationId} is the organisation whose page started it
     * (null: the back office).
     */
    public long start(String document, String fileName, Options options, Long organisationId, Locale locale) {
        long id = ownTransaction.execute(status -> jdbc.sql("""
                        insert into catalogue_import_job (organisation_id, requested_by, file_name, dry_run, phase)
                        values (:organisation, :person, :file, :dryRun, 'VALIDATING') returning id
                        """)
                .param("organisation", organisationId, java.sql.Types.BIGINT)
                .param("person", options.actorPersonId(), java.sql.Types.BIGINT)
                .param("file", fileName == null ? null : fileName.substring(0, Math.min(255, fileName.length())))
                .param("dryRun", options.dryRun())
                .query(Long.class)
                .single());
        executor.execute(() -> run(id, document, options, locale));
        return id;
    }

    private void run(long id, String document, Options options, Locale locale) {
        Report report;
        try {
            report = catalogueImport.importDocument(document, options, locale, new Throttled(id));
        } catch (CatalogueImport.ForeignOrganisation foreign) {
            report = new Report(options.dryRun(), foreign.errors(), List.of());
        } catch (RuntimeException e) {
            log.error("Catalogue import job {} failed", id, e);
            ownTransaction.executeWithoutResult(status -> jdbc.sql(
                            "update catalogue_import_job set phase = 'FAILED', updated_at = current_timestamp"
                                    + " where id = :id")
                    .param("id", id)
                    .update());
            return;
        }
        String content = json.writeValueAsString(report);
        ownTransaction.executeWithoutResult(
                status -> jdbc.sql("""
                        update catalogue_import_job set phase = 'DONE', report = cast(:report as jsonb),
                               sites_done = sites_total, updated_at = current_timestamp
                         where id = :id
                        """).param("report", content).param("id", id).update());
    }

    public Optional<Job> find(long id) {
        return jdbc.sql("""
                        select id, organisation_id, file_name, dry_run, phase, sites_done, sites_total, report::text,
                               updated_at < current_timestamp - make_interval(secs => :stalled) as stalled
                          from catalogue_import_job where id = :id
                        """)
                .param("id", id)
                // The database's clock on both sides: replicas' clocks may differ.
                .param("stalled", STALLED.toSeconds())
                .query((rs, n) -> {
                    String phase = rs.getString("phase");
                    String report = rs.getString("report");
                    return new Job(
                            rs.getLong("id"),
                            rs.getObject("organisation_id", Long.class),
                            rs.getString("file_name"),
                            rs.getBoolean("dry_run"),
                            phase,
                            rs.getInt("sites_done"),
                            rs.getInt("sites_total"),
                            report == null ? null : json.readValue(report, Report.class),
                            rs.getBoolean("stalled") && !phase.equals("DONE") && !phase.equals("FAILED"));
                })
                .optional();
    }

    /** Writes progress at most twice a second, and whenever the phase or the total changes. */
    private final class Throttled implements CatalogueImport.ProgressListener {

        private final long id;
        private Phase lastPhase;
        private int lastTotal;
        private long lastWrite;

        Throttled(long id) {
            this.id = id;
        }

        @Override
        public void progress(Phase phase, int sitesDone, int sitesTotal) {
            long now = System.nanoTime();
            if (phase == lastPhase && sitesTotal == lastTotal && now - lastWrite < 500_000_000L) {
                return;
            }
            lastPhase = phase;
            lastTotal = sitesTotal;
            lastWrite = now;
            try {
                ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                                update catalogue_import_job set phase = :phase, sites_done = :done,
                                       sites_total = :total, updated_at = current_timestamp
                                 where id = :id
                                """)
                        .param("phase", phase.name())
                        .param("done", sitesDone)
                        .param("total", sitesTotal)
                        .param("id", id)
                        .update());
            } catch (RuntimeException e) {
                // Progress is for the eyes only: a busy connection pool must not fail the import itself.
                log.warn("Catalogue import job {}: progress not recorded ({})", id, e.getMessage());
            }
        }
    }
}
