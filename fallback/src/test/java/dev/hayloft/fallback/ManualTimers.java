package dev.hayloft.fallback;

import dev.hayloft.fallback.internal.Timers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Timers that fire only when the test says so: timeouts without wall-clock races. */
final class ManualTimers implements Timers {
    private final List<Runnable> pending = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private final Semaphore scheduled = new Semaphore(0);

    @Override
    public synchronized void after(Duration delay, Runnable task) {
        pending.add(task);
        delays.add(delay);
        scheduled.release();
    }

    /** Waits until {@code n} more timers were set (fails after 30 s). */
    void awaitScheduled(int n) throws InterruptedException {
        if (!scheduled.tryAcquire(n, 30, TimeUnit.SECONDS)) {
            throw new AssertionError("expected " + n + " more timer(s)");
        }
    }

    /** Fires every pending timer, oldest first. */
    void fireAll() {
        List<Runnable> tasks;
        synchronized (this) {
            tasks = new ArrayList<>(pending);
            pending.clear();
        }
        tasks.forEach(Runnable::run);
    }

    synchronized List<Duration> delays() {
        return List.copyOf(delays);
    }
}
