package dev.hayloft.core.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.dataclasses.ToolCallDelta;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamingChunksTest {
    private static StreamingChunk delta(int index, String name, String args, String id) {
        return StreamingChunk.builder().index(index).toolCalls(List.of(new ToolCallDelta(index, name, args, id)))
                .meta(Map.of("model", "m")).build();
    }

    @Test
    void textAndParallelToolCallsAreMergedByIndex() {
        List<StreamingChunk> chunks = List.of(
                StreamingChunk.builder().content("Let me ").start(true).index(0).meta(Map.of("model", "m")).build(),
                StreamingChunk.builder().content("check.").index(0).build(),
                delta(0, "weather", "{\"city\": ", "call_a"),
                delta(1, "time", "{\"tz\": \"CET\"}", "call_b"),
                delta(0, null, "\"Paris\"}", ""), // empty-string id on a continuation
                StreamingChunk.builder().finishReason(FinishReason.TOOL_CALLS)
                        .meta(Map.of("usage", Map.of("total_tokens", 9))).build());
        ChatMessage m = StreamingChunks.toChatMessage(chunks);
        assertEquals("Let me check.", m.text());
        assertEquals(List.of(new ToolCall("weather", Map.of("city", "Paris"), "call_a"),
                new ToolCall("time", Map.of("tz", "CET"), "call_b")), m.toolCalls());
        assertEquals("tool_calls", m.meta().get("finish_reason"));
        assertEquals(Map.of("total_tokens", 9), m.meta().get("usage"));
        assertEquals("m", m.meta().get("model"));
    }

    @Test
    void repeatedNamesFromCompatibleServersAreKeptOnce() {
        ChatMessage m = StreamingChunks.toChatMessage(List.of(delta(0, "weather", "{\"a\":", "c1"),
                delta(0, "weather", "1}", "c1")));
        assertEquals(new ToolCall("weather", Map.of("a", 1), "c1"), m.toolCall());
        ChatMessage split = StreamingChunks.toChatMessage(List.of(delta(0, "get_", "{}", "c1"),
                delta(0, "weather", null, null)));
        assertEquals("get_weather", split.toolCall().toolName());
    }

    @Test
    void malformedArgumentsAreReportedNotDropped() {
        ChatMessage m = StreamingChunks.toChatMessage(List.of(delta(0, "weather", "{\"city\": Par", "c1")));
        assertTrue(m.toolCalls().isEmpty());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> bad = (List<Map<String, Object>>) m.meta().get("malformed_tool_calls");
        assertEquals("{\"city\": Par", bad.get(0).get("arguments"));
        assertEquals("weather", bad.get(0).get("tool_name"));
        assertNull(m.text());
        assertThrows(IllegalArgumentException.class, () -> StreamingChunks.toChatMessage(List.of()));
    }

    @Test
    void aNewIdOnTheSameIndexStartsANewCall() {
        // vLLM streams parallel calls all on index 0, each call starting with its own id
        ChatMessage m = StreamingChunks.toChatMessage(List.of(delta(0, "weather", null, "call_1"),
                delta(0, null, "{\"city\": \"Oslo\"}", null), delta(0, "time", null, "call_2"),
                delta(0, null, "{\"tz\": \"CET\"}", ""), delta(1, "news", "{}", "call_3")));
        assertEquals(List.of(new ToolCall("weather", Map.of("city", "Oslo"), "call_1"),
                new ToolCall("time", Map.of("tz", "CET"), "call_2"), new ToolCall("news", Map.of(), "call_3")),
                m.toolCalls());
    }

    @Test
    void argumentsWithTrailingTextAreMalformed() {
        ChatMessage m = StreamingChunks.toChatMessage(List.of(delta(0, "weather", "{\"city\": \"Oslo\"}", "c1"),
                delta(0, null, " trailing words", null), delta(1, "time", "{\"a\":1}{\"b\":2}", "c2")));
        assertTrue(m.toolCalls().isEmpty());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> bad = (List<Map<String, Object>>) m.meta().get("malformed_tool_calls");
        assertEquals(2, bad.size());
        assertEquals("{\"city\": \"Oslo\"} trailing words", bad.get(0).get("arguments"));
        assertEquals("c1", bad.get(0).get("id"));
        assertEquals("{\"a\":1}{\"b\":2}", bad.get(1).get("arguments"));
    }

    @Test
    void generationKwargsMergeRuntimeOverInit() {
        assertEquals(Map.of("temperature", 0.9, "max_tokens", 10),
                GenerationKwargs.merge(Map.of("temperature", 0.2, "max_tokens", 10), Map.of("temperature", 0.9)));
        assertEquals(Map.of(), GenerationKwargs.merge(null, null));
    }
}
