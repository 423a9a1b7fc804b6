package fr.guichetbio.infra.launcher;

import java.io.PrintStream;
import java.time.Duration;

/** Prints what the stack is doing, each line stamped with the time since start. */
public final class Progress {

    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    public Progress(PrintStream out) {
        this.out = out;
    }

    public static Progress silent() {
        return new Progress(new PrintStream(PrintStream.nullOutputStream()));
    }

    public void step(String format, Object... args) {
        out.printf("[%5.1fs] %s%n", elapsed().toMillis() / 1000.0, String.format(format, args));
        out.flush();
    }

    public void line(String text) {
        out.println(text);
        out.flush();
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
