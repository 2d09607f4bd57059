package dev.hayloft.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.errors.AuthenticationException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The escape hatch: openai-java reached through class tokens, never through our signatures. */
class OpenAIConnectionTest {
    private static final String KEY = "sk-test-connection-0123456789";
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

    private static OpenAIClientOptions options() {
        return OpenAIClientOptions.builder().apiKey(Secret.fromToken(KEY)).apiBaseUrl(server.baseUrl()).maxRetries(0)
                .environment(n -> null).build();
    }

    private static ChatCompletionCreateParams hello() {
        return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("hello").build();
    }

    @Test
    void unwrapGivesTheRawClientOrTheConnection() {
        try (OpenAIConnection openai = OpenAIConnection.open(options())) {
            assertInstanceOf(OpenAIClient.class, openai.unwrap(OpenAIClient.class));
            assertSame(openai.unwrap(OpenAIClient.class), openai.unwrap(OpenAIClient.class));
            assertSame(openai, openai.unwrap(OpenAIConnection.class));
            assertSame(openai, openai.unwrap(AutoCloseable.class));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> openai.unwrap(String.class));
            assertTrue(e.getMessage().contains("com.openai.client.OpenAIClient"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> openai.call(String.class, s -> s));
            assertThrows(IllegalArgumentException.class, () -> openai.callAsync(String.class, s -> s));
        }
    }

    @Test
    void callsTranslateFailuresAndTheUnwrappedClientDoesNot() {
        server.always(OpenAIMock.error(401, "{\"error\":{\"message\":\"Incorrect API key\",\"type\":"
                + "\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
        try (OpenAIConnection openai = OpenAIConnection.open(options())) {
            assertThrows(AuthenticationException.class,
                    () -> openai.call(OpenAIClient.class, c -> c.chat().completions().create(hello())));
            CompletionException async = assertThrows(CompletionException.class,
                    () -> openai.callAsync(OpenAIClient.class, c -> c.chat().completions().create(hello())).join());
            assertInstanceOf(AuthenticationException.class, async.getCause());
            assertThrows(UnauthorizedException.class,
                    () -> openai.unwrap(OpenAIClient.class).chat().completions().create(hello()));
        }
    }

    @Test
    void customizersAdjustTheOpenAIJavaBuilderInOrder() {
        server.always(OpenAIMock.json(OpenAIResponses.completion("hi")));
        try (OpenAIConnection openai = OpenAIConnection.builder(options())
                .customizer(OpenAIOkHttpClient.Builder.class, b -> b.putHeader("X-Hayloft-Test", "first"))
                .customizer(OpenAIOkHttpClient.Builder.class, b -> b.replaceHeaders("X-Hayloft-Test", "second"))
                .build()) {
            ChatCompletion c = openai.call(OpenAIClient.class, client -> client.chat().completions().create(hello()));
            assertEquals("hi", c.choices().get(0).message().content().orElseThrow());
        }
        assertEquals("second", server.requests().get(0).getHeader("X-Hayloft-Test"));
    }

    @Test
    void aCustomizerForAnotherBuilderTypeIsRefusedAtBuild() {
        OpenAIConnection.Builder b = OpenAIConnection.builder(options()).customizer(StringBuilder.class,
                sb -> sb.append("never"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("java.lang.StringBuilder"), e.getMessage());
    }

    @Test
    void projectAndOrganizationComeFromTheEnvironmentAsInOpenAIPython() {
        server.always(OpenAIMock.json(OpenAIResponses.completion("hi")));
        java.util.Map<String, String> env = java.util.Map.of("OPENAI_API_KEY", KEY, "OPENAI_PROJECT_ID", "proj_env",
                "OPENAI_ORG_ID", "org-env");
        try (OpenAIChatGenerator llm = OpenAIChatGenerator.builder().apiBaseUrl(server.baseUrl()).environment(env::get)
                .build()) {
            llm.run(java.util.List.of(dev.hayloft.core.dataclasses.ChatMessage.fromUser("hello")));
            assertEquals("proj_env", llm.clientOptions().project());
        }
        assertEquals("proj_env", server.requests().get(0).getHeader("OpenAI-Project"));
        assertEquals("org-env", server.requests().get(0).getHeader("OpenAI-Organization"));

        server.reset();
        server.always(OpenAIMock.json(OpenAIResponses.completion("hi")));
        OpenAIClientOptions explicit = OpenAIClientOptions.builder().apiKey(Secret.fromToken(KEY))
                .apiBaseUrl(server.baseUrl()).project("proj_explicit").environment(env::get).build();
        try (OpenAIConnection openai = OpenAIConnection.open(explicit)) {
            openai.call(OpenAIClient.class, client -> client.chat().completions().create(hello()));
        }
        assertEquals("proj_explicit", server.requests().get(0).getHeader("OpenAI-Project"));

        server.reset();
        server.always(OpenAIMock.json(OpenAIResponses.completion("hi")));
        try (OpenAIConnection openai = OpenAIConnection.open(options())) {
            openai.call(OpenAIClient.class, client -> client.chat().completions().create(hello()));
        }
        assertEquals(null, server.requests().get(0).getHeader("OpenAI-Project"), "no project, no header");
    }

    @Test
    void aCustomizerSettingTransportOptionsGetsATransportOfItsOwn() {
        server.always(OpenAIMock.json(OpenAIResponses.completion("hi")));
        try (OpenAIConnection openai = OpenAIConnection.builder(options())
                .customizer(OpenAIOkHttpClient.Builder.class, b -> b.followRedirects(false)).build()) {
            ChatCompletion c = openai.call(OpenAIClient.class, client -> client.chat().completions().create(hello()));
            assertEquals("hi", c.choices().get(0).message().content().orElseThrow());
        }
    }

    @Test
    void connectionsShareATransportWhenTheirCustomizersAreEqual() {
        java.util.function.Consumer<OpenAIOkHttpClient.Builder> same = b -> b.putHeader("X-Same", "1");
        int before = dev.hayloft.openai.internal.SharedTransports.openTransports();
        try (OpenAIConnection a = OpenAIConnection.builder(options()).asyncThreads(5)
                .customizer(OpenAIOkHttpClient.Builder.class, same).build();
                OpenAIConnection b = OpenAIConnection.builder(options()).asyncThreads(5)
                        .customizer(OpenAIOkHttpClient.Builder.class, same).build()) {
            assertEquals(before + 1, dev.hayloft.openai.internal.SharedTransports.openTransports());
            try (OpenAIConnection c = OpenAIConnection.builder(options()).asyncThreads(5)
                    .customizer(OpenAIOkHttpClient.Builder.class, x -> x.putHeader("X-Same", "1")).build()) {
                assertEquals(before + 2, dev.hayloft.openai.internal.SharedTransports.openTransports(),
                        "another customizer object: another transport");
            }
        }
        assertEquals(before, dev.hayloft.openai.internal.SharedTransports.openTransports());
    }

    @Test
    void chatCompletionsGoStraightOverHttpWithTheHeadersOpenAIJavaWouldSend() {
        server.always(OpenAIMock.json(OpenAIResponses.completion("hi")));
        try (OpenAIChatGenerator llm = OpenAIChatGenerator.builder().apiKey(Secret.fromToken(KEY))
                .apiBaseUrl(server.baseUrl() + "/").organization("org-1").maxRetries(0)
                .httpClientKwargs(java.util.Map.of("headers", java.util.Map.of("X-Team", "hay")))
                .environment(java.util.Map.of("OPENAI_PROJECT_ID", "proj-1")::get).build()) {
            assertEquals("hi", llm.run(java.util.List.of(dev.hayloft.core.dataclasses.ChatMessage.fromUser("hello")))
                    .replies().get(0).text());
        }
        com.github.tomakehurst.wiremock.verification.LoggedRequest r = server.requests().get(0);
        assertEquals("POST", r.getMethod().getName());
        assertEquals(java.net.URI.create(server.baseUrl()).getPath() + "/chat/completions", r.getUrl(),
                "a trailing slash on the base URL is not doubled");
        assertEquals("Bearer " + KEY, r.getHeader("Authorization"));
        assertEquals("org-1", r.getHeader("OpenAI-Organization"));
        assertEquals("proj-1", r.getHeader("OpenAI-Project"));
        assertEquals("hay", r.getHeader("X-Team"));
        assertTrue(r.getHeader("Content-Type").startsWith("application/json"), r.getHeader("Content-Type"));
        assertEquals(java.util.List.of("model", "messages", "n", "stream"),
                java.util.List.copyOf(server.lastBody().keySet()), "the body is sent exactly as built");
    }

    @Test
    void aCustomisedConnectionSendsChatCompletionsThroughOpenAIJava() {
        server.always(OpenAIMock.json(OpenAIResponses.completion("hi")));
        OpenAIConnection.Builder b = OpenAIConnection.builder(options()).customizer(OpenAIOkHttpClient.Builder.class,
                builder -> builder.putHeader("X-Customised", "yes"));
        try (OpenAIConnection openai = b.build()) {
            java.util.Map<String, Object> body = OpenAIChatMapping.chatRequest("gpt-4o-mini", java.util.List.of(
                    dev.hayloft.core.dataclasses.ChatMessage.fromUser("hello")), java.util.Map.of(), java.util.List.of(),
                    false, false);
            assertEquals("hi", OpenAIChatMapping.complete(openai, body, null, null,
                    dev.hayloft.core.listener.GenerationObservation.none()).get(0).text());
        }
        com.github.tomakehurst.wiremock.verification.LoggedRequest r = server.requests().get(0);
        assertEquals("yes", r.getHeader("X-Customised"), "the customiser shaped the request");
        assertTrue(r.getHeader("User-Agent").contains("/Java"), "openai-java sent it: " + r.getHeader("User-Agent"));
    }
}
