package dev.hayloft.core.listener;

/**
 * Thread-bound state a listener carries to where a request's work continues: captured by
 * {@link GenerationListener#carry} on the thread that hands the work on (a generator's
 * {@code runAsync} before it queues the work on its executor, a composite generator before it
 * starts a delegate call), then {@linkplain #enter() entered} on the thread doing the work and
 * left when that work ends. A tracing listener carries its context this way, so the spans of
 * an asynchronous request keep the caller's span as their parent.
 *
 * <pre>{@code
 * CarriedContext carried = listeners.carry(null);          // on the calling thread
 * executor.execute(() -> {
 *     try (CarriedContext.Scope scope = carried.enter()) { // on the worker
 *         generate();
 *     }
 * });
 * }</pre>
 */
@FunctionalInterface
public interface CarriedContext {
    /** Carries nothing: entering it does nothing. */
    CarriedContext NONE = () -> Scope.NONE;

    /** Makes the carried state current on this thread until the returned scope is closed. */
    Scope enter();

    /** The carried state being current; {@link #close()} restores what was current before (on the same thread). */
    @FunctionalInterface
    interface Scope extends AutoCloseable {
        /** Nothing to restore. */
        Scope NONE = () -> { };

        @Override
        void close();
    }
}
