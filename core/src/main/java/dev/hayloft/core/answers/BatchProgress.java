package dev.hayloft.core.answers;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a batch stands, reported to {@link BatchProgressListener}s after each request ends.
 *
 * <pre>{@code
 * BatchProgressListener log = p -> LOG.info("{}/{} answered, {} failed, about {} left",
 *         p.completed(), p.total(), p.failed(), p.remaining().orElse(null));
 * }</pre>
 *
 * @param total the number of requests
 * @param completed the requests ended so far (answered or failed)
 * @param failed the requests failed so far
 * @param elapsed the time since the batch started
 * @param last the request that just ended, or null before the first one
 */
public record BatchProgress(int total, int completed, int failed, Duration elapsed, AnswerBatch.Item last) {
    public BatchProgress {
        if (total < 0 || completed < 0 || completed > total || failed < 0 || failed > completed) {
            throw new IllegalArgumentException("inconsistent progress: " + completed + "/" + total + ", " + failed
                    + " failed");
        }
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** The share of requests ended, from 0 to 1 (1 for an empty batch). */
    public double fraction() {
        return total == 0 ? 1.0 : (double) completed / total;
    }

    /** Whether every request has ended. */
    public boolean done() {
        return completed == total;
    }

    /** The time left at the rate so far, once a request has ended. */
    public Optional<Duration> remaining() {
        if (completed == 0) {
            return Optional.empty();
        }
        return Optional.of(elapsed.multipliedBy(total - completed).dividedBy(completed));
    }
}
