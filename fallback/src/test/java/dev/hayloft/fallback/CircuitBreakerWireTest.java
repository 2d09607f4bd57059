package dev.hayloft.fallback;

import static dev.hayloft.fallback.Llms.ask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.listener.CircuitBreakerEvent;
import dev.hayloft.core.listener.CircuitBreakerEvent.State;
import dev.hayloft.core.testing.RecordingListener;
import dev.hayloft.fallback.FallbackAttempt.Outcome;
import dev.hayloft.fallback.LoopbackLlm.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-generator circuit breaker on real generators, with a clock the test moves (no sleeps). */
class CircuitBreakerWireTest {
    private LoopbackLlm primary;
    private LoopbackLlm backup;
    private final MovableClock clock = new MovableClock();

    /** A clock that only moves when told. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-06-01T12:00:00Z"));

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @BeforeEach
    void start() {
        primary = new LoopbackLlm(r -> Reply.error(429, Recordings.error("Rate limit reached", "requests",
                "rate_limit_exceeded"), "retry-after", "120"));
        backup = new LoopbackLlm(r -> Reply.text("from backup"));
    }

    @AfterEach
    void stop() {
        primary.close();
        backup.close();
    }

    private FallbackChatGenerator.Builder fallback(RecordingListener events) {
        return FallbackChatGenerator.builder()
                .chatGenerators(List.of(Llms.openai(primary).build(), Llms.azure(backup).build()))
                .circuitBreaker(CircuitBreaker.of(2, Duration.ofSeconds(30))).clock(clock).listener(events);
    }

    @Test
    void opensAfterConsecutiveFailuresHonoursRetryAfterThenProbesAndCloses() {
        RecordingListener events = new RecordingListener();
        try (FallbackChatGenerator llm = fallback(events).build()) {
            assertEquals("from backup", llm.run(ask("1")).text());
            assertEquals(State.CLOSED, llm.circuits().get(0).state());
            assertEquals(1, llm.circuits().get(0).consecutiveFailures());
            assertEquals("from backup", llm.run(ask("2")).text());

            CircuitStatus open = llm.circuits().get(0);
            assertEquals(State.OPEN, open.state());
            assertEquals(clock.instant().plusSeconds(120), open.openUntil(), "Retry-After (120 s) beats the 30 s cooldown");
            CircuitBreakerEvent opened = events.one(CircuitBreakerEvent.class);
            assertEquals(State.CLOSED, opened.previous());
            assertEquals(State.OPEN, opened.state());
            assertEquals(0, opened.generatorIndex());
            assertEquals("OpenAIChatGenerator", opened.generatorName());
            assertEquals(2, opened.consecutiveFailures());
            assertTrue(opened.cause() instanceof dev.hayloft.core.errors.RateLimitException);

            // open: the primary is not called at all
            FallbackResult skipped = llm.runWithMeta(ask("3"), null, null, null);
            assertEquals("from backup", skipped.text());
            assertEquals(2, primary.requestCount());
            assertEquals(Outcome.SKIPPED, skipped.attempts().get(0).outcome());
            assertEquals(1, skipped.meta().get("total_attempts"), "a skipped generator is no attempt");
            assertEquals(List.of(), skipped.meta().get("failed_chat_generators"));
            assertEquals(1, skipped.successfulChatGeneratorIndex());

            clock.advance(Duration.ofSeconds(60)); // past the cooldown, not past Retry-After
            llm.run(ask("4"));
            assertEquals(2, primary.requestCount());

            clock.advance(Duration.ofSeconds(61));
            primary.script(r -> Reply.text("primary is back"));
            FallbackResult probe = llm.runWithMeta(ask("5"), null, null, null);
            assertEquals("primary is back", probe.text());
            assertEquals(0, probe.successfulChatGeneratorIndex());
            assertEquals(State.CLOSED, llm.circuits().get(0).state());
            assertNull(llm.circuits().get(0).openUntil());
        }
        List<CircuitBreakerEvent> changes = events.of(CircuitBreakerEvent.class);
        assertEquals(List.of(State.OPEN, State.HALF_OPEN, State.CLOSED),
                changes.stream().map(CircuitBreakerEvent::state).toList());
        assertEquals(State.OPEN, changes.get(1).previous());
        assertEquals(State.HALF_OPEN, changes.get(2).previous());
    }

    @Test
    void aFailedProbeOpensTheCircuitAgain() {
        RecordingListener events = new RecordingListener();
        primary.script(r -> Reply.error(503, Recordings.error("overloaded", "server_error", null)));
        try (FallbackChatGenerator llm = fallback(events).build()) {
            llm.run(ask("1"));
            llm.run(ask("2"));
            assertEquals(State.OPEN, llm.circuits().get(0).state());
            assertEquals(clock.instant().plusSeconds(30), llm.circuits().get(0).openUntil(), "no Retry-After: 30 s");
            clock.advance(Duration.ofSeconds(31));
            llm.run(ask("3"));   // the probe fails
            assertEquals(3, primary.requestCount());
            assertEquals(State.OPEN, llm.circuits().get(0).state());
            assertEquals(clock.instant().plusSeconds(30), llm.circuits().get(0).openUntil());
        }
        assertEquals(List.of(State.OPEN, State.HALF_OPEN, State.OPEN),
                events.of(CircuitBreakerEvent.class).stream().map(CircuitBreakerEvent::state).toList());
    }

    @Test
    void anAuthenticationFailureOpensTheCircuitAtOnce() {
        primary.script(r -> Reply.error(401, Recordings.error("Incorrect API key provided.", "invalid_request_error",
                "invalid_api_key")));
        try (FallbackChatGenerator llm = fallback(new RecordingListener()).build()) {
            llm.run(ask("1"));
            assertEquals(State.OPEN, llm.circuits().get(0).state(), "no need to wait for a second failure");
            llm.run(ask("2"));
            assertEquals(1, primary.requestCount());
        }
    }

    @Test
    void requestFaultsDoNotCount() {
        primary.script(r -> Reply.error(400, Recordings.error("bad", "invalid_request_error", null)));
        try (FallbackChatGenerator llm = fallback(new RecordingListener()).build()) {
            for (int i = 0; i < 3; i++) {
                assertThrows(FallbackException.class, () -> llm.run(ask("bad")));
            }
            assertEquals(State.CLOSED, llm.circuits().get(0).state());
            assertEquals(0, llm.circuits().get(0).consecutiveFailures());
        }
    }

    @Test
    void allCircuitsOpenFailsFastWithTheTimeUntilTheFirstCloses() {
        backup.script(r -> Reply.error(500, Recordings.error("down", "server_error", null)));
        try (FallbackChatGenerator llm = fallback(new RecordingListener()).build()) {
            assertThrows(FallbackException.class, () -> llm.run(ask("1")));
            assertThrows(FallbackException.class, () -> llm.run(ask("2")));
            clock.advance(Duration.ofSeconds(10));
            FallbackException e = assertThrows(FallbackException.class, () -> llm.run(ask("3")));
            assertEquals(FallbackException.Reason.NO_GENERATOR_AVAILABLE, e.reason());
            assertEquals(Duration.ofSeconds(20), e.retryAfter().orElseThrow(), "the backup's 30 s cooldown, 10 s in");
            assertTrue(e.isRetryable());
            assertEquals(List.of(Outcome.SKIPPED, Outcome.SKIPPED), e.attempts().stream().map(FallbackAttempt::outcome)
                    .toList());
            assertTrue(e.getMessage().contains("No chat generator could be called"), e.getMessage());
        }
        assertEquals(2, primary.requestCount());
        assertEquals(2, backup.requestCount());
    }
}
