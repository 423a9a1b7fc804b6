package fr.guichetbio.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Commands the benchmarks run to their end: the portal jar's generator, import and rebuild. */
final class Commands {

    private Commands() {}

    /**
     * Runs a command to its end (at most 10 minutes), its output in {@code log}; fails on a non-zero exit with the
     * output's tail.
     *
     * @return the command's output
     */
    static String run(Path log, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean ended = process.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended && process.exitValue() == 0)
                .as(
                        "%s exited %s:%n%s",
                        command.getLast(),
                        ended ? process.exitValue() : "late",
                        output.substring(Math.max(0, output.length() - 4000)))
                .isTrue();
        return output;
    }

    static String run(Path log, String... command) throws IOException, InterruptedException {
        return run(log, List.of(command));
    }
}
