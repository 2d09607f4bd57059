package dev.hayloft.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.errors.AuthenticationException;
import dev.hayloft.core.errors.ConnectionException;
import dev.hayloft.core.errors.ContentFilterException;
import dev.hayloft.core.errors.ContextLengthExceededException;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.errors.GenerationTimeoutException;
import dev.hayloft.core.errors.InvalidRequestException;
import dev.hayloft.core.errors.RateLimitException;
import dev.hayloft.core.errors.ServerErrorException;
import dev.hayloft.core.http.HttpStatusException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How HTTP failures, broken streams and retries end up in Hayloft's exception hierarchy. */
class OpenAIErrorsWireTest {
    private static final String KEY = "sk-" + "test-abcdefghijklmnop3456";
    private static OpenAIMock server;

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
    }

    private static OpenAIChatGenerator.Builder generator(int retries) {
        return OpenAIChatGenerator.builder().apiKey(Secret.fromToken(KEY)).apiBaseUrl(server.baseUrl())
                .maxRetries(retries);
    }

    private static List<ChatMessage> hi() {
        return List.of(ChatMessage.fromUser("Hi"));
    }

    private static String openAIError(String message, String type, String code) {
        return "{\"error\": {\"message\": \"" + message + "\", \"type\": \"" + type + "\", \"param\": null, "
                + "\"code\": " + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }

    static Stream<Arguments> errorTable() {
        return Stream.of(
                Arguments.of(400, null, openAIError("Invalid value for 'temperature'.", "invalid_request_error",
                        "invalid_value"), InvalidRequestException.class, false),
                Arguments.of(400, null, openAIError("This model's maximum context length is 128000 tokens.",
                        "invalid_request_error", "context_length_exceeded"), ContextLengthExceededException.class,
                        false),
                Arguments.of(400, null, openAIError("The response was filtered due to the prompt triggering the "
                        + "content management policy.", "invalid_request_error", "content_filter"),
                        ContentFilterException.class, false),
                Arguments.of(401, null, openAIError("Incorrect API key provided: " + KEY + ". You can find your "
                        + "API key at https://platform.openai.com/account/api-keys.", "invalid_request_error",
                        "invalid_api_key"), AuthenticationException.class, false),
                Arguments.of(403, null, openAIError("Country, region, or territory not supported",
                        "request_forbidden", "unsupported_country_region_territory"), AuthenticationException.class,
                        false),
                Arguments.of(404, null, openAIError("The model `gpt-9` does not exist or you do not have access to "
                        + "it.", "invalid_request_error", "model_not_found"), InvalidRequestException.class, false),
                Arguments.of(408, null, openAIError("Request timed out.", "timeout", null),
                        GenerationTimeoutException.class, true),
                Arguments.of(409, null, openAIError("Conflict", "invalid_request_error", null),
                        InvalidRequestException.class, true),
                Arguments.of(422, null, openAIError("Unprocessable entity", "invalid_request_error", null),
                        InvalidRequestException.class, false),
                Arguments.of(429, "7", openAIError("Rate limit reached for gpt-4o-mini in organization org-x on "
                        + "tokens per min (TPM).", "tokens", "rate_limit_exceeded"), RateLimitException.class, true),
                Arguments.of(429, null, openAIError("Rate limit reached.", "requests", "rate_limit_exceeded"),
                        RateLimitException.class, true),
                Arguments.of(429, null, openAIError("You exceeded your current quota.", "insufficient_quota",
                        "insufficient_quota"), RateLimitException.class, false),
                Arguments.of(500, null, openAIError("The server had an error while processing your request.",
                        "server_error", null), ServerErrorException.class, true),
                Arguments.of(503, null, openAIError("The engine is currently overloaded.", "server_error", null),
                        ServerErrorException.class, true),
                Arguments.of(502, null, "<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body>"
                        + "</html>", ServerErrorException.class, true));
    }

    @ParameterizedTest(name = "HTTP {0} retry-after={1} -> {3}")
    @MethodSource("errorTable")
    void httpErrorsAreClassified(int status, String retryAfter, String body, Class<?> expected, boolean retryable) {
        ResponseDefinitionBuilder response = aResponse().withStatus(status).withHeader("x-request-id", "req_" + status)
                .withHeader("Content-Type", body.startsWith("<") ? "text/html" : "application/json").withBody(body);
        if (retryAfter != null) {
            response.withHeader("Retry-After", retryAfter);
        }
        server.always(response);
        GenerationException e = assertThrows(GenerationException.class, () -> generator(0).build().run(hi()));

        assertEquals(expected, e.getClass(), e.getMessage());
        assertEquals(retryable, e.isRetryable(), e.getMessage());
        assertEquals(OptionalInt.of(status), e.statusCode());
        assertEquals("req_" + status, e.requestId().orElse(null));
        assertEquals("openai", e.provider());
        assertEquals(retryAfter == null ? null : Duration.ofSeconds(Long.parseLong(retryAfter)),
                e.retryAfter().orElse(null));
        // chat completions are read straight off OkHttp: the cause names the request and its status
        HttpStatusException cause = assertInstanceOf(HttpStatusException.class, e.getCause(),
                "the cause must be chained");
        assertEquals(status, cause.status());
        assertTrue(cause.getMessage().startsWith("POST " + server.baseUrl() + "/chat/completions answered HTTP "
                + status), cause.getMessage());
        assertFalse(cause.getMessage().contains(KEY), cause.getMessage());
        assertFalse(e.getMessage().contains(KEY), "the key leaked: " + e.getMessage());
        assertFalse(e.getMessage().contains("abcdefghijklmnop"), "the key leaked: " + e.getMessage());
        if (status == 502) {
            assertTrue(e.getMessage().contains("502 Bad Gateway"), e.getMessage());
        }
        assertEquals(1, server.requests().size());
    }

    @Test
    void errorEventInsideTheStream() {
        server.enqueue(OpenAIMock.sse(OpenAIResponses.event("{\"role\":\"assistant\",\"content\":\"Hel\"}", null)
                + "data: " + openAIError("The server had an error while processing your request. Sorry about that!",
                        "server_error", null) + "\n\n"));
        GenerationException e = assertThrows(GenerationException.class,
                () -> generator(0).build().run(hi(), null, null, c -> { }));
        assertEquals(ServerErrorException.class, e.getClass(), e.getMessage());
        assertTrue(e.isRetryable());
        assertEquals("req_stream", e.requestId().orElse(null));
        assertTrue(e.getMessage().contains("Sorry about that"), e.getMessage());
        assertNotNull(e.getCause());
    }

    @Test
    void unreadableSuccessBody() {
        server.enqueue(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withHeader("x-request-id", "req_html").withBody("<html>maintenance</html>"));
        GenerationException e = assertThrows(GenerationException.class, () -> generator(0).build().run(hi()));
        assertEquals(ServerErrorException.class, e.getClass(), e.getMessage());
        assertTrue(e.isRetryable());
        assertEquals("req_html", e.requestId().orElse(null));
        assertNotNull(e.getCause());
    }

    @Test
    void streamCutInTheMiddleOfAnEvent() throws Exception {
        try (RawHttpServer raw = new RawHttpServer(ex -> {
            ex.startChunkedStream();
            ex.chunk(OpenAIResponses.event("{\"role\":\"assistant\",\"content\":\"\"}", null));
            ex.chunk(OpenAIResponses.event("{\"content\":\"Hello\"}", null));
            ex.chunk("data: {\"id\":\"chatcmpl-BC1y4\",\"object\":\"chat.comp");
            ex.cut();
        })) {
            List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            OpenAIChatGenerator llm = generator(3).apiBaseUrl(raw.baseUrl()).build();
            GenerationException e = assertThrows(GenerationException.class,
                    () -> llm.run(hi(), null, null, c -> seen.add(c.content())));
            assertEquals(ConnectionException.class, e.getClass(), e.getMessage());
            assertInstanceOf(ServerErrorException.class, e, "a broken connection is a server-side failure too");
            assertTrue(e.isRetryable());
            assertEquals(OptionalInt.empty(), e.statusCode());
            assertEquals("req_raw", e.requestId().orElse(null));
            assertNotNull(e.getCause());
            assertEquals(List.of("", "Hello"), seen);
            assertEquals(1, raw.bodies.size(), "a stream that already started is not retried");
        }
    }

    @Test
    void aRefusedConnectionIsAConnectionException() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();   // closed again: nothing listens there now
        }
        OpenAIChatGenerator llm = generator(0).apiBaseUrl("http://127.0.0.1:" + port + "/v1").build();
        GenerationException e = assertThrows(GenerationException.class, () -> llm.run(hi()));
        assertEquals(ConnectionException.class, e.getClass(), e.getMessage());
        assertTrue(e.isRetryable());
        assertEquals(OptionalInt.empty(), e.statusCode());
        assertTrue(e.getMessage().contains("The connection failed"), e.getMessage());
    }

    @Test
    void streamEndingCleanlyInTheMiddleOfAnEvent() throws Exception {
        try (RawHttpServer raw = new RawHttpServer(ex -> {
            ex.startUndelimitedStream();
            ex.raw(OpenAIResponses.event("{\"role\":\"assistant\",\"content\":\"Hel\"}", null));
            ex.raw("data: {\"id\":\"chatcmpl-BC1y4\",\"object\":\"chat.comp");
        })) {
            OpenAIChatGenerator llm = generator(0).apiBaseUrl(raw.baseUrl()).build();
            GenerationException e = assertThrows(GenerationException.class, () -> llm.run(hi(), null, null, c -> { }));
            assertEquals(ServerErrorException.class, e.getClass(), e.getMessage());
            assertTrue(e.isRetryable());
            assertEquals("req_raw", e.requestId().orElse(null));
            assertTrue(e.getMessage().contains("ended before the model finished"), e.getMessage());
        }
    }

    @Test
    void maxRetriesIsRespected() {
        server.always(OpenAIMock.error(500, openAIError("boom", "server_error", null)).withHeader("retry-after-ms", "5"));
        GenerationException e = assertThrows(ServerErrorException.class, () -> generator(3).build().run(hi()));
        assertEquals(4, server.requests().size(), "1 attempt + 3 retries");
        assertEquals(OptionalInt.of(500), e.statusCode());

        server.reset();
        server.always(OpenAIMock.error(500, openAIError("boom", "server_error", null)));
        assertThrows(ServerErrorException.class, () -> generator(0).build().run(hi()));
        assertEquals(1, server.requests().size());
    }

    @Test
    void maxRetriesFallsBackToTheEnvironment() {
        server.always(OpenAIMock.error(503, openAIError("busy", "server_error", null)).withHeader("retry-after-ms", "5"));
        OpenAIChatGenerator llm = OpenAIChatGenerator.builder().apiKey(Secret.fromToken(KEY))
                .apiBaseUrl(server.baseUrl()).environment(n -> n.equals("OPENAI_MAX_RETRIES") ? "2" : null).build();
        assertThrows(ServerErrorException.class, () -> llm.run(hi()));
        assertEquals(3, server.requests().size());
    }

    @Test
    void clientErrorsAreNotRetried() {
        server.always(OpenAIMock.error(400, openAIError("bad", "invalid_request_error", null)));
        assertThrows(InvalidRequestException.class, () -> generator(5).build().run(hi()));
        assertEquals(1, server.requests().size());
    }

    @Test
    void timeoutIsPerReadNotForTheWholeStream() throws Exception {
        try (RawHttpServer raw = new RawHttpServer(ex -> {
            ex.startChunkedStream();
            ex.chunk(OpenAIResponses.event("{\"role\":\"assistant\",\"content\":\"\"}", null));
            for (int i = 0; i < 8; i++) {
                Thread.sleep(150);
                ex.chunk(OpenAIResponses.event("{\"content\":\"x\"}", null));
            }
            ex.chunk(OpenAIResponses.event("{}", "stop"));
            ex.chunk("data: [DONE]\n\n");
            ex.endChunks();
        })) {
            OpenAIChatGenerator llm = generator(0).apiBaseUrl(raw.baseUrl()).timeout(Duration.ofMillis(500)).build();
            assertEquals("xxxxxxxx", llm.run(hi(), null, null, c -> { }).text());
        }
    }

    @Test
    void aStalledStreamTimesOut() throws Exception {
        try (RawHttpServer raw = new RawHttpServer(ex -> {
            ex.startChunkedStream();
            ex.chunk(OpenAIResponses.event("{\"role\":\"assistant\",\"content\":\"\"}", null));
            Thread.sleep(2000);
        })) {
            OpenAIChatGenerator llm = generator(0).apiBaseUrl(raw.baseUrl()).timeout(Duration.ofMillis(300)).build();
            GenerationException e = assertThrows(GenerationException.class, () -> llm.run(hi(), null, null, c -> { }));
            assertEquals(GenerationTimeoutException.class, e.getClass(), e.getMessage());
            assertTrue(e.isRetryable());
            assertEquals("req_raw", e.requestId().orElse(null));
        }
    }

    @Test
    void aMissingKeyFailsAtWarmUpNamingTheVariable() {
        OpenAIChatGenerator llm = OpenAIChatGenerator.builder().apiBaseUrl(server.baseUrl()).environment(n -> null)
                .build();
        AuthenticationException e = assertThrows(AuthenticationException.class, llm::warmUp);
        assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
        assertFalse(e.isRetryable());
    }
}
