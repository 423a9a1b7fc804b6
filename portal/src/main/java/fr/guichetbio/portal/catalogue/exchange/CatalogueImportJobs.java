package fr.guichetbio.portal.catalogue.exchange;

import fr.guichetbio.portal.catalogue.exchange.CatalogueImport.Options;
import fr.guichetbio.portal.catalogue.exchange.CatalogueImport.Phase;
import fr.guichetbio.portal.catalogue.exchange.CatalogueImport.Report;
import jakarta.annotation.PreDestroy;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every catalogue import from the web (the API, the organisations' and the back office's pages) is a
 * {@code catalogue_import_job} row, admitted only within the limits of {@link CatalogueImportProperties}: imports in
 * progress per organisation (429 when reached: the organisation waits for its own import) and in total (503: the
 * portal is busy, not the caller's doing), counted in the database under an advisory lock, so across replicas.
 * Stalled rows (see {@link #STALLED}) no longer count.
 *
 * <p>Files above {@code guichet.catalogue.import.background-bytes} (512 KiB by default: about 350 sites, a second or
 * two) run on this instance's bounded pool ({@code job-threads} threads, at most {@code max-jobs} waiting). Their
 * progress (phase, sites done out of the document's) and finally their report are written on the row in their own
 * short transactions beside the import's all-or-nothing one: the database is the truth, so the progress page works
 * on any replica. Smaller files and API bodies are imported in the request: the answer comes as fast as a redirect
 * would.
 */
@Service
@EnableConfigurationProperties(CatalogueImportProperties.class)
public class CatalogueImportJobs {

    private static final Logger log = LoggerFactory.getLogger(CatalogueImportJobs.class);

    /** A running job's row moves at least this often; one that stopped moving was cut short. */
    static final Duration STALLED = Duration.ofMinutes(10);

    /** Serialises admissions across replicas: {@code pg_advisory_xact_lock} key. */
    private static final long ADMISSION_LOCK = 0x6361_7469_6d70L;

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

    /**
     * An import imported in the request: its job (0 when the document was invalid: no job) and report;
     * {@code forbidden} when the document named another organisation than the importing one (answered 403).
     */
    public record Done(long jobId, Report report, boolean forbidden) {}

    /** Which limit refused an import. */
    public enum Busy {
        /** The organisation (or the back office) already has {@code max-jobs-per-organisation} imports in progress. */
        ORGANISATION,
        /** The portal has {@code max-jobs} imports in progress. */
        PORTAL
    }

    /** Refused: too many imports in progress. Nothing was read into the catalogue, no job recorded. */
    public static final class TooManyImports extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final Busy busy;

        TooManyImports(Busy busy) {
            super("Too many catalogue imports in progress (" + busy + ")", null, false, false);
            this.busy = busy;
        }

        public Busy busy() {
            return busy;
        }
    }

    private final CatalogueImport catalogueImport;
    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final ThreadPoolExecutor executor;
    private final JsonMapper json;
    private final long backgroundBytes;
    private final CatalogueImportProperties limits;

    CatalogueImportJobs(
            CatalogueImport catalogueImport,
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            JsonMapper json,
            @Value("${guichet.catalogue.import.background-bytes:524288}") long backgroundBytes,
            CatalogueImportProperties limits) {
        this.catalogueImport = catalogueImport;
        this.jdbc = jdbc;
        // Progress is committed at once, whatever the import's own transaction does (REQUIRES_NEW: another connection).
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json.rebuild()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.backgroundBytes = backgroundBytes;
        this.limits = limits;
        // Bounded: a full queue refuses (the admission count normally refuses first).
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                limits.jobThreads(),
                limits.jobThreads(),
                1,
                TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(limits.maxJobs()),
                task -> {
                    Thread thread = new Thread(task, "catalogue-import-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
        this.executor.allowCoreThreadTimeOut(true);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    public CatalogueImportProperties limits() {
        return limits;
    }

    /** Whether a file of this size is imported in the background. */
    public boolean inBackground(long bytes) {
        return bytes > backgroundBytes;
    }

    /**
     * Reads a document from the web within the limits: {@link CatalogueImport.DocumentTooLarge} beyond
     * {@code max-document-size}, an error in the parsed document beyond {@code max-sites}.
     */
    public CatalogueImport.Parsed read(InputStream in, Locale locale) {
        return catalogueImport.read(in, limits.maxDocumentSize().toBytes(), limits.maxSites(), locale);
    }

    /**
     * Imports in the request and answers the report. A valid document is recorded as a job admitted within the
     * limits ({@link TooManyImports} otherwise) before anything is written; an invalid one is reported without a job.
     * {@code organisationId}: the organisation importing (null: the back office).
     */
    public Done importNow(
            CatalogueImport.Parsed document, String fileName, Options options, Long organisationId, Locale locale) {
        long[] id = {0};
        Report report;
        boolean forbidden = false;
        try {
            report = catalogueImport.importDocument(
                    document,
                    options,
                    locale,
                    CatalogueImport.ProgressListener.NONE,
                    () -> id[0] = admit(fileName, options, organisationId));
        } catch (CatalogueImport.ForeignOrganisation foreign) {
            report = new Report(options.dryRun(), foreign.errors(), List.of());
            forbidden = true;
        } catch (TooManyImports refused) {
            throw refused;
        } catch (RuntimeException e) {
            if (id[0] != 0) {
                log.error("Catalogue import job {} failed", id[0], e);
                finish(id[0], "FAILED", null);
            }
            throw e;
        }
        if (id[0] != 0) {
            finish(id[0], "DONE", json.writeValueAsString(report));
        }
        return new Done(id[0], report, forbidden);
    }

    /**
     * Records the job (within the limits, {@link TooManyImports} otherwise) and starts it in the background; returns
     * its id.
     */
    public long start(
            CatalogueImport.Parsed document, String fileName, Options options, Long organisationId, Locale locale) {
        long id = admit(fileName, options, organisationId);
        try {
            executor.execute(() -> run(id, document, options, locale));
        } catch (RejectedExecutionException full) {
            finish(id, "FAILED", null);
            throw new TooManyImports(Busy.PORTAL);
        }
        return id;
    }

    /** Counts the imports in progress and records this one, in one transaction holding the admission lock. */
    private long admit(String fileName, Options options, Long organisationId) {
        return ownTransaction.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:key)")
                    .param("key", ADMISSION_LOCK)
                    .query()
                    .singleRow();
            Map<String, Object> running = jdbc.sql("""
                            select count(*) as total,
                                   count(*) filter (where organisation_id is not distinct from :organisation) as own
                              from catalogue_import_job
                             where phase in ('VALIDATING', 'WRITING')
                               and updated_at >= current_timestamp - make_interval(secs => :stalled)
                            """)
                    .param("organisation", organisationId, java.sql.Types.BIGINT)
                    .param("stalled", STALLED.toSeconds())
                    .query()
                    .singleRow();
            if (((Number) running.get("own")).longValue() >= limits.maxJobsPerOrganisation()) {
                throw new TooManyImports(Busy.ORGANISATION);
            }
            if (((Number) running.get("total")).longValue() >= limits.maxJobs()) {
                throw new TooManyImports(Busy.PORTAL);
            }
            return jdbc.sql("""
                            insert into catalogue_import_job (organisation_id, requested_by, file_name, dry_run, phase)
                            values (:organisation, :person, :file, :dryRun, 'VALIDATING') returning id
                            """)
                    .param("organisation", organisationId, java.sql.Types.BIGINT)
                    .param("person", options.actorPersonId(), java.sql.Types.BIGINT)
                    .param("file", fileName == null ? null : fileName.substring(0, Math.min(255, fileName.length())))
                    .param("dryRun", options.dryRun())
                    .query(Long.class)
                    .single();
        });
    }

    private void run(long id, CatalogueImport.Parsed document, Options options, Locale locale) {
        Report report;
        try {
            report = catalogueImport.importDocument(document, options, locale, new Throttled(id));
        } catch (CatalogueImport.ForeignOrganisation foreign) {
            report = new Report(options.dryRun(), foreign.errors(), List.of());
        } catch (RuntimeException e) {
            log.error("Catalogue import job {} failed", id, e);
            finish(id, "FAILED", null);
            return;
        }
        finish(id, "DONE", json.writeValueAsString(report));
    }

    private void finish(long id, String phase, String report) {
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                        update catalogue_import_job set phase = :phase, report = cast(:report as jsonb),
                               sites_done = case when :phase = 'DONE' then sites_total else sites_done end,
                               updated_at = current_timestamp
                         where id = :id
                        """)
                .param("phase", phase)
                .param("report", report, java.sql.Types.VARCHAR)
                .param("id", id)
                .update());
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
