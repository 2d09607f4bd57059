package dev.hayloft.hf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.errors.ContextLengthExceededException;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.errors.InvalidRequestException;
import dev.hayloft.core.errors.RateLimitException;
import dev.hayloft.core.errors.ServerErrorException;
import dev.hayloft.core.generation.GeneratorResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HuggingFaceAPIGenerator} on TGI's native API against recorded replies (see
 * {@code src/test/resources/README.md}): {@code /generate} with details, {@code /generate_stream}
 * with keep-alive comments and a special final token, error events inside a 200 stream, a 422
 * validation error, the router's hf-inference route and its "not served" 404, and the grammar
 * a {@link ResponseFormat} becomes.
 */
class TextGeneratorWireTest {
    private static HfMock server;
    private final Generators generators = new Generators();

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

    @Test
    void generateWithDetailsFillsMeta() {
        server.enqueue("/generate", HfMock.json(HfMock.resource("tgi/generate_regex_grammar.json")));
        try (HuggingFaceAPIGenerator llm = generators.text(server).build()) {
            GeneratorResult r = llm.run("Whats Googles DNS", null, Map.of("max_new_tokens", 10, "seed", 0));
            assertEquals(List.of("42.1.1.101"), r.replies());
            Map<String, Object> meta = r.meta().get(0);
            assertEquals(server.url(), meta.get("model"));
            assertEquals("length", meta.get("finish_reason"));
            assertEquals(0, meta.get("index"));
            assertEquals(Map.of("completion_tokens", 10), meta.get("usage"));
        }
        Map<String, Object> body = server.lastBody();
        assertEquals("Whats Googles DNS", body.get("inputs"));
        assertEquals(Map.of("stop", List.of(), "max_new_tokens", 10, "seed", 0, "details", true),
                body.get("parameters"));
        assertFalse(body.containsKey("stream"));
        assertEquals("Bearer " + Generators.TOKEN, server.requests().get(0).getHeader("Authorization"));
    }

    @Test
    void responseFormatBecomesTgisGrammar() {
        server.enqueue("/generate", HfMock.json(HfMock.resource("tgi/generate_regex_grammar.json")));
        try (HuggingFaceAPIGenerator llm = generators.text(server).build()) {
            llm.run("Whats Googles DNS", null, ResponseFormat.choice(List.of("8.8.8.8", "1.1.1.1")).generationKwargs());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) server.lastBody().get("parameters");
        assertEquals(Map.of("type", "regex", "value", "(8\\.8\\.8\\.8|1\\.1\\.1\\.1)"), params.get("grammar"));
        try (HuggingFaceAPIGenerator llm = generators.text(server).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> llm.run("x", null,
                    ResponseFormat.jsonObject().generationKwargs()));
            assertTrue(e.getMessage().startsWith("TGI cannot constrain to JSON without a schema"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> llm.run("x", null, Map.of("grammar",
                    Map.of("type", "regex", "value", "a"), "response_format", Map.of("type", "regex", "value", "b"))));
        }
        assertEquals(1, server.requests().size(), "refused requests must not be sent");
    }

    @Test
    void streamSkipsSpecialTokensAndCarriesTheFinalDetails() {
        // the router's hf-inference text-generation stream (recorded), preceded by TGI's keep-alive comments,
        // then an end-of-sequence special token that carries the details
        String recorded = HfMock.resource("hub/text_generation_stream_gpt2.sse");
        String stream = ":\n\n" + recorded.replace("\"generated_text\":\".\",\"details\":{\"finish_reason\":\"length\","
                + "\"generated_tokens\":1,\"seed\":null,\"input_length\":1}", "\"generated_text\":null,\"details\":null")
                + ":\n\n" + "data: {\"index\":2,\"token\":{\"id\":50256,\"text\":\"<|endoftext|>\",\"logprob\":-0.1,"
                + "\"special\":true},\"generated_text\":\".\",\"details\":{\"finish_reason\":\"eos_token\","
                + "\"generated_tokens\":2,\"seed\":null,\"input_length\":1}}\n\n";
        server.enqueue("/generate_stream", HfMock.sse(stream));
        List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
        try (HuggingFaceAPIGenerator llm = generators.text(server).build()) {
            GeneratorResult r = llm.run("The", chunks::add, null);
            assertEquals(List.of("."), r.replies());
            assertEquals("stop", r.meta().get(0).get("finish_reason"));
            assertEquals(Map.of("completion_tokens", 2, "prompt_tokens", 1), r.meta().get(0).get("usage"));
            assertTrue(r.meta().get(0).containsKey("completion_start_time"));
        }
        assertEquals(2, chunks.size());
        assertEquals(".", chunks.get(0).content());
        assertTrue(chunks.get(0).start());
        assertEquals("", chunks.get(1).content());
        assertEquals(FinishReason.STOP, chunks.get(1).finishReason());
        assertEquals("eos_token", chunks.get(1).meta().get("finish_reason"));
        assertEquals(1, server.requests("/generate_stream").size());
    }

    @Test
    void routerTextGenerationTaskAndItsNotServedAnswer() {
        String path = "/hf-inference/models/google/flan-t5-xxl";
        server.enqueue(path, HfMock.sse(HfMock.resource("hub/text_generation_stream_details.sse")));
        server.enqueue(path, HfMock.json(HfMock.resource("hub/text_generation_details.json")));
        server.enqueue(path, HfMock.json(404, "{\"error\":\"Model google/flan-t5-xxl is not supported HF inference api\"}"));
        try (HuggingFaceAPIGenerator llm = generators.text(server).apiType(HFGenerationAPIType.SERVERLESS_INFERENCE_API)
                .url(null).model("google/flan-t5-xxl").routerUrl(server.url()).build()) {
            List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
            GeneratorResult streamed = llm.run("test", chunks::add, Map.of("max_new_tokens", 1));
            assertEquals(List.of(" "), streamed.replies());
            assertEquals("length", streamed.meta().get(0).get("finish_reason"));
            assertEquals(true, server.lastBody().get("stream"));
            GeneratorResult plain = llm.run("test", null, Map.of("max_new_tokens", 1));
            assertEquals(List.of(""), plain.replies());
            assertEquals(Map.of("completion_tokens", 1), plain.meta().get(0).get("usage"));
            assertEquals("google/flan-t5-xxl", plain.meta().get(0).get("model"));
            assertEquals(false, server.lastBody().get("stream"));
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> llm.run("test"));
            assertTrue(e.getMessage().contains("use HuggingFaceAPIChatGenerator") || e.getMessage()
                    .contains("Use HuggingFaceAPIChatGenerator"), e.getMessage());
            assertEquals(404, e.statusCode().getAsInt());
        }
    }

    @Test
    void errorsInAStreamAndValidationErrors() {
        server.enqueue("/generate_stream", HfMock.sse("data:{\"index\":1,\"token\":{\"id\":3,\"text\":\" a\",\"logprob\""
                + ":-1.0,\"special\":false},\"generated_text\":null,\"details\":null}\n\n"
                + "data:{\"error\":\"Request failed during generation: Server error: CUDA out of memory\","
                + "\"error_type\":\"generation\"}\n\n"));
        server.enqueue("/generate_stream", HfMock.sse("data:{\"error\":\"Model is overloaded\",\"error_type\":"
                + "\"overloaded\"}\n\n"));
        server.enqueue("/generate", HfMock.json(422, HfMock.resource("hub/text_generation_validation_422.json")));
        server.enqueue("/generate", HfMock.json(422, "{\"error\":\"Input validation error: `temperature` must be "
                + "strictly positive\",\"error_type\":\"validation\"}"));
        try (HuggingFaceAPIGenerator llm = generators.text(server).maxRetries(0).build()) {
            List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
            ServerErrorException oom = assertThrows(ServerErrorException.class, () -> llm.run("x", chunks::add, null));
            assertTrue(oom.getMessage().contains("CUDA out of memory"), oom.getMessage());
            assertEquals(1, chunks.size());
            assertInstanceOf(RateLimitException.class, assertThrows(GenerationException.class,
                    () -> llm.run("x", chunks::add, null)));
            ContextLengthExceededException tooLong = assertThrows(ContextLengthExceededException.class,
                    () -> llm.run("test", null, Map.of("max_new_tokens", 10000)));
            assertEquals(422, tooLong.statusCode().getAsInt());
            InvalidRequestException invalid = assertThrows(InvalidRequestException.class,
                    () -> llm.run("test", null, Map.of("temperature", 0)));
            assertTrue(invalid.getMessage().contains("`temperature` must be strictly positive"));
        }
    }

    @Test
    void aCutStreamIsARetryableServerError() {
        server.enqueue("/generate_stream", HfMock.sse("data:{\"index\":1,\"token\":{\"id\":3,\"text\":\" a\",\"logprob\""
                + ":-1.0,\"special\":false},\"generated_text\":null,\"details\":null}\n\n"));
        try (HuggingFaceAPIGenerator llm = generators.text(server).build()) {
            ServerErrorException e = assertThrows(ServerErrorException.class, () -> llm.run("x", c -> { }, null));
            assertTrue(e.isRetryable());
            assertTrue(e.getMessage().contains("ended before its final event"), e.getMessage());
        }
        assertEquals(1, server.requests().size(), "a stream that started is not sent again");
    }
}
