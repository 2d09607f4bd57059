package dev.hayloft.fallback;

import static dev.hayloft.fallback.Llms.ask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.errors.AuthenticationException;
import dev.hayloft.core.errors.ConnectionException;
import dev.hayloft.core.errors.ContextLengthExceededException;
import dev.hayloft.core.errors.GenerationTimeoutException;
import dev.hayloft.core.errors.InvalidRequestException;
import dev.hayloft.core.errors.RateLimitException;
import dev.hayloft.core.errors.ServerErrorException;
import dev.hayloft.fallback.FallbackAttempt.Outcome;
import dev.hayloft.fallback.LoopbackLlm.Reply;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failover between a real OpenAIChatGenerator (primary) and AzureOpenAIChatGenerator (backup) on loopback servers. */
class FailoverWireTest {
    private LoopbackLlm primary;
    private LoopbackLlm backup;

    @BeforeEach
    void start() {
        primary = new LoopbackLlm(r -> Reply.text("from primary"));
        backup = new LoopbackLlm(r -> Reply.text("from backup"));
    }

    @AfterEach
    void stop() {
        primary.close();
        backup.close();
    }

    private FallbackChatGenerator.Builder fallback() {
        return FallbackChatGenerator.builder()
                .chatGenerators(List.of(Llms.openai(primary).build(), Llms.azure(backup).build()));
    }

    @Test
    void primaryRateLimitedThenTheBackupAnswers() {
        primary.script(r -> Reply.error(429, Recordings.error("Rate limit reached for gpt-4o-mini", "requests",
                "rate_limit_exceeded"), "retry-after", "7"));
        // the primary holds a token secret (its toDict refuses): its configured model comes from ChatGenerator.model()
        try (FallbackChatGenerator llm = FallbackChatGenerator.builder().chatGenerators(List.of(
                Llms.openai(primary).build(), Llms.azure(backup).build())).build()) {
            FallbackResult r = llm.runWithMeta(ask("Hi"), null, null, null);
            assertEquals("from backup", r.text());
            assertEquals(1, r.meta().get("successful_chat_generator_index"));
            assertEquals("AzureOpenAIChatGenerator", r.meta().get("successful_chat_generator_class"));
            assertEquals(2, r.meta().get("total_attempts"));
            assertEquals(List.of("OpenAIChatGenerator"), r.meta().get("failed_chat_generators"));
            List<FallbackAttempt> attempts = r.attempts();
            assertEquals(2, attempts.size());
            FallbackAttempt first = attempts.get(0);
            assertEquals(Outcome.FAILED, first.outcome());
            assertEquals("RateLimitException", first.errorType());
            assertEquals(FailureKind.RATE_LIMIT, first.failureKind());
            assertEquals(429, first.statusCode());
            assertEquals(Duration.ofSeconds(7), first.retryAfter());
            assertEquals(FailoverPolicy.Action.FAILOVER, first.action());
            assertEquals("gpt-4o-mini", first.model(), "the configured model of a generator that failed");
            FallbackAttempt second = attempts.get(1);
            assertEquals(Outcome.SUCCEEDED, second.outcome());
            assertEquals("gpt-4o-mini-2024-07-18", second.model(), "the model the reply names");
            assertFalse(second.latency().isNegative());
            assertTrue(second.timeToFirstToken() != null);
        }
        assertEquals(1, primary.requestCount());
        assertEquals(1, backup.requestCount());
        assertEquals("/openai/deployments/gpt-4o-mini/chat/completions", backup.requests.get(0).path());
        assertEquals(List.of(Map.of("role", "user", "content", "Hi")), backup.requests.get(0).body().get("messages"),
                "the same messages go to every generator");
    }

    @Test
    void generationKwargsAndToolsAreForwardedToEveryAttempt() {
        primary.script(r -> Reply.error(503, Recordings.error("overloaded", "server_error", null)));
        try (FallbackChatGenerator llm = fallback().build()) {
            llm.runWithMeta(ask("Hi"), Map.of("temperature", 0.25, "max_completion_tokens", 9), null, null);
        }
        for (LoopbackLlm s : List.of(primary, backup)) {
            assertEquals(0.25, ((Number) s.requests.get(0).body().get("temperature")).doubleValue());
            assertEquals(9, s.requests.get(0).body().get("max_completion_tokens"));
        }
    }

    @Test
    void primaryTimesOut() {
        primary.script(r -> Reply.silentStall());
        try (FallbackChatGenerator llm = FallbackChatGenerator.builder().chatGenerators(List.of(
                Llms.openai(primary).timeout(Duration.ofMillis(300)).build(), Llms.azure(backup).build())).build()) {
            FallbackResult r = llm.runWithMeta(ask("Hi"), null, null, null);
            assertEquals("from backup", r.text());
            assertEquals("GenerationTimeoutException", r.attempts().get(0).errorType());
            assertEquals(FailureKind.TIMEOUT, r.attempts().get(0).failureKind());
        }
    }

    @Test
    void primaryStallsBeforeTheFirstTokenAndTheTtftTimeoutFailsOver() throws Exception {
        primary.script(r -> Reply.stall()); // headers and a role chunk, then only keep-alive comments
        ManualTimers timers = new ManualTimers();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (FallbackChatGenerator llm = fallback().timeToFirstTokenTimeout(Duration.ofSeconds(2)).timers(timers)
                .build()) {
            CompletableFuture<FallbackResult> f = llm.runWithMetaAsync(ask("Hi"), null, null, c -> seen.add(c.content()));
            timers.awaitScheduled(1);
            assertTrue(primary.stalled.await(30, TimeUnit.SECONDS));
            timers.fireAll(); // the 2 s have passed: the primary's first token is late
            FallbackResult r = f.get(30, TimeUnit.SECONDS);
            assertEquals("from backup", r.text());
            FallbackAttempt first = r.attempts().get(0);
            assertEquals(FailureKind.TIMEOUT, first.failureKind());
            assertEquals("GenerationTimeoutException", first.errorType());
            assertNull(first.timeToFirstToken(), "no token arrived");
            assertFalse(first.streamed());
            assertEquals("from backup", String.join("", seen), "nothing of the stalled primary shows");
            assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)), timers.delays(), "one per attempt");
        }
        assertTrue(primary.clientGone.await(30, TimeUnit.SECONDS), "the stalled request's connection was not closed");
    }

    @Test
    void realTimersEndStalledAttempts() {
        primary.script(r -> Reply.stall());
        backup.script(r -> Reply.stall());
        try (FallbackChatGenerator llm = fallback().timeToFirstTokenTimeout(Duration.ofMillis(200)).build()) {
            FallbackException e = assertThrows(FallbackException.class,
                    () -> llm.runWithMeta(ask("Hi"), null, null, c -> { }));
            assertEquals(FallbackException.Reason.ALL_FAILED, e.reason());
            assertEquals(List.of(FailureKind.TIMEOUT, FailureKind.TIMEOUT),
                    e.attempts().stream().map(FallbackAttempt::failureKind).toList());
            assertTrue(e.isRetryable());
        }
    }

    @Test
    void theTotalBudgetEndsTheRequest() throws Exception {
        primary.script(r -> Reply.stall());
        ManualTimers timers = new ManualTimers();
        try (FallbackChatGenerator llm = fallback().totalTimeout(Duration.ofMillis(300)).timers(timers).build()) {
            CompletableFuture<FallbackResult> f = llm.runWithMetaAsync(ask("Hi"), null, null, c -> { });
            timers.awaitScheduled(1);
            assertTrue(primary.stalled.await(30, TimeUnit.SECONDS));
            timers.fireAll();
            java.util.concurrent.ExecutionException thrown = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> f.get(30, TimeUnit.SECONDS));
            FallbackException e = assertInstanceOf(FallbackException.class, thrown.getCause());
            assertEquals(FallbackException.Reason.BUDGET_EXHAUSTED, e.reason());
            assertInstanceOf(GenerationTimeoutException.class, e.getCause());
            assertTrue(e.getMessage().contains("The total timeout of PT0.3S ran out"), e.getMessage());
            assertEquals(1, e.attempts().size(), "no attempt after the budget");
        }
        assertEquals(0, backup.requestCount());
        assertTrue(primary.clientGone.await(30, TimeUnit.SECONDS), "the attempt in flight was not cancelled");
    }

    @Test
    void allFailWithEveryAttemptChained() {
        primary.script(r -> Reply.error(500, Recordings.error("boom", "server_error", null)));
        backup.script(r -> Reply.error(429, Recordings.resource("llm/azure_error_429.json"), "retry-after", "120"));
        FallbackException e;
        try (FallbackChatGenerator llm = fallback().build()) {
            e = assertThrows(FallbackException.class, () -> llm.runWithMeta(ask("Hi"), null, null, null));
        }
        assertEquals(FallbackException.Reason.ALL_FAILED, e.reason());
        assertTrue(e.getMessage().contains("All 2 chat generators failed. Last error: [azure_openai HTTP 429"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("Failed chat generators: [OpenAIChatGenerator, AzureOpenAIChatGenerator]"),
                e.getMessage());
        assertEquals(List.of("OpenAIChatGenerator", "AzureOpenAIChatGenerator"), e.failedChatGenerators());
        assertEquals(2, e.getSuppressed().length);
        assertInstanceOf(ServerErrorException.class, e.getSuppressed()[0]);
        assertInstanceOf(RateLimitException.class, e.getSuppressed()[1]);
        assertInstanceOf(RateLimitException.class, e.getCause(), "the cause is the last error");
        assertEquals(429, e.statusCode().getAsInt());
        assertEquals(Duration.ofSeconds(120), e.retryAfter().orElseThrow());
        assertTrue(e.isRetryable());
        assertEquals(List.of(500, 429), e.attempts().stream().map(FallbackAttempt::statusCode).toList());
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(Llms.OPENAI_KEY) || trace.toString().contains(Llms.AZURE_KEY),
                "no key in the chained traces");
    }

    @Test
    void anAuthenticationFailureIsSkippedAndReported() {
        primary.script(r -> Reply.error(401, Recordings.error("Incorrect API key provided: sk-test-f***cdef.",
                "invalid_request_error", "invalid_api_key")));
        try (FallbackChatGenerator llm = fallback().build()) {
            FallbackResult r = llm.runWithMeta(ask("Hi"), null, null, null);
            assertEquals("from backup", r.text());
            FallbackAttempt first = r.attempts().get(0);
            assertEquals(FailureKind.AUTHENTICATION, first.failureKind());
            assertEquals(FailoverPolicy.Action.SKIP, first.action());
            assertEquals(401, first.statusCode());
            assertEquals(List.of("OpenAIChatGenerator"), r.meta().get("failed_chat_generators"));
        }
    }

    @Test
    void aBadRequestFailsFastByDefault() {
        primary.script(r -> Reply.error(400, Recordings.error("Invalid value for 'temperature'", "invalid_request_error",
                "invalid_value")));
        try (FallbackChatGenerator llm = fallback().build()) {
            FallbackException e = assertThrows(FallbackException.class, () -> llm.run(ask("Hi")));
            assertEquals(FallbackException.Reason.FAIL_FAST, e.reason());
            assertInstanceOf(InvalidRequestException.class, e.getCause());
            assertEquals(400, e.statusCode().getAsInt());
            assertFalse(e.isRetryable());
            assertTrue(e.getMessage().contains("#0 OpenAIChatGenerator"), e.getMessage());
            assertEquals(FailoverPolicy.Action.FAIL, e.attempts().get(0).action());
        }
        assertEquals(0, backup.requestCount(), "every provider would refuse the same request");
    }

    @Test
    void contextLengthFailsFastUnlessContextLengthFallbackIsOn() {
        primary.script(r -> Reply.error(400, Recordings.error("This model's maximum context length is 128000 tokens.",
                "invalid_request_error", "context_length_exceeded")));
        try (FallbackChatGenerator llm = fallback().build()) {
            FallbackException e = assertThrows(FallbackException.class, () -> llm.run(ask("a long prompt")));
            assertInstanceOf(ContextLengthExceededException.class, e.getCause());
        }
        assertEquals(0, backup.requestCount());
        try (FallbackChatGenerator llm = fallback()
                .failoverPolicy(FailoverPolicy.builder().contextLengthFallback(true).build()).build()) {
            assertEquals("from backup", llm.run(ask("a long prompt")).text());
            assertEquals(1, backup.requestCount(), "the larger window got it");
        }
    }

    @Test
    void aRefusedConnectionFailsOver() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // closed again: nothing listens there
        }
        try (FallbackChatGenerator llm = FallbackChatGenerator.builder().chatGenerators(List.of(
                Llms.openai(primary).apiBaseUrl("http://127.0.0.1:" + port + "/v1").build(),
                Llms.azure(backup).build())).build()) {
            FallbackResult r = llm.runWithMeta(ask("Hi"), null, null, null);
            assertEquals("from backup", r.text());
            assertEquals("ConnectionException", r.attempts().get(0).errorType());
            assertEquals(FailureKind.CONNECTION, r.attempts().get(0).failureKind());
            assertNull(r.attempts().get(0).statusCode());
        }
        assertEquals(FailureKind.CONNECTION, FailureKind.of(new ConnectionException("x",
                dev.hayloft.core.errors.GenerationException.details("openai"), null)));
        assertEquals(FailureKind.AUTHENTICATION, FailureKind.of(new AuthenticationException("x",
                dev.hayloft.core.errors.GenerationException.details("openai"), null)));
        assertEquals(FailureKind.TIMEOUT, FailureKind.of(new GenerationTimeoutException("x",
                dev.hayloft.core.errors.GenerationException.details("openai"), null)));
    }
}
