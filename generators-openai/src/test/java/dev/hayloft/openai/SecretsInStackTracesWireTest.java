package dev.hayloft.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.errors.AuthenticationException;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.listener.ErrorEvent;
import dev.hayloft.core.listener.RetryEvent;
import dev.hayloft.core.testing.RecordingListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Servers and proxies echo API keys back (OpenAI's 401 names the key it got; proxies quote
 * the {@code Authorization} header): nothing a user prints or logs of the exceptions we throw
 * may contain any part of the key. The 401 body has OpenAI's error shape (openai-python's
 * {@code AuthenticationError} tests and OpenAI's API reference, looked up with the search
 * tool), here with the whole key echoed, as a proxy or a compatible server may do.
 */
class SecretsInStackTracesWireTest {
    private static final String KEY = "sk-test-Zq8vXw3Lm0Np4Rt7Yb2Kc9Hd";
    private static final String RANDOM_PART = KEY.substring("sk-test-".length());
    private static final String ECHO_401 = "{\"error\": {\"message\": \"Incorrect API key provided: " + KEY
            + ". You can find your API key at https://platform.openai.com/account/api-keys.\", \"type\": "
            + "\"invalid_request_error\", \"param\": null, \"code\": \"invalid_api_key\"}}";
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

    /** What {@code e.printStackTrace()} prints. */
    static String stackTrace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w, true));
        return w.toString();
    }

    /** What an SLF4J backend prints for {@code log.warn(msg, e)}: the message, then the throwable's stack trace. */
    static String logged(String msg, Throwable e) {
        return "WARN dev.hayloft.App - " + msg + System.lineSeparator() + stackTrace(e);
    }

    /** No 6 characters of the key's secret part appear anywhere in {@code text}. */
    static void assertNoPartOfTheKey(String key, String text) {
        String secretPart = key.substring(key.indexOf('-', 3) + 1);
        for (int i = 0; i + 6 <= secretPart.length(); i++) {
            String piece = secretPart.substring(i, i + 6);
            assertFalse(text.contains(piece), "the key leaked (" + piece + "):\n" + text);
        }
        assertFalse(text.contains(key), text);
    }

    private static void assertSafeAndInformative(Throwable thrown) {
        for (String text : List.of(stackTrace(thrown), logged("OpenAI call failed: " + thrown.getMessage(), thrown))) {
            assertNoPartOfTheKey(KEY, text);
            assertTrue(text.contains("401"), text);
            assertTrue(text.contains("openai"), text);
            assertTrue(text.contains("invalid_api_key"), text);
            // chat completions go straight over OkHttp (the cause names the request); calls through
            // openai-java chain a stand-in keeping openai-java's class name
            assertTrue(text.contains("Caused by: dev.hayloft.core.http.HttpStatusException: POST http")
                    || text.contains("Caused by: com.openai.errors.UnauthorizedException"),
                    "the cause names the failed request:\n" + text);
        }
    }

    private static OpenAIChatGenerator generator() {
        return OpenAIChatGenerator.builder().apiKey(Secret.fromToken(KEY)).apiBaseUrl(server.baseUrl()).maxRetries(0)
                .build();
    }

    @Test
    void theKeyEchoedInA401IsInNoStackTrace() {
        server.always(OpenAIMock.error(401, ECHO_401));
        try (OpenAIChatGenerator llm = generator()) {
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> llm.run(List.of(ChatMessage.fromUser("Hi"))));
            assertSafeAndInformative(e);
            assertFalse(e.isRetryable());
            assertFalse(e.getCause() instanceof OpenAIException);
        }
    }

    @Test
    void theKeyEchoedToAStreamingCallIsInNoStackTrace() {
        server.always(OpenAIMock.error(401, ECHO_401));
        try (OpenAIChatGenerator llm = generator()) {
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> llm.run(List.of(ChatMessage.fromUser("Hi")), null, null, chunk -> { }));
            assertSafeAndInformative(e);
            assertTrue(server.lastBody().get("stream").equals(Boolean.TRUE), "the request was a stream");
        }
    }

    @Test
    void theKeyEchoedToAnAsyncCallIsInNoStackTrace() {
        server.always(OpenAIMock.error(401, ECHO_401));
        try (OpenAIChatGenerator llm = generator()) {
            CompletionException e = assertThrows(CompletionException.class,
                    () -> llm.runAsync(List.of(ChatMessage.fromUser("Hi"))).join());
            assertInstanceOf(AuthenticationException.class, e.getCause());
            assertSafeAndInformative(e);
        }
    }

    @Test
    void failuresListenersSeeHideTheKeyToo() {
        // a proxy's error page quoting the request's Authorization header, then OpenAI's 401
        server.enqueue(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html>upstream refused request with Authorization: Bearer " + KEY + "</html>")
                .withHeader("retry-after-ms", "1"));
        server.enqueue(OpenAIMock.error(401, ECHO_401));
        RecordingListener events = new RecordingListener();
        try (OpenAIChatGenerator llm = OpenAIChatGenerator.builder().apiKey(Secret.fromToken(KEY))
                .apiBaseUrl(server.baseUrl()).maxRetries(1).listener(events).build()) {
            assertThrows(AuthenticationException.class, () -> llm.run(List.of(ChatMessage.fromUser("Hi"))));
        }
        GenerationException retried = events.one(RetryEvent.class).previousError();
        assertEquals(502, retried.statusCode().getAsInt());
        assertNoPartOfTheKey(KEY, stackTrace(retried));
        assertTrue(retried.getMessage().contains("upstream refused"), retried.getMessage());
        assertSafeAndInformative(events.one(ErrorEvent.class).error());
    }

    @Test
    void callsOnTheConnectionAndTheErrorMappingHideTheKey() {
        server.always(OpenAIMock.error(401, ECHO_401));
        ChatCompletionCreateParams hello = ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                .addUserMessage("hello").build();
        try (OpenAIConnection openai = OpenAIConnection.open(OpenAIClientOptions.builder()
                .apiKey(Secret.fromToken(KEY)).apiBaseUrl(server.baseUrl()).maxRetries(0).build())) {
            assertSafeAndInformative(assertThrows(AuthenticationException.class,
                    () -> openai.call(OpenAIClient.class, c -> c.chat().completions().create(hello))));
            // a caller of the raw client who maps the failure itself gets the same protection
            OpenAIException raw = assertThrows(OpenAIException.class,
                    () -> openai.unwrap(OpenAIClient.class).chat().completions().create(hello));
            assertSafeAndInformative(OpenAIErrors.toGenerationException(raw));
            // exceptions of code running inside call(...) that quote the key are scrubbed as well
            GenerationException quoted = assertThrows(GenerationException.class, () -> openai.call(OpenAIClient.class,
                    c -> {
                        throw new IllegalStateException("config dump: api_key=" + KEY);
                    }));
            assertNoPartOfTheKey(KEY, stackTrace(quoted));
        }
    }

    @Test
    void aSecretThatCannotBeResolvedNamesTheVariableNotAValue() {
        OpenAIClientOptions options = OpenAIClientOptions.builder().apiBaseUrl(server.baseUrl())
                .apiKey(Secret.fromEnvVar("MY_OPENAI_KEY")).build();
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> OpenAIConnection.builder(options).environment(n -> null).build());
        assertTrue(stackTrace(e).contains("MY_OPENAI_KEY"), stackTrace(e));
        assertFalse(e.isRetryable());
        assertTrue(RANDOM_PART.length() > 6);
    }
}
