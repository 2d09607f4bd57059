package dev.hayloft.core.dataclasses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataclassDictsTest {

    @Test
    void streamingChunkHasAllNineKeysAndRoundTrips() {
        Map<String, Object> expected = Fixtures.dict("haystack/streaming_chunk_full.json");
        StreamingChunk chunk = StreamingChunk.builder().meta(Map.of("key", "value"))
                .componentInfo(new ComponentInfo("test.component", "test_component")).index(0)
                .toolCalls(List.of(new ToolCallDelta(0, "test_tool", "{\"arg1\": \"value1\"}", "123"))).start(true)
                .finishReason(FinishReason.TOOL_CALLS).build();
        assertEquals(expected, chunk.toDict());
        assertEquals(chunk, StreamingChunk.fromDict(expected));
        Map<String, Object> text = StreamingChunk.ofText("Hi").toDict();
        assertEquals(JsonValues.map("content", "Hi", "meta", Map.of(), "component_info", null, "index", null,
                "tool_calls", null, "tool_call_result", null, "start", false, "finish_reason", null, "reasoning", null),
                text);
    }

    @Test
    void streamingChunkEnforcesHaystacksInvariants() {
        ToolCallDelta d = new ToolCallDelta(0, "t", "{}", "1");
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> StreamingChunk.builder().content("x").index(0).toolCalls(List.of(d)).build());
        assertTrue(two.getMessage().contains("Only one of"));
        IllegalArgumentException noIndex = assertThrows(IllegalArgumentException.class,
                () -> StreamingChunk.builder().reasoning(new ReasoningContent("r")).build());
        assertTrue(noIndex.getMessage().contains("`index` must also be set"));
        assertThrows(IllegalArgumentException.class, () -> new ToolCallDelta(-1, null, null, null));
        DeserializationException missing = assertThrows(DeserializationException.class,
                () -> StreamingChunk.fromDict(Map.of("meta", Map.of())));
        assertTrue(missing.getMessage().contains("content"));
        assertThrows(DeserializationException.class,
                () -> StreamingChunk.fromDict(Map.of("content", "", "finish_reason", "exploded")));
    }

    @Test
    void generatedAnswerMatchesHaystack() {
        Map<String, Object> expected = Fixtures.dict("haystack/generated_answer.json");
        GeneratedAnswer a = new GeneratedAnswer("42", "What is the answer?", List.of(),
                Map.of("meta_key", "meta_value", "all_messages", List.of("What is the answer?")));
        assertEquals(expected, a.toDict());
        assertEquals(a, GeneratedAnswer.fromDict(expected));
    }

    @Test
    void generatedAnswerSerialisesChatMessagesInAllMessages() {
        ChatMessage reply = ChatMessage.fromAssistant("42");
        GeneratedAnswer a = new GeneratedAnswer("42", "q", List.of(Document.of("doc")),
                Map.of("all_messages", List.of(reply)));
        Map<String, Object> d = a.toDict();
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) ((Map<String, Object>) d.get("init_parameters")).get("meta");
        assertEquals(List.of(reply.toDict()), meta.get("all_messages"));
        assertEquals(a, GeneratedAnswer.fromDict(d));
    }

    @Test
    void documentIdsEqualHaystacks() {
        assertEquals("d4675c57fcfe114db0b95f1da46eea3c5d6f5729c17d01fb5251ae19830a3455",
                new Document(null, null, null, null, null, null, null).id());
        Document full = new Document(null, "test text",
                new ByteStream("some bytes".getBytes(StandardCharsets.UTF_8), Map.of(), "text/markdown"),
                Map.of("text", "test text"), 0.812, List.of(0.1, 0.2, 0.3),
                new SparseEmbedding(List.of(0, 2, 4), List.of(0.1, 0.2, 0.3)));
        assertEquals("1aa43af57c1dbc317241bf55d3067049f334d3b458d95dc72f71a7111f6c1a56", full.id());
        Document legacy = new Document(null, "test text", null, Map.of(), 0.812, List.of(0.1, 0.2, 0.3), null);
        assertEquals("18fc2c114825872321cf5009827ca162f54d3be50ab9e9ffa027824b6ec223af", legacy.id());
        Document withMeta = new Document(null, "test text", null,
                JsonValues.map("date", "10-10-2023", "type", "article"), 0.812, List.of(0.1, 0.2, 0.3), null);
        assertEquals("a2c0321b34430cc675294611e55529fceb56140ca3202f1c59a43a8cecac1f43", withMeta.id());
    }

    @Test
    void documentFlattensMetaAndRoundTrips() {
        Map<String, Object> expected = Fixtures.dict("haystack/document_full.json");
        Document doc = Document.fromDict(expected);
        assertEquals(Map.of("text", "test text"), doc.meta());
        assertEquals(expected, doc.toDict());
        assertEquals(doc, Document.fromDict(doc.toDict(false)));
        assertTrue(doc.toDict(false).containsKey("meta"));
        DeserializationException both = assertThrows(DeserializationException.class,
                () -> Document.fromDict(Map.of("content", "x", "meta", Map.of("a", 1), "b", 2)));
        assertTrue(both.getMessage().contains("either the 'meta' field or flattened"));
        Document legacy = Document.fromDict(Map.of("content", "x", "content_type", "text", "id_hash_keys",
                List.of("content")));
        assertEquals(Map.of(), legacy.meta());
    }

    @Test
    void byteStreamAndSparseEmbeddingShapes() {
        ByteStream bs = ByteStream.fromString("hi", "text/plain");
        assertEquals(JsonValues.map("data", List.of(104, 105), "meta", Map.of(), "mime_type", "text/plain"),
                bs.toDict());
        assertEquals(bs, ByteStream.fromDict(dev.hayloft.core.serde.DictReader.of(bs.toDict(), "")));
        assertThrows(DeserializationException.class, () -> ByteStream.fromDict(
                dev.hayloft.core.serde.DictReader.of(Map.of("data", List.of(300)), "")));
        assertThrows(IllegalArgumentException.class, () -> new SparseEmbedding(List.of(1), List.of()));
        byte[] raw = {1, 2};
        ByteStream copy = new ByteStream(raw, null, null);
        raw[0] = 9;
        assertEquals(1, copy.data()[0]);
        assertNotEquals(copy, ByteStream.fromString("x", null));
    }

    @Test
    void componentInfoAndDeltaShapes() {
        assertEquals(JsonValues.map("type", "a.B", "name", null), new ComponentInfo("a.B", null).toDict());
        assertEquals(JsonValues.map("index", 2, "tool_name", null, "arguments", "{\"a", "id", null),
                new ToolCallDelta(2, null, "{\"a", null).toDict());
    }

    @Test
    void printStreamingChunkWritesHaystacksFormat() {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        StreamingCallback cb = StreamingCallback.printingTo(new java.io.PrintStream(buf, true, StandardCharsets.UTF_8));
        cb.onChunk(StreamingChunk.builder().content("Hello").index(0).start(true).build());
        cb.onChunk(StreamingChunk.builder().content(" world").index(0).build());
        cb.onChunk(StreamingChunk.builder().index(1).start(true)
                .toolCalls(List.of(new ToolCallDelta(1, "weather", "{\"city\":", "c1"))).build());
        cb.onChunk(StreamingChunk.builder().index(1).toolCalls(List.of(new ToolCallDelta(1, null, "\"Paris\"}", null)))
                .finishReason(FinishReason.TOOL_CALLS).build());
        assertEquals("[ASSISTANT]\nHello world\n\n[TOOL CALL]\nTool: weather \nArguments: {\"city\":\"Paris\"}\n\n",
                buf.toString(StandardCharsets.UTF_8));
        assertEquals(StreamingCallback.PRINT_STREAMING_CHUNK,
                StreamingCallback.nameOf(StreamingCallback.printStreamingChunk()));
        StreamingCallback init = c -> { };
        StreamingCallback runtime = c -> { };
        assertEquals(runtime, StreamingCallback.select(init, runtime));
        assertEquals(init, StreamingCallback.select(init, null));
    }
}
