package dev.hayloft.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.ChatMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Client settings: Haystack's defaults, the environment fallbacks and {@code http_client_kwargs}. */
class OpenAIClientOptionsTest {
    private static Function<String, String> env(Map<String, String> vars) {
        return vars::get;
    }

    @Test
    void defaultsAreHaystacks() {
        OpenAIClientOptions o = OpenAIClientOptions.builder().environment(env(Map.of())).build();
        assertEquals(Duration.ofSeconds(30), o.timeout());
        assertEquals(5, o.maxRetries());
        assertEquals("https://api.openai.com/v1", o.apiBaseUrl());
        assertEquals(Secret.fromEnvVar("OPENAI_API_KEY"), o.apiKey());
        assertNull(o.organization());
        assertNull(o.httpClientKwargs());
    }

    @Test
    void environmentIsReadAtBuildAndExplicitValuesWin() {
        Function<String, String> e = env(Map.of("OPENAI_TIMEOUT", "100", "OPENAI_MAX_RETRIES", "10",
                "OPENAI_BASE_URL", "http://localhost:8000/v1", "OPENAI_ORG_ID", "org-env"));
        OpenAIClientOptions fromEnv = OpenAIClientOptions.builder().environment(e).build();
        assertEquals(Duration.ofSeconds(100), fromEnv.timeout());
        assertEquals(10, fromEnv.maxRetries());
        assertEquals("http://localhost:8000/v1", fromEnv.apiBaseUrl());
        assertEquals("org-env", fromEnv.organization());
        OpenAIClientOptions explicit = OpenAIClientOptions.builder().environment(e).timeout(Duration.ofSeconds(40))
                .maxRetries(1).apiBaseUrl("http://other/v1").organization("org-1").build();
        assertEquals(Duration.ofSeconds(40), explicit.timeout());
        assertEquals(1, explicit.maxRetries());
        assertEquals("http://other/v1", explicit.apiBaseUrl());
        assertEquals("org-1", explicit.organization());
        assertEquals(Duration.ofMillis(2500), OpenAIClientOptions.builder()
                .environment(env(Map.of("OPENAI_TIMEOUT", "2.5"))).build().timeout());
    }

    @Test
    void generatorsReadTheEnvironmentOnceAtBuild() {
        Map<String, String> vars = new java.util.HashMap<>(Map.of("OPENAI_TIMEOUT", "100", "OPENAI_MAX_RETRIES", "10"));
        OpenAIChatGenerator chat = OpenAIChatGenerator.builder().environment(vars::get).build();
        vars.put("OPENAI_TIMEOUT", "1");
        assertEquals(Duration.ofSeconds(100), chat.clientOptions().timeout());
        assertEquals(10, chat.clientOptions().maxRetries());
        assertNull(chat.toDict().get("init_parameters") instanceof Map<?, ?> m ? m.get("timeout") : "x",
                "toDict keeps the init value (null), like Haystack");
        OpenAIGenerator text = OpenAIGenerator.builder().environment(vars::get).timeout(Duration.ofSeconds(40))
                .maxRetries(1).build();
        assertEquals(Duration.ofSeconds(40), text.clientOptions().timeout());
        assertEquals(1, text.clientOptions().maxRetries());
    }

    @Test
    void badEnvironmentValuesAreReportedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenAIClientOptions.builder().environment(env(Map.of("OPENAI_TIMEOUT", "soon"))).build());
        assertTrue(e.getMessage().contains("OPENAI_TIMEOUT"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> OpenAIClientOptions.builder().environment(env(Map.of("OPENAI_MAX_RETRIES", "many"))).build());
        assertTrue(e.getMessage().contains("OPENAI_MAX_RETRIES"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OpenAIClientOptions.builder().maxRetries(-1).build());
        assertThrows(IllegalArgumentException.class,
                () -> OpenAIClientOptions.builder().timeout(Duration.ZERO).build());
    }

    @Test
    void httpClientKwargsAreValidated() {
        for (Map<String, Object> ok : List.<Map<String, Object>>of(Map.of("proxy", "http://example.com:8080",
                "verify", false), Map.of("proxy", "socks5://127.0.0.1:1080"), Map.of("headers", Map.of("X-A", "1"),
                "follow_redirects", true))) {
            OpenAIClientOptions.builder().httpClientKwargs(ok).build();
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> OpenAIClientOptions.builder().httpClientKwargs(Map.of("limits", Map.of())).build());
        assertTrue(unknown.getMessage().contains("'limits'") && unknown.getMessage().contains("proxy"),
                unknown.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> OpenAIClientOptions.builder().httpClientKwargs(Map.of("verify", "/etc/ca.pem")).build());
        assertThrows(IllegalArgumentException.class,
                () -> OpenAIClientOptions.builder().httpClientKwargs(Map.of("proxy", "ftp://x:1")).build());
        assertThrows(IllegalArgumentException.class,
                () -> OpenAIChatGenerator.builder().httpClientKwargs(Map.of("proxies", "http://x:1")).build());
    }

    @Test
    void toStringHidesSecrets() {
        OpenAIClientOptions o = OpenAIClientOptions.builder().apiKey(Secret.fromToken("sk-live-123456789"))
                .httpClientKwargs(Map.of("proxy", "http://bob:hunter2@proxy:3128", "headers", Map.of("X-Key", "k1")))
                .build();
        assertFalse(o.toString().contains("sk-live"), o.toString());
        assertFalse(o.toString().contains("hunter2"), o.toString());
        assertFalse(o.toString().contains("k1"), o.toString());
        assertTrue(o.toString().contains("proxy:3128"), o.toString());
    }

    @Test
    void requestsGoThroughTheConfiguredProxyWithItsCredentials() throws Exception {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        try (RawHttpServer proxy = new RawHttpServer(ex -> {
            if (n.getAndIncrement() == 0) {
                ex.raw("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"p\"\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n");
                return;
            }
            String body = OpenAIResponses.completion("via proxy");
            ex.raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n"
                    + body);
        })) {
            String url = proxy.baseUrl().replace("/v1", "").replace("http://", "http://bob:s%40cret@");
            OpenAIChatGenerator llm = OpenAIChatGenerator.builder().apiKey(Secret.fromToken("sk-proxy"))
                    .apiBaseUrl("http://api.openai.invalid/v1").maxRetries(0)
                    .httpClientKwargs(Map.of("proxy", url, "headers", Map.of("X-Team", "hay"))).build();
            assertEquals("via proxy", llm.run(List.of(ChatMessage.fromUser("Hi"))).text());
            assertEquals(2, proxy.heads.size());
            String head = proxy.heads.get(1);
            assertTrue(head.startsWith("POST http://api.openai.invalid/v1/chat/completions HTTP/1.1"), head);
            String basic = java.util.Base64.getEncoder().encodeToString("bob:s@cret".getBytes());
            assertTrue(head.contains("Proxy-Authorization: Basic " + basic), head);
            assertTrue(head.contains("X-Team: hay"), head);
        }
    }
}
