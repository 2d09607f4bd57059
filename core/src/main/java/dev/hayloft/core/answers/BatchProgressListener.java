package dev.hayloft.core.answers;

/**
 * Follows a batch of answer requests, e.g. to update an application's progress display or
 * metrics. Calls come one at a time (never concurrently), in the order requests end, on the
 * thread that ended the request; keep them short. A listener that throws is logged and never
 * breaks the batch.
 *
 * <pre>{@code
 * BatchOptions options = BatchOptions.builder()
 *         .listener(p -> progressBar.setValue((int) (100 * p.fraction())))
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface BatchProgressListener {
    /** Before the first request starts ({@code completed} is 0). The default does nothing. */
    default void onStart(BatchProgress progress) {
    }

    /** After each request ends, answered or failed ({@link BatchProgress#last()}). */
    void onProgress(BatchProgress progress);

    /** After the last request ended, with the whole batch. The default does nothing. */
    default void onFinish(AnswerBatch batch, BatchProgress progress) {
    }
}
