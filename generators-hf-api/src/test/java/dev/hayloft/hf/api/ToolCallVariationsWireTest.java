package dev.hayloft.hf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.dataclasses.ToolCall;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tool calls as each server sends them, streamed and not (recordings and their origin in
 * {@code src/test/resources/README.md}): TGI 3.1 (arguments as a JSON string, the id repeated,
 * role on every chunk, no finish reason at the end of a tool stream), TGI 2.0 (arguments as an
 * object, a numeric id, {@code tool_calls} as one object, the end-of-sequence text as the last
 * delta), vLLM (two calls on index 0 with their own ids, a usage event), and a server writing
 * {@code parameters} for {@code arguments}.
 */
class ToolCallVariationsWireTest {
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

    private ChatMessage ask(String recording, List<StreamingChunk> chunks) {
        server.enqueue(HfMock.CHAT, recording.endsWith(".sse") ? HfMock.sse(HfMock.resource(recording))
                : HfMock.json(HfMock.resource(recording)));
        try (HuggingFaceAPIChatGenerator llm = generators.chat(server).tools(List.of(ChatGeneratorWireTest.weather()))
                .build()) {
            return llm.run(List.of(ChatMessage.fromUser("What's the weather like in Brooklyn, New York?")), null, null,
                    chunks == null ? null : chunks::add).replies().get(0);
        }
    }

    @Test
    void tgi3NonStreamed() {
        ChatMessage reply = ask("tgi/chat_tool_call_3.1.2.json", null);
        assertNull(reply.text());
        assertEquals(List.of(new ToolCall("get_current_weather", Map.of("location", "Brooklyn, NY", "format",
                "fahrenheit"), "0")), reply.toolCalls());
        assertEquals("tool_calls", reply.meta().get("finish_reason"));
        assertEquals(Map.of("prompt_tokens", 501, "completion_tokens", 29), reply.meta().get("usage"));
    }

    @Test
    void tgi2NonStreamedWithObjectArgumentsAndANumericId() {
        ChatMessage reply = ask("tgi/chat_tool_call_2.0.1.json", null);
        assertEquals(List.of(new ToolCall("get_current_weather", Map.of("format", "celsius", "location", "Brooklyn"),
                "0")), reply.toolCalls());
        assertEquals("tool_calls", reply.meta().get("finish_reason"));
    }

    @Test
    void tgi3StreamWithoutFinishReason() {
        List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
        ChatMessage reply = ask("tgi/chat_tool_stream_3.1.2.sse", chunks);
        assertEquals(List.of(new ToolCall("get_current_weather", Map.of("location", "Brooklyn, NY", "format",
                "fahrenheit"), "0")), reply.toolCalls());
        assertEquals("tool_calls", reply.meta().get("finish_reason"));
        assertEquals(true, reply.meta().get("finish_reason_inferred"));
        assertEquals(17, chunks.size());
        assertTrue(chunks.get(0).start());
        assertEquals(0, chunks.get(5).index());
        for (StreamingChunk c : chunks.subList(1, chunks.size())) {
            assertTrue(!c.start(), "only the chunk naming the call starts it");
        }
    }

    @Test
    void tgi2StreamWithOneObjectPerChunkAndTheEosText() {
        List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
        ChatMessage reply = ask("servers/tgi2_tool_stream.sse", chunks);
        assertEquals(List.of(new ToolCall("weather", Map.of("city", "Paris"), null)), reply.toolCalls());
        assertEquals("tool_calls", reply.meta().get("finish_reason"));
        assertNull(reply.meta().get("malformed_tool_calls"));
        assertNull(reply.meta().get("finish_reason_inferred"));
    }

    @Test
    void tgi201StreamNamesTheFunctionOnlyInsideItsArguments() {
        ChatMessage reply = ask("servers/tgi201_unnamed_tool_stream.sse", new CopyOnWriteArrayList<>());
        assertEquals(List.of(new ToolCall("get_current_weather", Map.of("format", "celsius", "location", "Brooklyn"),
                null)), reply.toolCalls());
        assertEquals("tool_calls", reply.meta().get("finish_reason"));
        assertNull(reply.meta().get("malformed_tool_calls"));
    }

    @Test
    void vllmParallelCallsOnIndexZeroWithUsage() {
        List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
        ChatMessage reply = ask("servers/vllm_tool_stream.sse", chunks);
        assertEquals(List.of(new ToolCall("weather", Map.of("city", "Paris"), "chatcmpl-tool-7d2e"),
                new ToolCall("weather", Map.of("city", "Oslo"), "chatcmpl-tool-9f31")), reply.toolCalls());
        assertEquals("tool_calls", reply.meta().get("finish_reason"));
        assertEquals(Map.of("prompt_tokens", 210, "completion_tokens", 42), reply.meta().get("usage"));
        assertNotNull(chunks.get(chunks.size() - 1).meta().get("usage"));
    }

    @Test
    void parametersInsteadOfArgumentsAsAnObject() {
        ChatMessage reply = ask("servers/parameters_tool_stream.sse", new CopyOnWriteArrayList<>());
        assertEquals(List.of(new ToolCall("weather", Map.of("city", "Rome"), "call_0")), reply.toolCalls());
        server.enqueue(HfMock.CHAT, HfMock.json("{\"id\":\"x\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":{\"id\":\"1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"weather\",\"parameters\":{\"city\":\"Rome\"}}}},\"finish_reason\":\"stop\"}]}"));
        try (HuggingFaceAPIChatGenerator llm = generators.chat(server).build()) {
            ChatMessage plain = llm.run(List.of(ChatMessage.fromUser("Rome?"))).replies().get(0);
            assertEquals(List.of(new ToolCall("weather", Map.of("city", "Rome"), "1")), plain.toolCalls());
        }
    }

    @Test
    void malformedArgumentsAreListedNotDropped() {
        server.enqueue(HfMock.CHAT, HfMock.json("{\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                + "\"assistant\",\"tool_calls\":[{\"id\":\"1\",\"type\":\"function\",\"function\":{\"name\":"
                + "\"weather\",\"arguments\":\"{\\\"city\\\": \"}}]},\"finish_reason\":\"stop\"}]}"));
        try (HuggingFaceAPIChatGenerator llm = generators.chat(server).build()) {
            ChatMessage reply = llm.run(List.of(ChatMessage.fromUser("?"))).replies().get(0);
            assertTrue(reply.toolCalls().isEmpty());
            @SuppressWarnings("unchecked")
            Map<String, Object> bad = ((List<Map<String, Object>>) reply.meta().get("malformed_tool_calls")).get(0);
            assertEquals("weather", bad.get("tool_name"));
            assertEquals("{\"city\": ", bad.get("arguments"));
        }
    }
}
