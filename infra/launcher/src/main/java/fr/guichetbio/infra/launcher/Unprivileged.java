package fr.guichetbio.infra.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Elasticsearch and PostgreSQL refuse to run as root. When the launcher itself runs as root (as CI does), their
 * servers run as the unprivileged user {@code nobody} through {@code setpriv}, on folders that user owns.
 */
final class Unprivileged {

    static final int NOBODY = 65534;

    private Unprivileged() {}

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The command as it must be started: unchanged for a normal user, under {@code setpriv} for root. */
    static List<String> command(List<String> command) {
        if (!runningAsRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(
                List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--inh-caps=-all"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Gives the folder to the unprivileged user, when running as root. */
    static void handOver(Path folder) throws IOException, InterruptedException {
        if (runningAsRoot()) {
            run(List.of("chown", "-R", NOBODY + ":" + NOBODY, folder.toString()));
        }
    }

    /**
     * Whether the unprivileged user can reach and write into this folder: not the case under a private home such as
     * {@code /root}, whatever the folder's own permissions.
     */
    static boolean canWriteAsServerUser(Path folder) throws IOException, InterruptedException {
        if (!runningAsRoot()) {
            return true;
        }
        Files.createDirectories(folder);
        handOver(folder);
        return run(command(List.of("test", "-w", folder.toString()))) == 0;
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return process.waitFor();
    }
}
