package dev.hayloft.fallback.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task after a delay on an executor, through the JDK's shared delay scheduler
 * ({@link CompletableFuture#delayedExecutor}): no thread of ours to start or stop. Tasks hold
 * their targets through references the targets clear when they end, so a pending timer keeps
 * no finished request alive.
 *
 * <pre>{@code
 * Timers.after(Duration.ofSeconds(2), executor, () -> attempt.expire(false));
 * }</pre>
 */
final class Timers {
    private Timers() {
    }

    static void after(Duration delay, Executor executor, Runnable task) {
        CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, executor).execute(task);
    }
}
