package dev.hayloft.dalle;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.errors.ContentFilterException;
import dev.hayloft.core.listener.ErrorEvent;
import dev.hayloft.core.listener.GenerationListener;
import dev.hayloft.core.listener.RequestEvent;
import dev.hayloft.core.listener.ResponseEvent;
import dev.hayloft.core.listener.RetryEvent;
import dev.hayloft.core.listener.TokenUsage;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.core.testing.RecordingListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The listener events DALL-E runs emit against a loopback server. */
class DALLEListenersTest {
    private static final String PATH = "/v1/images/generations";
    private static final String IMAGE = "{\"created\": 1727000000, \"data\": [{\"url\": \"https://img.example/c.png\", "
            + "\"revised_prompt\": \"A cat\"}], \"usage\": {\"input_tokens\": 12, \"output_tokens\": 4160, "
            + "\"total_tokens\": 4172, \"input_tokens_details\": {\"image_tokens\": 0, \"text_tokens\": 12}}}";
    private final RecordingListener events = new RecordingListener();
    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private DALLEImageGenerator.Builder generator() {
        return DALLEImageGenerator.builder().apiKey(Secret.fromToken("sk-test-dalle-listen-0123"))
                .apiBaseUrl("http://127.0.0.1:" + server.port() + "/v1").maxRetries(1)
                .timeout(Duration.ofSeconds(5)).listener(events);
    }

    private static ResponseDefinitionBuilder reply(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-request-id", "req_img_" + status).withBody(body);
    }

    @Test
    void aRunEmitsRequestAndResponseWithUsage() {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(reply(200, IMAGE)));
        try (DALLEImageGenerator dalle = generator().build()) {
            new Pipeline().addComponent("painter", dalle);
            assertEquals("https://img.example/c.png", dalle.run("a cat", "1792x1024", null, null).images().get(0));
        }
        assertEquals(List.of("request", "response"), events.kinds());
        RequestEvent request = events.one(RequestEvent.class);
        assertEquals("painter", request.context().componentName());
        assertEquals("dall-e-3", request.context().model());
        assertEquals("a cat", request.messages().get(0).text());
        assertEquals(Map.of("size", "1792x1024", "quality", "standard", "response_format", "url"),
                request.generationKwargs());
        ResponseEvent response = events.one(ResponseEvent.class);
        assertEquals(new TokenUsage(12, 4160), response.usage());
        assertEquals("req_img_200", response.providerRequestId());
    }

    @Test
    void aClientErrorEmitsAnErrorWithStatus() {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(reply(400, "{\"error\": {\"message\": \"Your request was "
                + "rejected by the safety system.\", \"type\": \"invalid_request_error\", \"code\": "
                + "\"content_policy_violation\"}}")));
        try (DALLEImageGenerator dalle = generator().build()) {
            assertThrows(ContentFilterException.class, () -> dalle.run("x"));
        }
        assertEquals(List.of("request", "error"), events.kinds());
        assertEquals(OptionalInt.of(400), events.one(ErrorEvent.class).statusCode());
        assertFalse(events.one(ErrorEvent.class).retryable());
    }

    @Test
    void aRateLimitThenSuccessEmitsARetryAsync() {
        server.stubFor(post(urlEqualTo(PATH)).inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(reply(429, "{\"error\": {\"message\": \"Rate limit\", \"type\": \"requests\"}}")
                        .withHeader("retry-after-ms", "10"))
                .willSetStateTo("ok"));
        server.stubFor(post(urlEqualTo(PATH)).inScenario("rl").whenScenarioStateIs("ok").willReturn(reply(200, IMAGE)));
        GenerationListener broken = new GenerationListener() {
            @Override
            public void onRetry(RetryEvent event) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (DALLEImageGenerator dalle = generator().listener(broken).build()) {
            assertEquals("A cat", dalle.runAsync("a cat", null, null, null).join().revisedPrompt());
        }
        assertEquals(List.of("request", "retry", "response"), events.kinds());
        RetryEvent retry = events.one(RetryEvent.class);
        assertEquals(2, retry.attempt());
        assertEquals(OptionalInt.of(429), retry.previousError().statusCode());
        assertEquals(2, events.one(ResponseEvent.class).attempt());
    }
}
