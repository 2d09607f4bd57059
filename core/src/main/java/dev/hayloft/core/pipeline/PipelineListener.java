package dev.hayloft.core.pipeline;

/**
 * Observes the runs of a {@link Pipeline}: {@link #onPipelineStart} once per run, then per
 * component run {@link #onComponentStart} and {@link #onComponentEnd} (with the component's
 * error, if it failed), and {@link #onPipelineEnd} last (with the run's error, if it failed).
 * The same {@link PipelineRunContext} (and, for one component run, the same
 * {@link ComponentRunContext}) is on every event, so a listener can key per-run state on it.
 *
 * <p>Threads: {@code onPipelineStart} fires on the thread calling {@code run}/{@code runAsync};
 * {@code onComponentStart} and {@code onComponentEnd} of one component run fire on the thread
 * that runs the component (an executor thread with {@code runAsync}, where independent
 * branches run concurrently), just around it, the end in a {@code finally}; so a listener may
 * make thread-bound state (a tracing context) current in {@code onComponentStart} and restore
 * it in {@code onComponentEnd}. {@code onPipelineEnd} fires on the thread that finishes the run.
 * Listeners must be thread-safe. A listener that throws is logged (once per listener at WARN,
 * later at DEBUG) and otherwise ignored: it never changes or breaks the run.
 *
 * <p>Attach listeners to a pipeline with {@link Pipeline#addListener}; they are run-time only
 * (not part of {@code toDict}). All methods default to doing nothing.
 *
 * <pre>{@code
 * pipeline.addListener(new PipelineListener() {
 *     public void onComponentEnd(ComponentEndEvent e) {
 *         log.info("{} (visit {}) took {}", e.component().componentName(), e.component().visit(), e.duration());
 *     }
 * });
 * }</pre>
 */
public interface PipelineListener {

    /** A run starts: its inputs were validated; components are warmed up and run next. */
    default void onPipelineStart(PipelineStartEvent event) {
    }

    /** A component is about to run, on the thread that runs it. */
    default void onComponentStart(ComponentStartEvent event) {
    }

    /** A component ran (or failed: {@link ComponentEndEvent#error()}), on the thread that ran it. */
    default void onComponentEnd(ComponentEndEvent event) {
    }

    /** The run ended: it returned its outputs or failed ({@link PipelineEndEvent#error()}); the last event. */
    default void onPipelineEnd(PipelineEndEvent event) {
    }
}
