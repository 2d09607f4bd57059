package dev.hayloft.fallback.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.listener.CircuitBreakerEvent.State;
import dev.hayloft.fallback.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The circuit state machine, also under concurrent callers. */
class CircuitTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-06-01T12:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    };
    private final List<Circuit.Transition> changes = new ArrayList<>();

    private Circuit openCircuit() {
        Circuit c = new Circuit(CircuitBreaker.of(1, Duration.ofSeconds(5)), clock);
        c.onFailure(c.tryAcquire(changes), true, false, null, new RuntimeException("down"), changes);
        assertEquals(State.OPEN, c.snapshot().state());
        assertNull(c.tryAcquire(changes), "open: skipped");
        now.updateAndGet(t -> t.plusSeconds(6));
        return c;
    }

    @Test
    void exactlyOneOfManyConcurrentCallersProbesAHalfOpenCircuit() throws Exception {
        Circuit c = openCircuit();
        int callers = 64;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger probes = new AtomicInteger();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                done.add(pool.submit(() -> {
                    go.await();
                    Circuit.Permit p = c.tryAcquire(new ArrayList<>());
                    if (p != null) {
                        assertTrue(p.probe());
                        probes.incrementAndGet();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertEquals(1, probes.get(), "one probe at a time");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(State.HALF_OPEN, c.snapshot().state());
    }

    @Test
    void aProbeWithoutVerdictLetsTheNextCallerProbe() {
        Circuit c = openCircuit();
        Circuit.Permit probe = c.tryAcquire(changes);
        assertTrue(probe.probe());
        assertNull(c.tryAcquire(changes), "the probe is in flight");
        c.release(probe); // cancelled
        Circuit.Permit next = c.tryAcquire(changes);
        assertNotNull(next);
        c.onSuccess(next, changes);
        assertEquals(State.CLOSED, c.snapshot().state());
        assertEquals(List.of(State.OPEN, State.HALF_OPEN, State.CLOSED),
                changes.stream().map(Circuit.Transition::state).toList());
    }

    @Test
    void aLateResultOfACallStartedBeforeTheCircuitOpenedChangesNothing() {
        Circuit c = new Circuit(CircuitBreaker.of(1, Duration.ofSeconds(5)), clock);
        Circuit.Permit early = c.tryAcquire(changes);
        Circuit.Permit failing = c.tryAcquire(changes);
        c.onFailure(failing, true, false, Duration.ofSeconds(60), new RuntimeException(), changes);
        assertEquals(now.get().plusSeconds(60), c.snapshot().openUntil(), "Retry-After beyond the cooldown");
        c.onSuccess(early, changes);
        assertEquals(State.OPEN, c.snapshot().state(), "a success from before does not close it");
    }

    @Test
    void aDisabledCircuitAlwaysLetsCallsThrough() {
        Circuit c = new Circuit(null, clock);
        for (int i = 0; i < 10; i++) {
            Circuit.Permit p = c.tryAcquire(changes);
            assertNotNull(p);
            c.onFailure(p, true, true, Duration.ofHours(1), new RuntimeException(), changes);
        }
        assertTrue(changes.isEmpty());
        assertEquals(State.CLOSED, c.snapshot().state());
    }

    @Test
    void retryAfterIsCappedByMaxCooldown() {
        CircuitBreaker b = new CircuitBreaker(3, Duration.ofSeconds(10), Duration.ofMinutes(2));
        assertEquals(Duration.ofSeconds(10), b.cooldownFor(null));
        assertEquals(Duration.ofSeconds(10), b.cooldownFor(Duration.ofSeconds(3)));
        assertEquals(Duration.ofSeconds(90), b.cooldownFor(Duration.ofSeconds(90)));
        assertEquals(Duration.ofMinutes(2), b.cooldownFor(Duration.ofHours(1)));
    }
}
