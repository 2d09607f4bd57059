package dev.hayloft.azure;

import static dev.hayloft.azure.AzureChatGeneratorWireTest.KEY;
import static dev.hayloft.azure.AzureChatGeneratorWireTest.TOKEN;
import static dev.hayloft.azure.AzureChatGeneratorWireTest.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.errors.AuthenticationException;
import dev.hayloft.core.errors.ContentFilterException;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.errors.RateLimitException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Azure's failures as Hayloft exceptions: the content filter's 400, throttling with Retry-After, auth errors. */
class AzureErrorsWireTest {
    private static AzureMock server;

    @BeforeAll
    static void start() {
        server = new AzureMock();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    private static AzureOpenAIChatGenerator.Builder generator(int retries, Map<String, String> env) {
        return AzureOpenAIChatGenerator.builder().azureEndpoint(server.endpoint()).maxRetries(retries)
                .environment(env::get);
    }

    private static List<ChatMessage> prompt() {
        return List.of(ChatMessage.fromUser("Describe the duel in detail."));
    }

    private static String everything(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    @Test
    void aPromptRejectedByTheContentFilterIsAContentFilterException() {
        server.enqueue(AzureMock.error(400, AzureMock.resource("error_content_filter.json")));
        ContentFilterException e;
        try (AzureOpenAIChatGenerator llm = generator(3, env("AZURE_OPENAI_API_KEY", KEY)).build()) {
            e = assertThrows(ContentFilterException.class, () -> llm.run(prompt()));
        }
        assertEquals(OptionalInt.of(400), e.statusCode());
        assertEquals("azure_openai", e.provider());
        assertFalse(e.isRetryable());
        assertEquals("req_azure_400", e.requestId().orElse(null));
        assertTrue(e.getMessage().contains("content management policy"), e.getMessage());
        assertEquals(1, server.requests().size(), "a filtered prompt is not retried");
    }

    @Test
    void aStreamedPromptRejectedByTheContentFilterToo() {
        server.enqueue(AzureMock.error(400, AzureMock.resource("error_content_filter.json")));
        try (AzureOpenAIChatGenerator llm = generator(0, env("AZURE_OPENAI_API_KEY", KEY)).build()) {
            assertThrows(ContentFilterException.class, () -> llm.run(prompt(), null, null, chunk -> { }));
        }
    }

    @Test
    void throttlingWithoutRetriesLeftIsARateLimitExceptionWithRetryAfter() {
        server.enqueue(AzureMock.error(429, AzureMock.resource("error_429.json")).withHeader("Retry-After", "7"));
        RateLimitException e;
        try (AzureOpenAIChatGenerator llm = generator(0, env("AZURE_OPENAI_API_KEY", KEY)).build()) {
            e = assertThrows(RateLimitException.class, () -> llm.run(prompt()));
        }
        assertEquals(OptionalInt.of(429), e.statusCode());
        assertTrue(e.isRetryable());
        assertEquals(Duration.ofSeconds(7), e.retryAfter().orElse(null));
        assertTrue(e.getMessage().contains("exceeded token rate limit"), e.getMessage());
    }

    @Test
    void throttlingIsRetriedAfterTheAskedWait() {
        server.enqueue(AzureMock.error(429, AzureMock.resource("error_429.json")).withHeader("retry-after-ms", "20")
                .withHeader("Retry-After", "1"));
        server.enqueue(AzureMock.json(AzureMock.resource("chat_completion.json")));
        ChatMessage reply;
        try (AzureOpenAIChatGenerator llm = generator(2, env("AZURE_OPENAI_API_KEY", KEY)).build()) {
            reply = llm.run(prompt()).replies().get(0);
        }
        assertEquals("stop", reply.meta().get("finish_reason"));
        assertEquals(2, server.requests().size());
        assertEquals(KEY, server.requests().get(1).getHeader("api-key"), "the retry is authenticated too");
    }

    @Test
    void anInvalidKeyIsAnAuthenticationErrorThatNeverShowsTheKey() {
        server.enqueue(AzureMock.error(401, "{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid "
                + "subscription key " + KEY + " or wrong API endpoint. Make sure to provide a valid key for an active "
                + "subscription and use a correct regional API endpoint for your resource.\"}}"));
        AuthenticationException e;
        try (AzureOpenAIChatGenerator llm = generator(0, env("AZURE_OPENAI_API_KEY", KEY)).build()) {
            e = assertThrows(AuthenticationException.class, () -> llm.run(prompt()));
        }
        assertEquals(OptionalInt.of(401), e.statusCode());
        assertTrue(e.getMessage().contains("Access denied"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
    }

    @Test
    void anAdTokenEchoedInAnErrorIsScrubbed() {
        server.enqueue(AzureMock.error(403, "{\"error\":{\"code\":\"PermissionDenied\",\"message\":\"Principal of token "
                + TOKEN + " does not have permissions.\"}}"));
        GenerationException e;
        try (AzureOpenAIChatGenerator llm = generator(0, env("AZURE_OPENAI_AD_TOKEN", TOKEN)).build()) {
            e = assertThrows(AuthenticationException.class, () -> llm.run(prompt()));
        }
        assertTrue(e.getMessage().contains("does not have permissions"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    }

    @Test
    void credentialsGoneByConnectTimeFailClearly() {
        Map<String, String> env = new java.util.HashMap<>(env("AZURE_OPENAI_API_KEY", KEY));
        try (AzureOpenAIChatGenerator llm = generator(0, env).build()) {
            env.clear();
            AuthenticationException e = assertThrows(AuthenticationException.class, llm::warmUp);
            assertTrue(e.getMessage().contains("api_key"), e.getMessage());
            assertInstanceOf(GenerationException.class, e);
            assertFalse(everything(e).contains(KEY));
        }
    }
}
