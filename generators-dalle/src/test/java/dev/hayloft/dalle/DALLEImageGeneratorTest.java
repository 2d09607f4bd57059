package dev.hayloft.dalle;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.ComponentSockets;
import dev.hayloft.core.errors.AuthenticationException;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.errors.InvalidRequestException;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.core.serde.Json;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.serialization.PipelineSerializer;
import dev.hayloft.serialization.TypeNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DALLEImageGeneratorTest {
    private static final String KEY = "sk-test-dalle-0123456789";
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
        return DALLEImageGenerator.builder().apiKey(Secret.fromToken(KEY))
                .apiBaseUrl("http://127.0.0.1:" + server.port() + "/v1").maxRetries(0)
                .timeout(Duration.ofSeconds(5));
    }

    private void reply(int status, String body) {
        server.stubFor(post(urlEqualTo("/v1/images/generations")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withHeader("x-request-id", "req_img_1")
                .withBody(body)));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> lastRequest() {
        return Json.parseObject(server.getAllServeEvents().get(0).getRequest().getBodyAsString());
    }

    @Test
    void generatesAnImageUrlAndTheRevisedPrompt() {
        reply(200, "{\"created\": 1727000000, \"data\": [{\"url\": \"https://img.example/cat.png\", "
                + "\"revised_prompt\": \"A fluffy cat on a hay bale\"}]}");
        try (DALLEImageGenerator dalle = generator().build()) {
            DALLEImageGenerator.Result r = dalle.run("a cat");
            assertEquals(List.of("https://img.example/cat.png"), r.images());
            assertEquals("A fluffy cat on a hay bale", r.revisedPrompt());
        }
        assertEquals(JsonValues.map("model", "dall-e-3", "prompt", "a cat", "size", "1024x1024", "quality",
                "standard", "response_format", "url", "n", 1), lastRequest());
        server.verify(postRequestedFor(urlEqualTo("/v1/images/generations"))
                .withHeader("Authorization", equalTo("Bearer " + KEY)));
    }

    @Test
    void runTimeOverridesAndBase64Images() throws Exception {
        reply(200, "{\"created\": 1727000000, \"data\": [{\"b64_json\": \"iVBORw0KGgo=\"}]}");
        try (DALLEImageGenerator dalle = generator().model("dall-e-2").build()) {
            DALLEImageGenerator.Result r = dalle.runAsync("a dog", "512x512", "hd", "b64_json")
                    .get(10, TimeUnit.SECONDS);
            assertEquals(List.of("iVBORw0KGgo="), r.images());
            assertEquals("", r.revisedPrompt());
        }
        Map<String, Object> req = lastRequest();
        assertEquals("dall-e-2", req.get("model"));
        assertEquals("512x512", req.get("size"));
        assertEquals("hd", req.get("quality"));
        assertEquals("b64_json", req.get("response_format"));
    }

    @Test
    void errorsAreClassifiedWithStatusAndRequestId() {
        reply(401, "{\"error\": {\"message\": \"Incorrect API key provided\", \"type\": \"invalid_request_error\", "
                + "\"code\": \"invalid_api_key\"}}");
        try (DALLEImageGenerator dalle = generator().build()) {
            AuthenticationException e = assertThrows(AuthenticationException.class, () -> dalle.run("x"));
            assertEquals(401, e.statusCode().orElseThrow());
            assertEquals("req_img_1", e.requestId().orElseThrow());
            assertFalse(e.isRetryable());
            assertFalse(e.getMessage().contains(KEY));
        }
        server.resetAll();
        reply(400, "{\"error\": {\"message\": \"Your request was rejected by the safety system\", "
                + "\"type\": \"invalid_request_error\", \"code\": \"content_policy_violation\"}}");
        try (DALLEImageGenerator dalle = generator().build()) {
            GenerationException e = assertThrows(GenerationException.class, () -> dalle.run("x"));
            assertEquals(400, e.statusCode().orElseThrow());
            assertFalse(e.isRetryable());
        }
    }

    @Test
    void retriesAfterARateLimit() {
        server.stubFor(post(urlEqualTo("/v1/images/generations")).inScenario("rl").whenScenarioStateIs(
                Scenario.STARTED).willReturn(aResponse().withStatus(429).withHeader("retry-after-ms", "300")
                        .withBody("{\"error\": {\"message\": \"Rate limit\", \"type\": \"requests\"}}"))
                .willSetStateTo("ok"));
        server.stubFor(post(urlEqualTo("/v1/images/generations")).inScenario("rl").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"created\": 1, \"data\": [{\"url\": \"https://img/1\"}]}")));
        try (DALLEImageGenerator dalle = generator().maxRetries(2).build()) {
            long t0 = System.nanoTime();
            assertEquals(List.of("https://img/1"), dalle.run("x").images());
            assertTrue(System.nanoTime() - t0 >= 250_000_000L, "Retry-After was not honoured");
        }
        assertEquals(2, server.getAllServeEvents().size());
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyRequest() {
        assertThrows(IllegalArgumentException.class, () -> generator().size("big").build());
        assertThrows(IllegalArgumentException.class, () -> generator().responseFormat("png").build());
        try (DALLEImageGenerator dalle = generator().build()) {
            assertThrows(IllegalArgumentException.class, () -> dalle.run(" "));
            assertThrows(IllegalArgumentException.class, () -> dalle.run("x", "huge", null, null));
        }
        assertEquals(0, server.getAllServeEvents().size());
        DALLEImageGenerator noKey = DALLEImageGenerator.builder().environment(k -> null).build();
        assertThrows(AuthenticationException.class, noKey::warmUp);
        assertInstanceOf(InvalidRequestException.class, new InvalidRequestException("x",
                GenerationException.details("openai"), null));
    }

    @Test
    void toDictMatchesHaystackAndRoundTrips() {
        DALLEImageGenerator d = DALLEImageGenerator.builder().build();
        Map<String, Object> init = JsonValues.map("model", "dall-e-3", "quality", "standard", "size", "1024x1024",
                "response_format", "url", "api_key", JsonValues.map("type", "env_var", "env_vars",
                        List.of("OPENAI_API_KEY"), "strict", true), "api_base_url", null, "organization", null,
                "http_client_kwargs", null);
        assertEquals(JsonValues.map("type", DALLEImageGenerator.class.getName(), "init_parameters", init),
                d.toDict());
        Map<String, Object> haystack = JsonValues.map("type",
                "haystack.components.generators.openai_dalle.DALLEImageGenerator", "init_parameters", JsonValues.map(
                        "model", "dall-e-2", "quality", "hd", "size", "256x256", "response_format", "b64_json",
                        "api_key", JsonValues.map("type", "env_var", "env_vars", List.of("EXAMPLE_API_KEY"),
                                "strict", true),
                        "api_base_url", "https://api.openai.com", "organization", "test-org",
                        "http_client_kwargs", JsonValues.map("proxy", "http://localhost:8080")));
        DALLEImageGenerator fromHaystack = (DALLEImageGenerator) ComponentRegistry.defaults().fromDict(haystack);
        Map<String, Object> ours = fromHaystack.toDict();
        assertEquals(haystack.get("init_parameters"), ours.get("init_parameters"));
        assertEquals(ours, DALLEImageGenerator.fromDict(ours).toDict());
        assertTrue(ComponentSockets.of(d).output("revised_prompt") != null);
        assertFalse(Secret.fromToken(KEY).toString().contains(KEY));
        assertFalse(generator().build().toString().contains(KEY));
    }

    @Test
    void yamlRoundTripAndHaystackNames() {
        Pipeline p = new Pipeline();
        p.addComponent("dalle", DALLEImageGenerator.builder().size("1024x1792").build());
        PipelineSerializer yaml = PipelineSerializer.builder().build();
        String text = yaml.dumps(p);
        assertEquals(text, yaml.dumps(yaml.loads(text)));
        String haystack = PipelineSerializer.builder().typeNames(TypeNames.HAYSTACK).build().dumps(p);
        assertTrue(haystack.contains("type: haystack.components.generators.openai_dalle.DALLEImageGenerator"));
    }
}
