package fr.guichetbio.portal.indexing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox worker's settings ({@code guichet.indexing.*}).
 *
 * @param enabled whether this process runs an outbox worker (env {@code GUICHET_INDEXING_ENABLED}): off in portals
 *     that leave indexing to separate indexer processes
 * @param workerName the name this worker writes in {@code outbox.processed_by} (env
 *     {@code GUICHET_INDEXING_WORKER_NAME}, at most {@value #MAX_NAME} characters); default {@code host:pid}, unique
 *     among the workers sharing one database
 */
@ConfigurationProperties("guichet.indexing")
public record IndexingProperties(@DefaultValue("true") boolean enabled, String workerName) {

    /** The width of {@code outbox.processed_by}. */
    static final int MAX_NAME = 100;

    public IndexingProperties {
        if (workerName == null || workerName.isBlank()) {
            workerName = defaultWorkerName(hostName(), ProcessHandle.current().pid());
        } else if (workerName.strip().length() > MAX_NAME) {
            throw new IllegalArgumentException("guichet.indexing.worker-name: at most " + MAX_NAME + " characters, got "
                    + workerName.strip().length());
        } else {
            workerName = workerName.strip();
        }
    }

    /** {@code host:pid}, the host cut so that the whole fits the column. */
    static String defaultWorkerName(String host, long pid) {
        String suffix = ":" + pid;
        String name = host == null || host.isBlank() ? "unknown" : host.strip();
        return name.substring(0, Math.min(name.length(), MAX_NAME - suffix.length())) + suffix;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // A host whose own name does not resolve: containers set HOSTNAME to theirs.
            return System.getenv("HOSTNAME");
        }
    }
}
