package dev.hayloft.core.answers;

import dev.hayloft.core.serde.JsonValues;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * How {@link DocumentAnswerGenerator#runBatch(List, BatchOptions)} runs a batch: how many
 * requests are in flight at once, where their preparation runs, who follows the progress, and
 * run-time settings for every request.
 *
 * <p>At most {@link #concurrency()} requests are in flight; the next one starts when one ends.
 * Each request's prompt is prepared (documents counted and cut to fit) on {@link #executor()}
 * when one is given, else on the thread that ends the previous request (the caller's thread for
 * the first ones); generation runs where the chat generator's {@code runAsync} runs it. No thread
 * is created for the batch itself.
 *
 * <pre>{@code
 * BatchOptions options = BatchOptions.builder()
 *         .concurrency(8)
 *         .listener(ConsoleProgressBar.stderr())
 *         .topK(1)
 *         .build();
 * }</pre>
 *
 * @param concurrency the most requests in flight at once
 * @param executor where prompts are prepared, or null (see above); never shut down by the batch
 * @param listeners who follows the progress, in calling order
 * @param progressBar whether to show a console progress bar on standard error when a console is
 *        attached: null for the generator's {@code progress_bar} setting
 * @param topK answers per query, or null for the generator's {@code top_k}
 * @param generationKwargs kwargs for every request (over the generator's), or null
 * @param clock the clock the elapsed time is read from
 */
public record BatchOptions(int concurrency, Executor executor, List<BatchProgressListener> listeners,
        Boolean progressBar, Integer topK, Map<String, Object> generationKwargs, Clock clock) {
    /** The default {@link #concurrency()}. */
    public static final int DEFAULT_CONCURRENCY = 4;

    public BatchOptions {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1 but was " + concurrency);
        }
        if (topK != null && topK < 1) {
            throw new IllegalArgumentException("top_k must be >= 1 but was " + topK);
        }
        listeners = List.copyOf(Objects.requireNonNull(listeners, "listeners"));
        generationKwargs = generationKwargs == null ? null : JsonValues.immutableMap(generationKwargs);
        Objects.requireNonNull(clock, "clock");
    }

    /** {@value #DEFAULT_CONCURRENCY} in flight, no listener, the generator's settings. */
    public static BatchOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link BatchOptions}. */
    public static final class Builder {
        private int concurrency = DEFAULT_CONCURRENCY;
        private Executor executor;
        private final List<BatchProgressListener> listeners = new ArrayList<>();
        private Boolean progressBar;
        private Integer topK;
        private Map<String, Object> generationKwargs;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The most requests in flight at once, default {@value BatchOptions#DEFAULT_CONCURRENCY}. */
        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        /** Where prompts are prepared (the caller's executor; not shut down by the batch). */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** Adds a progress listener. */
        public Builder listener(BatchProgressListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Shows ({@code true}) or hides the console progress bar, over the generator's {@code progress_bar}. */
        public Builder progressBar(Boolean progressBar) {
            this.progressBar = progressBar;
            return this;
        }

        /** Answers per query for this batch. */
        public Builder topK(Integer topK) {
            this.topK = topK;
            return this;
        }

        /** Kwargs for every request of this batch. */
        public Builder generationKwargs(Map<String, Object> generationKwargs) {
            this.generationKwargs = generationKwargs;
            return this;
        }

        /** The clock elapsed times are read from (tests fix it). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws IllegalArgumentException naming {@code concurrency} or {@code top_k} when below 1 */
        public BatchOptions build() {
            return new BatchOptions(concurrency, executor, listeners, progressBar, topK, generationKwargs, clock);
        }
    }
}
