package dev.hayloft.hf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.dataclasses.ChatMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One {@link ResponseFormat} written in each server's dialect (TGI's {@code response_format}
 * grammar, vLLM's {@code structured_outputs}, SGLang's JSON-schema {@code response_format} and
 * {@code regex}, OpenAI's {@code json_schema} on the router), the backend detected from
 * {@code /info} and {@code /v1/models}, and the combinations a server cannot do refused before
 * anything is sent.
 */
class StructuredOutputWireTest {
    private static final Map<String, Object> SCHEMA = Map.of("type", "object", "properties",
            Map.of("city", Map.of("type", "string"), "celsius", Map.of("type", "number")), "required",
            List.of("city", "celsius"));
    private static HfMock server;
    private final Generators generators = new Generators();

    record Weather(String city, double celsius) {
    }

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

    private Map<String, Object> sent(ServerBackend backend, ResponseFormat format) {
        server.reset();
        server.enqueue(HfMock.CHAT, HfMock.json(TgiShapes.completion("{\"city\": \"Paris\", \"celsius\": 21.5}")));
        try (HuggingFaceAPIChatGenerator llm = generators.chat(server).backend(backend).build()) {
            llm.run(List.of(ChatMessage.fromUser("Weather in Paris?")), format.generationKwargs(), null, null);
        }
        return server.lastBody();
    }

    @Test
    void tgiDialect() {
        assertEquals(Map.of("type", "json", "value", SCHEMA), sent(ServerBackend.TGI,
                ResponseFormat.jsonSchema(SCHEMA)).get("response_format"));
        assertEquals(Map.of("type", "regex", "value", "[0-9]{4}"), sent(ServerBackend.TGI,
                ResponseFormat.regex("[0-9]{4}")).get("response_format"));
        assertEquals(Map.of("type", "regex", "value", "(yes|no|n/a\\?)"), sent(ServerBackend.TGI,
                ResponseFormat.choice(List.of("yes", "no", "n/a?"))).get("response_format"));
    }

    @Test
    void vllmDialect() {
        Map<String, Object> body = sent(ServerBackend.VLLM, ResponseFormat.jsonSchema(SCHEMA));
        assertEquals(Map.of("json", SCHEMA), body.get("structured_outputs"));
        assertFalse(body.containsKey("response_format"));
        assertEquals(Map.of("json_object", true), sent(ServerBackend.VLLM, ResponseFormat.jsonObject())
                .get("structured_outputs"));
        assertEquals(Map.of("regex", "\\d+"), sent(ServerBackend.VLLM, ResponseFormat.regex("\\d+"))
                .get("structured_outputs"));
        assertEquals(Map.of("choice", List.of("positive", "negative")), sent(ServerBackend.VLLM,
                ResponseFormat.choice(List.of("positive", "negative"))).get("structured_outputs"));
    }

    @Test
    void sglangDialect() {
        assertEquals(Map.of("type", "json_schema", "json_schema", Map.of("name", "schema", "schema", SCHEMA)),
                sent(ServerBackend.SGLANG, ResponseFormat.jsonSchema(SCHEMA)).get("response_format"));
        Map<String, Object> regex = sent(ServerBackend.SGLANG, ResponseFormat.choice(List.of("A", "B")));
        assertEquals("(A|B)", regex.get("regex"));
        assertFalse(regex.containsKey("response_format"));
        assertEquals(Map.of("type", "json_object"), sent(ServerBackend.SGLANG, ResponseFormat.jsonObject())
                .get("response_format"));
    }

    @Test
    void openAiDialectOnTheRouterWithARecord() {
        server.enqueue(HfMock.CHAT, HfMock.json(HfMock.resource("servers/sglang_chat_json.json")));
        try (HuggingFaceAPIChatGenerator llm = generators.router(server)
                .generationKwargs(ResponseFormat.of(Weather.class).generationKwargs()).build()) {
            ChatMessage reply = llm.run(List.of(ChatMessage.fromUser("Weather in Paris?"))).replies().get(0);
            assertEquals(new Weather("Paris", 21.5), ResponseFormat.parse(reply, Weather.class));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> format = (Map<String, Object>) server.lastBody().get("response_format");
        assertEquals("json_schema", format.get("type"));
        @SuppressWarnings("unchecked")
        Map<String, Object> js = (Map<String, Object>) format.get("json_schema");
        assertEquals("Weather", js.get("name"));
        assertEquals(true, js.get("strict"));
        assertEquals(false, ((Map<?, ?>) js.get("schema")).get("additionalProperties"));
    }

    @Test
    void theBackendIsDetectedOnceFromInfoOrModels() {
        server.enqueue("/info", HfMock.json(HfMock.resource("servers/tgi_info.json")));
        for (int i = 0; i < 2; i++) {
            server.enqueue(HfMock.CHAT, HfMock.json(TgiShapes.completion("1234")));
        }
        try (HuggingFaceAPIChatGenerator llm = generators.chat(server)
                .generationKwargs(ResponseFormat.regex("[0-9]{4}").generationKwargs()).build()) {
            llm.run(List.of(ChatMessage.fromUser("A year?")));
            llm.run(List.of(ChatMessage.fromUser("Another?")));
        }
        assertEquals(1, server.requests("/info").size());
        assertEquals(Map.of("type", "regex", "value", "[0-9]{4}"), server.lastBody().get("response_format"));

        for (String[] server2 : new String[][] {{"servers/vllm_models.json", "structured_outputs"},
                {"servers/sglang_models.json", "regex"}}) {
            server.reset();
            server.enqueue("/info", HfMock.json(404, "{\"detail\":\"Not Found\"}"));
            server.enqueue("/v1/models", HfMock.json(HfMock.resource(server2[0])));
            server.enqueue(HfMock.CHAT, HfMock.json(HfMock.resource("servers/vllm_chat_choice.json")));
            try (HuggingFaceAPIChatGenerator llm = generators.chat(server).maxRetries(0)
                    .generationKwargs(ResponseFormat.choice(List.of("positive", "negative")).generationKwargs())
                    .build()) {
                assertEquals("positive", llm.run(List.of(ChatMessage.fromUser("Review: great"))).replies().get(0)
                        .text());
            }
            assertTrue(server.lastBody().containsKey(server2[1]), server2[0] + ": " + server.lastBody());
        }
    }

    @Test
    void impossibleCombinationsAreRefusedBeforeSending() {
        try (HuggingFaceAPIChatGenerator tgi = generators.chat(server).backend(ServerBackend.TGI)
                .tools(List.of(ChatGeneratorWireTest.weather())).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tgi.run(
                    List.of(ChatMessage.fromUser("x")), ResponseFormat.jsonSchema(SCHEMA).generationKwargs(), null,
                    null));
            assertTrue(e.getMessage().startsWith("TGI cannot combine response_format with tools"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> tgi.run(List.of(ChatMessage.fromUser("x")),
                    ResponseFormat.jsonObject().generationKwargs(), List.of(), null));
            assertTrue(e.getMessage().contains("TGI"), e.getMessage());
        }
        try (HuggingFaceAPIChatGenerator router = generators.router(server).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> router.run(
                    List.of(ChatMessage.fromUser("x")), ResponseFormat.regex("a+").generationKwargs(), null, null));
            assertTrue(e.getMessage().contains("not part of OpenAI's structured outputs"), e.getMessage());
        }
        try (HuggingFaceAPIChatGenerator vllm = generators.chat(server).backend(ServerBackend.VLLM).build()) {
            Map<String, Object> both = Map.of("response_format", ResponseFormat.regex("a").toMap(),
                    "structured_outputs", Map.of("regex", "b"));
            assertThrows(IllegalArgumentException.class, () -> vllm.run(List.of(ChatMessage.fromUser("x")), both, null,
                    null));
        }
        assertEquals(0, server.requests().size(), "refused requests must not be sent");
    }
}
