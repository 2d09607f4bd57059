package dev.hayloft.hf.local;

import dev.hayloft.hf.local.internal.hub.ConsoleProgressBar;
import java.io.PrintStream;

/**
 * Receives the progress of Hub downloads ({@link HuggingFaceHub}): one
 * {@link DownloadProgress} when a file starts, as its bytes arrive, and when it is finished.
 * Called on the downloading thread; a listener that throws is logged and ignored, it never
 * breaks a download. Files already in the cache are not reported.
 *
 * <pre>{@code
 * HuggingFaceHub hub = HuggingFaceHub.builder()
 *         .progressListener(p -> progressBar.setValue((int) (100 * p.fraction())))
 *         .build();
 * HuggingFaceHub quiet = HuggingFaceHub.builder().progressListener(DownloadListener.none()).build();
 * }</pre>
 */
@FunctionalInterface
public interface DownloadListener {

    /** A file's download advanced. */
    void onProgress(DownloadProgress progress);

    /** A listener that ignores everything. */
    static DownloadListener none() {
        return p -> { };
    }

    /**
     * The console progress bar (the default): one line per file of 10 MB or more, redrawn in
     * place on a terminal, printed at every tenth otherwise.
     */
    static DownloadListener console(PrintStream out) {
        return new ConsoleProgressBar(out, System.console() != null);
    }
}
