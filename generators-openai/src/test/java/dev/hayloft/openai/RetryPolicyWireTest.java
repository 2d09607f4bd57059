package dev.hayloft.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.errors.InvalidRequestException;
import dev.hayloft.core.errors.RateLimitException;
import dev.hayloft.core.errors.ServerErrorException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one retry policy (the OpenAI Python client's {@code _should_retry} and
 * {@code _calculate_retry_timeout}, read with the fetch tool): which failures are retried and
 * how long each retry waits, observed through the connection's injected waiter and clock, so
 * no test sleeps. Error bodies have OpenAI's error shape.
 */
class RetryPolicyWireTest {
    private static final Instant NOW = Instant.parse("2025-10-01T12:00:00Z");
    private static final String RATE_LIMITED = "{\"error\": {\"message\": \"Rate limit reached.\", \"type\": "
            + "\"requests\", \"param\": null, \"code\": \"rate_limit_exceeded\"}}";
    private static OpenAIMock server;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        server = new OpenAIMock();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
        waits.clear();
    }

    private OpenAIConnection connection(int maxRetries, Duration maxRetryAfter, double jitter) {
        OpenAIClientOptions options = OpenAIClientOptions.builder().apiKey(Secret.fromToken("sk-retry-test"))
                .apiBaseUrl(server.baseUrl()).maxRetries(maxRetries).maxRetryAfter(maxRetryAfter).build();
        return OpenAIConnection.builder(options).clock(Clock.fixed(NOW, ZoneOffset.UTC)).jitter(() -> jitter)
                .waiter((delay, scope) -> waits.add(delay)).build();
    }

    private static String hello(OpenAIConnection openai) {
        ChatCompletionCreateParams p = ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                .addUserMessage("hello").build();
        return openai.call(OpenAIClient.class, c -> c.chat().completions().create(p)).choices().get(0).message()
                .content().orElseThrow();
    }

    private List<Duration> waitsBeforeSuccess(ResponseDefinitionBuilder failure, Duration maxRetryAfter) {
        server.enqueue(failure);
        server.enqueue(OpenAIMock.json(OpenAIResponses.completion("ok")));
        try (OpenAIConnection openai = connection(1, maxRetryAfter, 0)) {
            assertEquals("ok", hello(openai));
        }
        assertEquals(2, server.requests().size());
        return List.copyOf(waits);
    }

    private static ResponseDefinitionBuilder rateLimited(String header, String value) {
        return OpenAIMock.error(429, RATE_LIMITED).withHeader(header, value);
    }

    @Test
    void anHourLongRetryAfterIsNotWaitedButBacksOff() {
        assertEquals(List.of(Duration.ofMillis(500)), waitsBeforeSuccess(rateLimited("Retry-After", "3600"), null));
    }

    @Test
    void theServersWaitIsReportedUncappedWhenRetriesRunOut() {
        server.always(rateLimited("Retry-After", "3600"));
        try (OpenAIConnection openai = connection(1, null, 0)) {
            RateLimitException e = assertThrows(RateLimitException.class, () -> hello(openai));
            assertEquals(Duration.ofHours(1), e.retryAfter().orElseThrow());
            assertTrue(e.isRetryable());
        }
        assertEquals(List.of(Duration.ofMillis(500)), waits);
    }

    @Test
    void retryAfterWithinTheCapIsHonoured() {
        assertEquals(List.of(Duration.ofSeconds(30)), waitsBeforeSuccess(rateLimited("Retry-After", "30"), null));
    }

    @Test
    void retryAfterMillisecondsWin() {
        assertEquals(List.of(Duration.ofMillis(150)), waitsBeforeSuccess(rateLimited("retry-after-ms", "150")
                .withHeader("Retry-After", "7"), null));
    }

    @Test
    void anHttpDateRetryAfterIsMeasuredAgainstTheClock() {
        String in5s = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(5).atOffset(ZoneOffset.UTC));
        assertEquals(List.of(Duration.ofSeconds(5)), waitsBeforeSuccess(rateLimited("Retry-After", in5s), null));
    }

    @Test
    void aPastDateZeroOrGarbageBacksOff() {
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(5).atOffset(ZoneOffset.UTC));
        for (String value : List.of(past, "0", "soon")) {
            waits.clear();
            server.reset();
            assertEquals(List.of(Duration.ofMillis(500)), waitsBeforeSuccess(rateLimited("Retry-After", value), null),
                    value);
        }
    }

    @Test
    void theCapIsConfigurable() {
        assertEquals(List.of(Duration.ofMillis(500)),
                waitsBeforeSuccess(rateLimited("Retry-After", "30"), Duration.ofSeconds(10)));
        waits.clear();
        server.reset();
        assertEquals(List.of(Duration.ofHours(1)),
                waitsBeforeSuccess(rateLimited("Retry-After", "3600"), Duration.ofHours(2)));
    }

    @Test
    void backOffDoublesUpToEightSecondsWithJitterTakenOff() {
        server.always(OpenAIMock.error(500, "{\"error\": {\"message\": \"boom\", \"type\": \"server_error\"}}"));
        try (OpenAIConnection openai = connection(6, null, 0.5)) {
            assertThrows(ServerErrorException.class, () -> hello(openai));
        }
        assertEquals(7, server.requests().size(), "1 attempt + 6 retries, openai-java adds none");
        double jitter = 1 - 0.25 * 0.5;
        List<Duration> expected = List.of(0.5, 1.0, 2.0, 4.0, 8.0, 8.0).stream()
                .map(s -> Duration.ofNanos(Math.round(s * jitter * 1e9))).toList();
        assertEquals(expected, waits);
    }

    @Test
    void xShouldRetryFalseStopsRetrying() {
        server.always(OpenAIMock.error(503, "{\"error\": {\"message\": \"overloaded\", \"type\": \"server_error\"}}")
                .withHeader("x-should-retry", "false"));
        try (OpenAIConnection openai = connection(3, null, 0)) {
            GenerationException e = assertThrows(ServerErrorException.class, () -> hello(openai));
            assertFalse(e.isRetryable(), "the server said not to retry");
        }
        assertEquals(1, server.requests().size());
        assertEquals(List.of(), waits);
    }

    @Test
    void xShouldRetryTrueRetriesEvenA400() {
        assertEquals(List.of(Duration.ofMillis(500)), waitsBeforeSuccess(OpenAIMock.error(400,
                "{\"error\": {\"message\": \"try again\", \"type\": \"invalid_request_error\"}}")
                .withHeader("x-should-retry", "true"), null));
        server.reset();
        server.always(OpenAIMock.error(400, "{\"error\": {\"message\": \"try again\", \"type\": "
                + "\"invalid_request_error\"}}").withHeader("x-should-retry", "true"));
        try (OpenAIConnection openai = connection(1, null, 0)) {
            assertTrue(assertThrows(InvalidRequestException.class, () -> hello(openai)).isRetryable());
        }
    }

    @Test
    void insufficientQuotaIsSentOnce() {
        server.always(OpenAIMock.error(429, "{\"error\": {\"message\": \"You exceeded your current quota.\", "
                + "\"type\": \"insufficient_quota\", \"param\": null, \"code\": \"insufficient_quota\"}}")
                .withHeader("Retry-After", "1"));
        try (OpenAIConnection openai = connection(3, null, 0)) {
            assertFalse(assertThrows(RateLimitException.class, () -> hello(openai)).isRetryable());
        }
        assertEquals(1, server.requests().size());
        assertEquals(List.of(), waits);
    }

    @Test
    void eachRetryIsCountedInTheRetryCountHeader() {
        server.enqueue(OpenAIMock.error(500, "{}"));
        server.enqueue(OpenAIMock.error(500, "{}"));
        server.enqueue(OpenAIMock.json(OpenAIResponses.completion("ok")));
        try (OpenAIConnection openai = connection(2, null, 0)) {
            hello(openai);
        }
        assertEquals(List.of("0", "1", "2"), server.requests().stream()
                .map(r -> r.getHeader("X-Stainless-Retry-Count")).toList());
    }
}
