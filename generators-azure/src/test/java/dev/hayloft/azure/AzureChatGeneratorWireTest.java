package dev.hayloft.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ComponentInfo;
import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.errors.AuthenticationException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link AzureOpenAIChatGenerator} sends to Azure (URL, query, auth headers) and makes of Azure's answers. */
class AzureChatGeneratorWireTest {
    static final String KEY = "3f9c2a7d1e8b4c6f9a0d2e4b6c8a1f3e";
    static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.static-ad-token.sig";
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

    static Map<String, String> env(String... pairs) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static AzureOpenAIChatGenerator.Builder generator(Map<String, String> env) {
        return AzureOpenAIChatGenerator.builder().azureEndpoint(server.endpoint()).maxRetries(0).environment(env::get);
    }

    private static List<ChatMessage> hi() {
        return List.of(ChatMessage.fromUser("What's NLP?"));
    }

    private static String header(LoggedRequest r, String name) {
        return r.containsHeader(name) ? r.getHeader(name) : null;
    }

    @Test
    void apiKeyGoesInTheApiKeyHeaderOnTheDeploymentRoute() {
        server.enqueue(AzureMock.json(AzureMock.resource("chat_completion.json")));
        try (AzureOpenAIChatGenerator llm = generator(env("AZURE_OPENAI_API_KEY", KEY)).azureDeployment("my-gpt")
                .apiVersion("2024-10-21").build()) {
            llm.run(hi());
        }
        LoggedRequest r = server.last();
        assertEquals("/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21", r.getUrl());
        assertEquals("POST", r.getMethod().getName());
        assertEquals(KEY, header(r, "api-key"));
        assertNull(header(r, "Authorization"));
        Map<String, Object> body = server.lastBody();
        assertEquals("my-gpt", body.get("model"));
        assertEquals(List.of(Map.of("role", "user", "content", "What's NLP?")), body.get("messages"));
        assertEquals(false, body.get("stream"));
    }

    @Test
    void defaultsAreHaystacksApiVersionAndDeployment() {
        server.enqueue(AzureMock.json(AzureMock.resource("chat_completion.json")));
        try (AzureOpenAIChatGenerator llm = generator(env("AZURE_OPENAI_API_KEY", KEY)).build()) {
            llm.run(hi());
        }
        assertEquals("/openai/deployments/gpt-4o-mini/chat/completions?api-version=2023-05-15", server.last().getUrl());
    }

    @Test
    void endpointFromTheEnvironmentKeepsItsPath() {
        server.enqueue(AzureMock.json(AzureMock.resource("chat_completion.json")));
        // e.g. an API Management gateway in front of the resource
        try (AzureOpenAIChatGenerator llm = AzureOpenAIChatGenerator.builder().maxRetries(0)
                .environment(env("AZURE_OPENAI_ENDPOINT", server.endpoint() + "gateway/aoai/",
                        "AZURE_OPENAI_API_KEY", KEY)::get).build()) {
            llm.run(hi());
        }
        assertEquals("/gateway/aoai/openai/deployments/gpt-4o-mini/chat/completions?api-version=2023-05-15",
                server.last().getUrl());
    }

    @Test
    void staticAdTokenIsABearerTokenAndWinsOverTheKey() {
        server.enqueue(AzureMock.json(AzureMock.resource("chat_completion.json")));
        try (AzureOpenAIChatGenerator llm = generator(env("AZURE_OPENAI_API_KEY", KEY, "AZURE_OPENAI_AD_TOKEN", TOKEN))
                .build()) {
            llm.run(hi());
        }
        LoggedRequest r = server.last();
        assertEquals("Bearer " + TOKEN, header(r, "Authorization"));
        assertNull(header(r, "api-key"));
    }

    @Test
    void tokenProviderIsAskedBeforeEveryRequestIncludingRetries() {
        AtomicInteger calls = new AtomicInteger();
        AzureTokenProvider provider = () -> "provider-token-" + calls.incrementAndGet();
        server.enqueue(AzureMock.json(AzureMock.resource("chat_completion.json")));
        server.enqueue(AzureMock.error(503, "{\"error\":{\"code\":\"503\",\"message\":\"Service unavailable\"}}")
                .withHeader("retry-after-ms", "1"));
        server.enqueue(AzureMock.json(AzureMock.resource("chat_completion.json")));
        try (AzureOpenAIChatGenerator llm = generator(env("AZURE_OPENAI_API_KEY", KEY)).maxRetries(1)
                .azureAdTokenProvider(provider).build()) {
            llm.run(hi());
            llm.run(hi());
        }
        List<LoggedRequest> r = server.requests();
        assertEquals(3, r.size());
        assertEquals(3, calls.get());
        for (int i = 0; i < 3; i++) {
            assertEquals("Bearer provider-token-" + (i + 1), header(r.get(i), "Authorization"));
            assertNull(header(r.get(i), "api-key"), "the provider wins over the key");
        }
    }

    @Test
    void aFailingTokenProviderIsAnAuthenticationError() {
        AzureTokenProvider provider = () -> {
            throw new IllegalStateException("IdP unreachable");
        };
        try (AzureOpenAIChatGenerator llm = generator(env()).azureAdTokenProvider(provider).build()) {
            AuthenticationException e = assertThrows(AuthenticationException.class, () -> llm.run(hi()));
            assertEquals("azure_openai", e.provider());
            assertFalse(e.isRetryable());
            assertTrue(e.getCause() instanceof IllegalStateException);
        }
        assertTrue(server.requests().isEmpty(), "nothing is sent without a token");
    }

    @Test
    void v1ApiLayoutForApiVersionV1AndPreview() {
        server.enqueue(AzureMock.json(AzureMock.resource("chat_completion.json")));
        server.enqueue(AzureMock.json(AzureMock.resource("chat_completion.json")));
        server.enqueue(AzureMock.json(AzureMock.resource("chat_completion.json")));
        try (AzureOpenAIChatGenerator v1 = generator(env("AZURE_OPENAI_API_KEY", KEY)).azureDeployment("my-gpt")
                .apiVersion("v1").build();
                AzureOpenAIChatGenerator preview = generator(env("AZURE_OPENAI_API_KEY", KEY)).apiVersion("preview")
                        .build();
                AzureOpenAIChatGenerator v1Endpoint = generator(env("AZURE_OPENAI_API_KEY", KEY))
                        .azureEndpoint(server.endpoint() + "openai/v1/").build()) {
            assertTrue(v1.usesV1Api());
            v1.run(hi());
            assertEquals("/openai/v1/chat/completions", server.last().getUrl());
            assertEquals("my-gpt", server.lastBody().get("model"));
            assertEquals(KEY, header(server.last(), "api-key"));
            preview.run(hi());
            assertEquals("/openai/v1/chat/completions?api-version=preview", server.last().getUrl());
            v1Endpoint.run(hi());
            // a dated api_version (here the default) is not sent to the v1 API
            assertEquals("/openai/v1/chat/completions", server.last().getUrl());
        }
    }

    @Test
    void defaultHeadersAndOrganizationAreSent() {
        server.enqueue(AzureMock.json(AzureMock.resource("chat_completion.json")));
        try (AzureOpenAIChatGenerator llm = generator(env("AZURE_OPENAI_API_KEY", KEY)).organization("org-haystack")
                .defaultHeaders(Map.of("x-ms-useragent", "hayloft-test", "x-tenant", "blue")).build()) {
            llm.run(hi());
        }
        LoggedRequest r = server.last();
        assertEquals("hayloft-test", header(r, "x-ms-useragent"));
        assertEquals("blue", header(r, "x-tenant"));
        assertEquals("org-haystack", header(r, "OpenAI-Organization"));
    }

    @Test
    void replyMetaCarriesAzuresFilterResults() {
        server.enqueue(AzureMock.json(AzureMock.resource("chat_completion.json")));
        ChatMessage reply;
        try (AzureOpenAIChatGenerator llm = generator(env("AZURE_OPENAI_API_KEY", KEY)).build()) {
            reply = llm.run(hi()).replies().get(0);
        }
        assertEquals("Natural Language Processing is a branch of AI about human language.", reply.text());
        assertEquals("gpt-4o-mini-2024-07-18", reply.meta().get("model"));
        assertEquals("stop", reply.meta().get("finish_reason"));
        assertEquals(28, ((Map<?, ?>) reply.meta().get("usage")).get("total_tokens"));
        Map<?, ?> filters = (Map<?, ?>) reply.meta().get("content_filter_results");
        assertEquals(Map.of("filtered", false, "severity", "safe"), filters.get("violence"));
        List<?> prompts = (List<?>) reply.meta().get("prompt_filter_results");
        Map<?, ?> prompt = (Map<?, ?>) prompts.get(0);
        assertEquals(0, prompt.get("prompt_index"));
        assertEquals(Map.of("filtered", false, "detected", false),
                ((Map<?, ?>) prompt.get("content_filter_results")).get("jailbreak"));
    }

    @Test
    void aCompletionCutByTheContentFilter() {
        server.enqueue(AzureMock.json(AzureMock.resource("chat_content_filtered.json")));
        ChatMessage reply;
        try (AzureOpenAIChatGenerator llm = generator(env("AZURE_OPENAI_API_KEY", KEY)).build()) {
            reply = llm.run(hi()).replies().get(0);
        }
        assertEquals("content_filter", reply.meta().get("finish_reason"));
        assertEquals(Map.of("filtered", true, "severity", "medium"),
                ((Map<?, ?>) reply.meta().get("content_filter_results")).get("violence"));
    }

    @Test
    void streamingSkipsAzuresFirstChunkWithoutChoicesButKeepsItsPromptFilterResults() {
        server.enqueue(AzureMock.sse(AzureMock.resource("chat_stream.sse")));
        List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
        ChatMessage reply;
        try (AzureOpenAIChatGenerator llm = generator(env("AZURE_OPENAI_API_KEY", KEY)).build()) {
            reply = llm.run(hi(), null, null, chunks::add).replies().get(0);
        }
        assertEquals(true, server.lastBody().get("stream"));
        assertEquals(Map.of("include_usage", true), server.lastBody().get("stream_options"));
        assertEquals("Paris is the capital.", reply.text());
        assertEquals("stop", reply.meta().get("finish_reason"));
        assertEquals("gpt-4o-mini-2024-07-18", reply.meta().get("model"));
        assertEquals(18, ((Map<?, ?>) reply.meta().get("usage")).get("total_tokens"));
        assertEquals(1, ((List<?>) reply.meta().get("prompt_filter_results")).size());
        assertNotNull(((Map<?, ?>) reply.meta().get("content_filter_results")).get("violence"));

        StreamingChunk first = chunks.get(0);
        assertEquals("", first.content());
        assertNull(first.index());
        assertNotNull(first.meta().get("prompt_filter_results"));
        assertEquals(new ComponentInfo(AzureOpenAIChatGenerator.class.getName(), null), first.componentInfo());
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.content()));
        assertEquals("Paris is the capital.", text.toString());
        assertTrue(chunks.stream().anyMatch(c -> c.finishReason() == FinishReason.STOP));
    }

    @Test
    void aStreamCutByTheContentFilter() {
        server.enqueue(AzureMock.sse(AzureMock.resource("chat_stream_filtered.sse")));
        List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
        ChatMessage reply;
        try (AzureOpenAIChatGenerator llm = generator(env("AZURE_OPENAI_API_KEY", KEY)).build()) {
            reply = llm.run(hi(), null, null, chunks::add).replies().get(0);
        }
        assertEquals("The duel began", reply.text());
        assertEquals("content_filter", reply.meta().get("finish_reason"));
        assertEquals(Map.of("filtered", true, "severity", "medium"),
                ((Map<?, ?>) reply.meta().get("content_filter_results")).get("violence"));
        assertEquals(FinishReason.CONTENT_FILTER, chunks.get(chunks.size() - 1).finishReason());
    }
}
