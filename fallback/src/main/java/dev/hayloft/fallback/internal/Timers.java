package dev.hayloft.fallback.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks after a delay: the time-to-first-token and total timeouts. {@link #on(Executor)}
 * uses the JDK's shared delay scheduler ({@link CompletableFuture#delayedExecutor}), so there
 * is no thread of ours to start or stop, and runs the task on the executor. Tasks hold their
 * targets through references the targets clear when they end, so a pending timer keeps no
 * finished request alive. Tests substitute a timer they fire by hand.
 *
 * <pre>{@code
 * Timers timers = Timers.on(ForkJoinPool.commonPool());
 * timers.after(Duration.ofSeconds(2), () -> attempt.expire(false));
 * }</pre>
 */
@FunctionalInterface
public interface Timers {
    /** Runs {@code task} once {@code delay} has passed. */
    void after(Duration delay, Runnable task);

    /** Timers on the JDK's delay scheduler whose tasks run on {@code executor}. */
    static Timers on(Executor executor) {
        return (delay, task) -> CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, executor)
                .execute(task);
    }
}
