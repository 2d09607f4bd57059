package dev.hayloft.hf.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.errors.InvalidRequestException;
import dev.hayloft.core.errors.RateLimitException;
import dev.hayloft.core.errors.ServerErrorException;
import dev.hayloft.core.listener.ResponseEvent;
import dev.hayloft.core.listener.RetryEvent;
import dev.hayloft.core.testing.RecordingListener;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries by core's {@code RetryPolicy}, observed through the injected waiter (no test sleeps):
 * TGI's {@code 429 {"error": "Model is overloaded", "error_type": "overloaded"}} and a 503 while
 * a model loads (the Inference API's {@code estimated_time} body) are retried after what
 * {@code Retry-After} (or the estimate) asks, capped; broken connections are retried; a 4xx is
 * not; each retry is reported to the listeners.
 */
class RetryWireTest {
    private static final String OVERLOADED = "{\"error\":\"Model is overloaded\",\"error_type\":\"overloaded\"}";
    private static final String LOADING = "{\"error\":\"Model HuggingFaceH4/zephyr-7b-beta is currently loading\","
            + "\"estimated_time\":20.0}";
    private static HfMock server;
    private final Generators generators = new Generators();

    @BeforeAll
    static void start() {
        server = new HfMock();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    private static List<ChatMessage> hi() {
        return List.of(ChatMessage.fromUser("hi"));
    }

    @Test
    void retryAfterAndLoadingEstimatesAreHonoured() {
        server.enqueue(HfMock.CHAT, HfMock.json(429, OVERLOADED).withHeader("Retry-After", "2"));
        server.enqueue(HfMock.CHAT, HfMock.json(503, LOADING));
        server.enqueue(HfMock.CHAT, HfMock.json(TgiShapes.completion("ok")));
        RecordingListener events = new RecordingListener();
        try (HuggingFaceAPIChatGenerator llm = generators.chat(server).listener(events).build()) {
            assertEquals("ok", llm.run(hi()).replies().get(0).text());
        }
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(20)), generators.waits);
        List<RetryEvent> retries = events.of(RetryEvent.class);
        assertEquals(2, retries.size());
        assertInstanceOf(RateLimitException.class, retries.get(0).previousError());
        assertEquals(Duration.ofSeconds(2), retries.get(0).delay());
        assertInstanceOf(ServerErrorException.class, retries.get(1).previousError());
        assertEquals(3, events.one(ResponseEvent.class).attempt());
        assertEquals("req-200", events.one(ResponseEvent.class).providerRequestId());
        assertEquals(3, server.requests().size());
    }

    @Test
    void aRetryAfterAboveTheCapFallsBackToExponentialBackOff() {
        server.enqueue(HfMock.CHAT, HfMock.json(503, LOADING).withHeader("Retry-After", "3600"));
        server.enqueue(HfMock.CHAT, HfMock.json(TgiShapes.completion("ok")));
        try (HuggingFaceAPIChatGenerator llm = generators.chat(server).maxRetryAfter(Duration.ofSeconds(30)).build()) {
            llm.run(hi());
        }
        Duration waited = generators.waits.get(0);
        assertTrue(waited.compareTo(Duration.ofMillis(375)) >= 0 && waited.compareTo(Duration.ofMillis(500)) <= 0,
                waited.toString());
    }

    @Test
    void retriesEndAndTheLastFailureIsThrown() {
        for (int i = 0; i < 3; i++) {
            server.enqueue("/generate", HfMock.json(429, OVERLOADED).withHeader("Retry-After", "1"));
        }
        try (HuggingFaceAPIGenerator llm = generators.text(server).maxRetries(2).build()) {
            RateLimitException e = assertThrows(RateLimitException.class, () -> llm.run("x"));
            assertTrue(e.isRetryable());
            assertEquals(Duration.ofSeconds(1), e.retryAfter().orElseThrow());
            assertTrue(e.getMessage().contains("Model is overloaded"), e.getMessage());
        }
        assertEquals(3, server.requests().size());
        assertEquals(2, generators.waits.size());
    }

    @Test
    void brokenConnectionsAreRetriedButValidationErrorsAreNot() {
        server.enqueue(HfMock.CHAT, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        server.enqueue(HfMock.CHAT, HfMock.json(TgiShapes.completion("ok")));
        server.enqueue(HfMock.CHAT, HfMock.json(422, "{\"error\":\"Input validation error: `top_p` must be > 0.0 and "
                + "< 1.0\",\"error_type\":\"validation\"}"));
        try (HuggingFaceAPIChatGenerator llm = generators.chat(server).build()) {
            assertEquals("ok", llm.run(hi()).replies().get(0).text());
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> llm.run(hi()));
            assertFalse(e.isRetryable());
        }
        assertEquals(3, server.requests().size());
        assertEquals(1, generators.waits.size());
    }
}
