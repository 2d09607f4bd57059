package dev.hayloft.hf.local.internal.hub;

import dev.hayloft.hf.local.DownloadListener;
import dev.hayloft.hf.local.DownloadProgress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The console progress bar of Hub downloads: for files of at least 10 MB, a line
 * {@code model.safetensors  42% |########            | 113.2M/269.1M}, redrawn in place
 * (carriage return) on a terminal at most every 200 ms, or printed at every tenth when the
 * output is a log. Small files (configs, tokenizers) download silently.
 *
 * <pre>{@code
 * DownloadListener bar = new ConsoleProgressBar(System.err, System.console() != null);
 * }</pre>
 */
public final class ConsoleProgressBar implements DownloadListener {
    static final long MIN_BYTES = 10_000_000L;
    private static final int WIDTH = 20;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private String file;
    private long lastDraw;
    private int lastTenth = -1;

    public ConsoleProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public synchronized void onProgress(DownloadProgress p) {
        if (p.totalBytes() < MIN_BYTES) {
            return;
        }
        String key = p.repoId() + "/" + p.fileName();
        if (!key.equals(file)) {
            file = key;
            lastDraw = 0;
            lastTenth = -1;
        }
        if (terminal) {
            long now = System.nanoTime();
            if (p.finished() || lastDraw == 0 || now - lastDraw >= REDRAW_NANOS) {
                lastDraw = now;
                out.print("\r" + line(p) + (p.finished() ? System.lineSeparator() : ""));
                out.flush();
            }
        } else {
            int tenth = (int) (p.fraction() * 10);
            if (tenth != lastTenth || p.finished()) {
                if (!(p.finished() && tenth == lastTenth && tenth == 10)) {
                    out.println(line(p));
                }
                lastTenth = tenth;
            }
        }
    }

    /** The bar's text for {@code p}. */
    static String line(DownloadProgress p) {
        double f = Math.min(1.0, p.fraction());
        int filled = (int) Math.round(f * WIDTH);
        String name = p.fileName().length() > 40 ? "…" + p.fileName().substring(p.fileName().length() - 39)
                : p.fileName();
        return String.format(Locale.ROOT, "%s %3d%% |%s%s| %s/%s", name, (int) Math.floor(f * 100),
                "#".repeat(filled), " ".repeat(WIDTH - filled), size(p.bytesDone()), size(p.totalBytes()));
    }

    private static String size(long bytes) {
        if (bytes < 1_000) {
            return bytes + "B";
        }
        String[] units = {"k", "M", "G", "T"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f%s", v, units[u]);
    }
}
