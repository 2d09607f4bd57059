package dev.hayloft.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.errors.InvalidRequestException;
import dev.hayloft.core.errors.RateLimitException;
import dev.hayloft.core.errors.ServerErrorException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What OpenAI-compatible servers (vLLM, TGI, proxies) send that OpenAI does not: parallel calls
 * on one index, streams without a finish reason, {@code "error": null} chunks, 200s with an error
 * body; plus strict tool-call arguments and structured output that was cut.
 */
class CompatibleServersWireTest {
    private static final String KEY = "sk-test-abcdefghijklmnop3456";
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
        return List.of(ChatMessage.fromUser("Weather in Oslo and Rome?"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> malformed(ChatMessage m) {
        return (List<Map<String, Object>>) m.meta().get("malformed_tool_calls");
    }

    /**
     * The shape of vLLM's streamed tool calls (DeltaToolCall: id, type and name on a call's first
     * delta, then argument pieces; see vLLM's "OpenAI Chat Completion Client With Tools Xlam
     * Streaming" example, docs.vllm.ai/en/stable/examples/online_serving/) with two parallel calls
     * both on index 0, as vLLM's xLAM/Hermes-style parsers sent them.
     */
    @Test
    void vllmParallelCallsOnIndexZeroStayTwoCalls() {
        server.enqueue(OpenAIMock.sse(OpenAIMock.resource("vllm_index0_parallel.sse")));
        ChatMessage reply = generator(0).tools(List.of(TestTools.weather())).build()
                .run(hi(), null, null, c -> { }).replies().get(0);
        assertEquals(List.of(new ToolCall("weather", Map.of("city", "Oslo"), "chatcmpl-tool-aa11"),
                new ToolCall("weather", Map.of("city", "Rome"), "chatcmpl-tool-bb22")), reply.toolCalls());
        assertEquals("tool_calls", reply.meta().get("finish_reason"));
        assertNull(reply.meta().get("malformed_tool_calls"));
    }

    @Test
    void tgiToolStreamWithoutFinishReasonCompletesWithAnInferredOne() {
        server.enqueue(OpenAIMock.sse(OpenAIMock.resource("tgi_tool_stream_no_finish.sse")));
        ChatMessage reply = generator(0).tools(List.of(TestTools.weather())).build()
                .run(hi(), null, null, c -> { }).replies().get(0);
        assertEquals(List.of(new ToolCall("weather", Map.of("city", "Paris"), "0")), reply.toolCalls());
        assertEquals("tool_calls", reply.meta().get("finish_reason"));
        assertEquals(Boolean.TRUE, reply.meta().get("finish_reason_inferred"));
    }

    @Test
    void textStreamWithDoneButNoFinishReasonInfersStop() {
        server.enqueue(OpenAIMock.sse(OpenAIResponses.event("{\"role\":\"assistant\",\"content\":\"Hel\"}", null)
                + OpenAIResponses.event("{\"content\":\"lo\"}", null) + "data: [DONE]\n\n"));
        ChatMessage reply = generator(0).build().run(hi(), null, null, c -> { }).replies().get(0);
        assertEquals("Hello", reply.text());
        assertEquals("stop", reply.meta().get("finish_reason"));
        assertEquals(Boolean.TRUE, reply.meta().get("finish_reason_inferred"));
    }

    @Test
    void aFinalDoneWithoutItsBlankLineStillEndsTheStream() throws Exception {
        try (RawHttpServer raw = new RawHttpServer(ex -> {
            ex.startChunkedStream();
            ex.chunk(OpenAIResponses.event("{\"role\":\"assistant\",\"content\":\"Hi\"}", null));
            ex.chunk("data: [DONE]\n");
            ex.endChunks();
        })) {
            ChatMessage reply = generator(0).apiBaseUrl(raw.baseUrl()).build().run(hi(), null, null, c -> { })
                    .replies().get(0);
            assertEquals("Hi", reply.text());
            assertEquals("stop", reply.meta().get("finish_reason"));
            assertEquals(Boolean.TRUE, reply.meta().get("finish_reason_inferred"));
        }
    }

    @Test
    void aStreamEndingWithoutDoneOrFinishReasonStillFails() throws Exception {
        try (RawHttpServer raw = new RawHttpServer(ex -> {
            ex.startChunkedStream();
            ex.chunk(OpenAIResponses.event("{\"role\":\"assistant\",\"content\":\"Hel\"}", null));
            ex.endChunks();
        })) {
            OpenAIChatGenerator llm = generator(0).apiBaseUrl(raw.baseUrl()).build();
            GenerationException e = assertThrows(GenerationException.class, () -> llm.run(hi(), null, null, c -> { }));
            assertEquals(ServerErrorException.class, e.getClass(), e.getMessage());
            assertTrue(e.getMessage().contains("ended before the model finished"), e.getMessage());
        }
    }

    @Test
    void errorNullInsideAChunkIsNoError() {
        String chunk = OpenAIResponses.event("{\"role\":\"assistant\",\"content\":\"ok\"}", null);
        String withNullError = chunk.replace("\"usage\":null}", "\"usage\":null,\"error\":null}");
        String finish = OpenAIResponses.event("{}", "stop").replace("\"usage\":null}", "\"usage\":null,\"error\":null}");
        server.enqueue(OpenAIMock.sse(withNullError + finish + "data: [DONE]\n\n"));
        ChatMessage reply = generator(0).build().run(hi(), null, null, c -> { }).replies().get(0);
        assertEquals("ok", reply.text());
        assertEquals("stop", reply.meta().get("finish_reason"));
        assertNull(reply.meta().get("finish_reason_inferred"));
    }

    @Test
    void trailingTextAfterArgumentsIsMalformedNotStream() {
        String args = "{\\\"city\\\": \\\"Oslo\\\"} trailing words";
        String completion = "{\"id\":\"chatcmpl-T1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{"
                + "\"id\":\"call_t1\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"" + args
                + "\"}}]},\"finish_reason\":\"tool_calls\"}]}";
        server.enqueue(OpenAIMock.json(completion));
        ChatMessage reply = generator(0).tools(List.of(TestTools.weather())).build().run(hi()).replies().get(0);
        assertTrue(reply.toolCalls().isEmpty());
        assertEquals("{\"city\": \"Oslo\"} trailing words", malformed(reply).get(0).get("arguments"));
        assertEquals("call_t1", malformed(reply).get(0).get("id"));
    }

    @Test
    void trailingTextAfterArgumentsIsMalformedStreamed() {
        server.enqueue(OpenAIMock.sse(OpenAIResponses.event("{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,"
                + "\"id\":\"call_s1\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"\"}}]}",
                null)
                + OpenAIResponses.event("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
                        + "\"{\\\"city\\\": \\\"Oslo\\\"}\"}}]}", null)
                + OpenAIResponses.event("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
                        + "\" trailing words\"}}]}", null)
                + OpenAIResponses.event("{}", "tool_calls") + "data: [DONE]\n\n"));
        ChatMessage reply = generator(0).tools(List.of(TestTools.weather())).build()
                .run(hi(), null, null, c -> { }).replies().get(0);
        assertTrue(reply.toolCalls().isEmpty());
        assertEquals("{\"city\": \"Oslo\"} trailing words", malformed(reply).get(0).get("arguments"));
        assertEquals("call_s1", malformed(reply).get(0).get("id"));
    }

    @Test
    void a200WithAnErrorBodyRaisesTheTypedError() {
        server.enqueue(OpenAIMock.json("{\"error\": {\"message\": \"Invalid value for 'temperature'.\", \"type\": "
                + "\"invalid_request_error\", \"param\": null, \"code\": \"invalid_value\"}}"));
        GenerationException e = assertThrows(GenerationException.class, () -> generator(2).build().run(hi()));
        assertEquals(InvalidRequestException.class, e.getClass(), e.getMessage());
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("Invalid value for 'temperature'"), e.getMessage());
        assertEquals("req_ok", e.requestId().orElse(null));
        assertEquals(1, server.requests().size());

        // vLLM's error shape: the HTTP status as a numeric code
        server.reset();
        server.enqueue(OpenAIMock.json("{\"object\": \"error\", \"error\": {\"message\": \"engine dead\", \"type\": "
                + "\"InternalServerError\", \"param\": null, \"code\": 503}}"));
        GenerationException v = assertThrows(GenerationException.class, () -> generator(0).build().run(hi()));
        assertEquals(ServerErrorException.class, v.getClass(), v.getMessage());
        assertEquals(OptionalInt.of(503), v.statusCode());
        assertTrue(v.isRetryable());
    }

    @Test
    void anErrorEventInAStreamIsTyped() {
        server.enqueue(OpenAIMock.sse(OpenAIResponses.event("{\"role\":\"assistant\",\"content\":\"Hel\"}", null)
                + "data: {\"error\": {\"message\": \"Rate limit reached.\", \"type\": \"requests\", \"code\": "
                + "\"rate_limit_exceeded\"}}\n\n"));
        GenerationException e = assertThrows(GenerationException.class,
                () -> generator(0).build().run(hi(), null, null, c -> { }));
        assertEquals(RateLimitException.class, e.getClass(), e.getMessage());
        assertTrue(e.isRetryable());
        assertEquals("req_stream", e.requestId().orElse(null));
    }

    @Test
    void insufficientQuotaIsNotRetried() {
        server.always(OpenAIMock.error(429, "{\"error\": {\"message\": \"You exceeded your current quota.\", "
                + "\"type\": \"insufficient_quota\", \"param\": null, \"code\": \"insufficient_quota\"}}"));
        GenerationException e = assertThrows(GenerationException.class, () -> generator(3).build().run(hi()));
        assertEquals(RateLimitException.class, e.getClass(), e.getMessage());
        assertFalse(e.isRetryable());
        assertEquals(1, server.requests().size(), "insufficient_quota must not be retried");

        server.reset();
        server.always(OpenAIMock.error(429, "{\"error\": {\"message\": \"Rate limit reached.\", \"type\": "
                + "\"requests\", \"code\": \"rate_limit_exceeded\"}}").withHeader("retry-after-ms", "5"));
        assertThrows(RateLimitException.class, () -> generator(2).build().run(hi()));
        assertEquals(3, server.requests().size(), "a plain rate limit is still retried");
    }

    record Event(String event_name, String event_date) {
    }

    @Test
    void structuredOutputCutAtTheTokenLimitFailsNamingTheFinishReason() {
        server.enqueue(OpenAIMock.json("{\"id\":\"chatcmpl-L1\",\"object\":\"chat.completion\",\"created\":1,"
                + "\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + "\"{\\\"event_name\\\": \\\"Summ\",\"refusal\":null},\"finish_reason\":\"length\"}]}"));
        StructuredOutput<Event> format = StructuredOutput.of(Event.class);
        ChatMessage reply = generator(0).generationKwargs(format.generationKwargs()).build().run(hi()).replies()
                .get(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> format.parse(reply));
        assertTrue(e.getMessage().contains("finish_reason is length"), e.getMessage());
        assertTrue(e.getMessage().contains("cut off"), e.getMessage());

        ChatMessage filtered = ChatMessage.fromAssistant("{\"event_name\": \"x\", \"event_date\": \"y\"}", List.of(),
                Map.of("finish_reason", "content_filter"));
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> format.parse(filtered));
        assertTrue(f.getMessage().contains("content_filter"), f.getMessage());
    }

    @Test
    void aStreamedRefusalFillsMetaRefusal() {
        server.enqueue(OpenAIMock.sse(OpenAIResponses.event("{\"role\":\"assistant\",\"content\":null,\"refusal\":\"\"}",
                null) + OpenAIResponses.event("{\"refusal\":\"I'm sorry, \"}", null)
                + OpenAIResponses.event("{\"refusal\":\"I can't help with that.\"}", null)
                + OpenAIResponses.event("{}", "stop") + "data: [DONE]\n\n"));
        StructuredOutput<Event> format = StructuredOutput.of(Event.class);
        ChatMessage reply = generator(0).generationKwargs(format.generationKwargs()).build()
                .run(hi(), null, null, c -> { }).replies().get(0);
        assertEquals("I'm sorry, I can't help with that.", reply.meta().get("refusal"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> format.parse(reply));
        assertTrue(e.getMessage().contains("the model refused: I'm sorry"), e.getMessage());
    }
}
