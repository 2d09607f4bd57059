package dev.hayloft.core.listener;

/**
 * Observes the generation requests of a generator: one {@link #onRequest} per run, then (while
 * streaming) {@link #onFirstToken} once and {@link #onChunk} per chunk, {@link #onRetry} before
 * each further attempt the client makes, and exactly one of {@link #onResponse} or
 * {@link #onError}; components guarding their delegates with circuit breakers also report
 * {@link #onCircuitStateChange} while the request runs. The {@link GenerationContext} on every event is the same instance for one
 * request, so a listener can match the events of a request even when they arrive on different
 * threads (asynchronous runs).
 *
 * <p>All methods default to doing nothing; implement those you need. Listeners are called on
 * the thread running the request, in the order they were attached, and must be thread-safe: a
 * generator runs requests concurrently. An exception thrown by a listener is logged (once per
 * listener, at WARN) and otherwise ignored: it never changes or breaks the generation. Keep
 * listeners quick; they run on the generating or stream-reading thread. A listener that keeps
 * thread-bound state (a tracing context) gets it carried to the threads a request moves to
 * through {@link #carry}.
 *
 * <p>Attach listeners with the generators' builders; they are run-time only and not part of
 * {@code toDict}:
 *
 * <pre>{@code
 * GenerationListener timing = new GenerationListener() {
 *     public void onResponse(ResponseEvent e) {
 *         log.info("{} {} took {} ({} output tokens)", e.context().componentName(), e.context().model(),
 *                 e.duration(), e.usage().outputTokens());
 *     }
 *     public void onError(ErrorEvent e) {
 *         log.warn("{} failed after {} attempt(s): HTTP {}", e.context().componentName(), e.attempt(),
 *                 e.statusCode());
 *     }
 * };
 * OpenAIChatGenerator llm = OpenAIChatGenerator.builder().listener(timing).build();
 * }</pre>
 */
public interface GenerationListener {

    /** A request is about to be sent (attempt 1); the first event of every request. */
    default void onRequest(RequestEvent event) {
    }

    /** The first chunk with content (text, a tool-call delta or reasoning) arrived; streaming only. */
    default void onFirstToken(FirstTokenEvent event) {
    }

    /** A streaming chunk arrived (after {@link #onFirstToken} for the first chunk with content). */
    default void onChunk(ChunkEvent event) {
    }

    /** The previous attempt failed and attempt {@link RetryEvent#attempt()} starts now, after the back-off. */
    default void onRetry(RetryEvent event) {
    }

    /** The request succeeded; the last event of a successful request. */
    default void onResponse(ResponseEvent event) {
    }

    /** The request failed (or was cancelled); the last event of a failed request. */
    default void onError(ErrorEvent event) {
    }

    /** A circuit breaker guarding one of the component's delegate generators changed state (see {@link CircuitBreakerEvent}). */
    default void onCircuitStateChange(CircuitBreakerEvent event) {
    }

    /**
     * Captures, on the current thread, what this listener needs where the request's work
     * continues on another thread or in a delegate: called with {@code request} null by a
     * generator's {@code runAsync} before it hands the work to its executor (the request, and
     * {@link #onRequest}, follow on the worker), and with the request by a composite generator
     * (e.g. {@code FallbackChatGenerator}) before each call of a delegate generator, so that the
     * delegate's requests can nest under the composite's current attempt. The returned context
     * is entered on the thread doing the work, around it. Default: nothing carried.
     */
    default CarriedContext carry(GenerationContext request) {
        return CarriedContext.NONE;
    }
}
