package dev.hayloft.core.answers;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Objects;

/**
 * A text progress bar for batches, redrawn in place with a carriage return, in the style of
 * Python's tqdm (which Haystack 1.x used):
 * {@code Answering:  45%|#############                 | 45/100 [00:12<00:15, 2 failed]}.
 * It is redrawn when the whole percentage or the failure count changes, and ends with a line
 * break when the batch finishes (after a last frame only if it differs from the one shown, so
 * a log of the bar has each frame once).
 *
 * <p>{@link DocumentAnswerGenerator} adds one writing to standard error by itself when its
 * {@code progress_bar} setting is on and {@link #consoleAttached()}; add one as a listener to
 * show it anywhere else (e.g. when output is redirected to a file).
 *
 * <pre>{@code
 * BatchOptions options = BatchOptions.builder().listener(ConsoleProgressBar.stderr()).build();
 * answerer.runBatch(requests, options);
 * }</pre>
 */
public final class ConsoleProgressBar implements BatchProgressListener {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private int drawnPercent = -1;
    private int drawnFailed = -1;
    private String drawn;

    /**
     * A bar written to {@code out}, prefixed with {@code label}.
     *
     * @throws NullPointerException naming {@code out} or {@code label} when null
     */
    public ConsoleProgressBar(PrintStream out, String label) {
        this.out = Objects.requireNonNull(out, "out");
        this.label = Objects.requireNonNull(label, "label");
    }

    /** A bar labelled {@code Answering} on standard error. */
    public static ConsoleProgressBar stderr() {
        return new ConsoleProgressBar(System.err, "Answering");
    }

    /**
     * Whether the JVM runs attached to an interactive console (on Java 22 and later, where a
     * console exists also when output is redirected, whether it is a terminal).
     */
    public static boolean consoleAttached() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console));
        } catch (ReflectiveOperationException e) {
            return true;   // before Java 22 a console exists only on a terminal
        }
    }

    @Override
    public synchronized void onStart(BatchProgress progress) {
        drawnPercent = -1;
        drawnFailed = -1;
        drawn = null;
        draw(progress);
    }

    @Override
    public synchronized void onProgress(BatchProgress progress) {
        int percent = (int) Math.floor(100 * progress.fraction());
        if (percent != drawnPercent || progress.failed() != drawnFailed || progress.done()) {
            draw(progress);
        }
    }

    @Override
    public synchronized void onFinish(AnswerBatch batch, BatchProgress progress) {
        if (!render(progress, label).equals(drawn)) { // the last update usually drew this frame already
            draw(progress);
        }
        out.println();
        out.flush();
    }

    private void draw(BatchProgress p) {
        drawnPercent = (int) Math.floor(100 * p.fraction());
        drawnFailed = p.failed();
        drawn = render(p, label);
        out.print("\r" + drawn);
        out.flush();
    }

    /** One frame of the bar, without the carriage return. */
    public static String render(BatchProgress p, String label) {
        int percent = (int) Math.floor(100 * p.fraction());
        int filled = (int) Math.floor(WIDTH * p.fraction());
        StringBuilder sb = new StringBuilder(label).append(": ");
        sb.append(String.format("%3d%%|", percent));
        sb.append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("| ");
        sb.append(p.completed()).append('/').append(p.total()).append(" [").append(clock(p.elapsed()));
        sb.append('<').append(p.remaining().map(ConsoleProgressBar::clock).orElse("?"));
        if (p.failed() > 0) {
            sb.append(", ").append(p.failed()).append(" failed");
        }
        return sb.append(']').toString();
    }

    /** {@code mm:ss}, or {@code h:mm:ss} from an hour on, as tqdm prints times. */
    private static String clock(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s >= 3600) {
            return String.format("%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
        }
        return String.format("%02d:%02d", s / 60, s % 60);
    }
}
