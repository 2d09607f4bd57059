package dev.hayloft.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.errors.ContextLengthExceededException;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.errors.GenerationTimeoutException;
import dev.hayloft.core.errors.InvalidRequestException;
import dev.hayloft.core.errors.RateLimitException;
import dev.hayloft.core.errors.ServerErrorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The error bodies servers send, classified. The bodies follow the shapes in the servers'
 * sources: OpenAI's {@code {"error": {...}}}, vLLM's {@code ErrorResponse} ({@code object},
 * {@code message}, {@code type}, numeric {@code code}), TGI's {@code ErrorResponse}
 * ({@code error}, {@code error_type}) and the Hub's {@code {"error": "..."}}.
 */
class HttpFailuresTest {
    @Test
    void tgiValidationErrorAboutTheInputLengthIsAContextLengthError() {
        GenerationException e = HttpFailures.forStatus("tgi", 422, null, null, null,
                "{\"error\":\"Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. "
                        + "Given: 4000 `inputs` tokens and 200 `max_new_tokens`\",\"error_type\":\"validation\"}", null);
        assertInstanceOf(ContextLengthExceededException.class, e);
        assertEquals(422, e.statusCode().getAsInt());
        assertFalse(e.isRetryable());
    }

    @Test
    void vllmContextLengthAndOtherBadRequests() {
        GenerationException e = HttpFailures.forStatus("vllm", 400, "req-1", null, null,
                "{\"object\":\"error\",\"message\":\"This model's maximum context length is 2048 tokens. However, "
                        + "you requested 4000 tokens.\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}", null);
        assertInstanceOf(ContextLengthExceededException.class, e);
        assertEquals("req-1", e.requestId().orElseThrow());
        GenerationException other = HttpFailures.forStatus("vllm", 400, null, null, null,
                "{\"object\":\"error\",\"message\":\"temperature must be non-negative\",\"type\":\"BadRequestError\","
                        + "\"code\":400}", null);
        assertInstanceOf(InvalidRequestException.class, other);
        assertTrue(other.getMessage().contains("temperature must be non-negative"), other.getMessage());
    }

    @Test
    void quotaIsNotRetriedButA429IsAndRetryAfterIsKept() {
        GenerationException quota = HttpFailures.forStatus("openai", 429, null, null, null,
                "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\","
                        + "\"code\":\"insufficient_quota\"}}", null);
        assertInstanceOf(RateLimitException.class, quota);
        assertFalse(quota.isRetryable());
        GenerationException busy = HttpFailures.forStatus("hf", 429, null, HttpFailures.retryAfter(null, "7"), null,
                "{\"error\":\"Rate limit reached\"}", null);
        assertInstanceOf(RateLimitException.class, busy);
        assertTrue(busy.isRetryable());
        assertEquals(Duration.ofSeconds(7), busy.retryAfter().orElseThrow());
        GenerationException refused = HttpFailures.forStatus("hf", 503, null, null, "false",
                "{\"error\":\"Model is currently loading\",\"estimated_time\":20.0}", null);
        assertInstanceOf(ServerErrorException.class, refused);
        assertFalse(refused.isRetryable());
    }

    @Test
    void aBodyThatIsNoErrorObjectIsQuotedScrubbedAndCut() {
        String key = "hf_" + "abcdefghijklmnopqrstuvwxyz0123";
        GenerationException e = HttpFailures.forStatus("hf", 502, null, null, null,
                "<html>bad gateway for token " + key + "</html>" + "x".repeat(400), key);
        assertFalse(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains("bad gateway"), e.getMessage());
        assertTrue(e.getMessage().length() < 420, e.getMessage());
    }

    @Test
    void errorEventsInAStreamByTheirType() {
        GenerationException e = HttpFailures.forErrorObject("tgi", new ErrorBodyException(
                Map.of("error", "Request failed during generation: Server error: CUDA out of memory",
                        "error_type", "generation"), true), null, null, null);
        assertInstanceOf(ServerErrorException.class, e);
        assertTrue(e.isRetryable());
        GenerationException overloaded = HttpFailures.forErrorObject("tgi", new ErrorBodyException(
                Map.of("error", "Model is overloaded", "error_type", "overloaded"), true), null, null, null);
        assertInstanceOf(RateLimitException.class, overloaded);
        // TGI's Messages API: {"error": {"message", "http_status_code"}} (router/src/infer/mod.rs into_openai_event)
        GenerationException messages = HttpFailures.forErrorObject("tgi", new ErrorBodyException(
                Map.of("error", Map.of("message", "Input validation error: `max_new_tokens` must be > 0",
                        "http_status_code", 422)), true), null, null, null);
        assertInstanceOf(InvalidRequestException.class, messages);
        assertEquals(422, messages.statusCode().getAsInt());
    }

    @Test
    void tgiGenerationFailuresAreServerErrors() {
        // TGI answers InferError::GenerationError with 424 and {"error", "error_type": "generation"} (server.rs)
        GenerationException e = HttpFailures.forStatus("tgi", 424, null, null, null,
                "{\"error\":\"Request failed during generation: Server error: CUDA out of memory\","
                        + "\"error_type\":\"generation\"}", null);
        assertInstanceOf(ServerErrorException.class, e);
        assertFalse(e.isRetryable());
    }

    @Test
    void timeoutsAndBrokenConnections() {
        assertInstanceOf(GenerationTimeoutException.class, HttpFailures.forIo("tgi",
                new UncheckedIOException(new SocketTimeoutException("Read timed out")), null, null, null));
        GenerationException cut = HttpFailures.forIo("tgi", new IOException("unexpected end of stream"), null,
                null, null);
        assertInstanceOf(ServerErrorException.class, cut);
        assertTrue(cut.isRetryable());
    }
}
