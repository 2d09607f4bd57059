package dev.hayloft.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ComponentInfo;
import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.ImageContent;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.dataclasses.TextContent;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.dataclasses.ToolCallDelta;
import dev.hayloft.core.generation.ChatGeneratorResult;
import dev.hayloft.core.serde.Json;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.core.tools.Toolset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link OpenAIChatGenerator} against recorded OpenAI responses on a loopback server. */
class OpenAIChatGeneratorWireTest {
    record CalendarEvent(String event_name, String event_date, String event_location) {
    }

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

    private static OpenAIChatGenerator.Builder generator() {
        return OpenAIChatGenerator.builder().apiKey(Secret.fromToken("sk-test-123456")).apiBaseUrl(server.baseUrl())
                .maxRetries(0);
    }

    private static List<ChatMessage> question() {
        return List.of(ChatMessage.fromSystem("You are a helpful assistant"),
                ChatMessage.fromUser("What's the capital of France"));
    }

    @Test
    void plainChatSendsMergedKwargsOnceAndMapsTheReply() {
        server.enqueue(OpenAIMock.json(OpenAIResponses.completion("The capital of France is Paris.")));
        OpenAIChatGenerator llm = generator()
                .generationKwargs(JsonValues.map("max_completion_tokens", 10, "temperature", 0.5)).build();

        ChatGeneratorResult r = llm.run(question(), JsonValues.map("temperature", 0.9, "seed", 7), null, null);

        String raw = server.requests().get(0).getBodyAsString();
        Map<String, Object> body = OpenAIMock.strict(raw);
        assertEquals(List.of("model", "messages", "n", "max_completion_tokens", "temperature", "seed", "stream"),
                new ArrayList<>(body.keySet()));
        assertEquals("gpt-4o-mini", body.get("model"));
        assertEquals(List.of(Map.of("role", "system", "content", "You are a helpful assistant"),
                Map.of("role", "user", "content", "What's the capital of France")), body.get("messages"));
        assertEquals(1, body.get("n"));
        assertEquals(0.9, body.get("temperature"));
        assertEquals(false, body.get("stream"));
        assertEquals(1, raw.split("\"temperature\"", -1).length - 1);
        assertEquals("Bearer sk-test-123456", server.requests().get(0).getHeader("Authorization"));

        ChatMessage reply = r.replies().get(0);
        assertEquals("The capital of France is Paris.", reply.text());
        assertEquals(OpenAIResponses.MODEL, reply.meta().get("model"));
        assertEquals(0, reply.meta().get("index"));
        assertEquals("stop", reply.meta().get("finish_reason"));
        assertEquals(Json.parseObject(OpenAIResponses.completion("x")).get("usage"), reply.meta().get("usage"));
    }

    @Test
    void streamsTextWithHaystackChunkFields() {
        server.enqueue(OpenAIMock.sse(OpenAIResponses.textStream(List.of("Hello", " there", "!"))));
        List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
        OpenAIChatGenerator llm = generator().build();
        llm.assignPipelineName("llm");

        ChatMessage reply = llm.run(question(), null, null, chunks::add).replies().get(0);

        Map<String, Object> body = server.lastBody();
        assertEquals(true, body.get("stream"));
        assertEquals(Map.of("include_usage", true), body.get("stream_options"));
        assertEquals(6, chunks.size());
        ComponentInfo info = new ComponentInfo(OpenAIChatGenerator.class.getName(), "llm");
        chunks.forEach(c -> assertEquals(info, c.componentInfo()));
        StreamingChunk role = chunks.get(0);
        assertEquals("", role.content());
        assertNull(role.index());
        assertFalse(role.start());
        assertEquals("Hello", chunks.get(1).content());
        assertTrue(chunks.get(1).start());
        assertEquals(0, chunks.get(1).index());
        assertFalse(chunks.get(2).start());
        assertEquals(FinishReason.STOP, chunks.get(4).finishReason());
        assertEquals("stop", chunks.get(4).meta().get("finish_reason"));
        assertNotNull(chunks.get(4).meta().get("received_at"));
        StreamingChunk usageOnly = chunks.get(5);
        assertNull(usageOnly.index());
        assertNull(usageOnly.finishReason());
        assertEquals(OpenAIResponses.usage(13, 3), usageOnly.meta().get("usage"));

        assertEquals("Hello there!", reply.text());
        assertEquals("stop", reply.meta().get("finish_reason"));
        assertEquals(OpenAIResponses.MODEL, reply.meta().get("model"));
        assertEquals(OpenAIResponses.usage(13, 3), reply.meta().get("usage"));
        assertNotNull(reply.meta().get("completion_start_time"));
    }

    @Test
    void streamsParallelToolCallsWithStrictSchemas() {
        server.enqueue(OpenAIMock.sse(OpenAIMock.resource("chat_parallel_tool_calls.sse")));
        List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
        OpenAIChatGenerator llm = generator().tools(List.of(TestTools.weather())).toolsStrict(true).build();

        ChatMessage reply = llm.run(List.of(ChatMessage.fromUser("Weather in Paris and Berlin?")), null, null,
                chunks::add).replies().get(0);

        Map<String, Object> body = server.lastBody();
        assertEquals(List.of(Map.of("type", "function", "function", Map.of(
                "name", "weather",
                "description", "useful to determine the weather in a given location",
                "parameters", Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")),
                        "required", List.of("city"), "additionalProperties", false),
                "strict", true))), body.get("tools"));
        assertEquals(List.of(new ToolCall("weather", Map.of("city", "Paris"), "call_zcvlnVaTeJWRjLAFfYxX69z4"),
                new ToolCall("weather", Map.of("city", "Berlin"), "call_C88m67V16CrETq6jbNXjdZI9")),
                reply.toolCalls());
        assertNull(reply.text());
        assertEquals("tool_calls", reply.meta().get("finish_reason"));
        assertEquals(324, ((Map<?, ?>) reply.meta().get("usage")).get("total_tokens"));

        assertEquals(12, chunks.size());
        assertEquals(List.of(new ToolCallDelta(0, "weather", null, "call_zcvlnVaTeJWRjLAFfYxX69z4")),
                chunks.get(0).toolCalls());
        assertTrue(chunks.get(0).start());
        assertEquals(0, chunks.get(0).index());
        assertEquals(List.of(new ToolCallDelta(0, null, "{\"ci", null)), chunks.get(1).toolCalls());
        assertFalse(chunks.get(1).start());
        assertTrue(chunks.get(5).start());
        assertEquals(1, chunks.get(5).index());
        assertEquals(FinishReason.TOOL_CALLS, chunks.get(10).finishReason());
        assertNull(chunks.get(11).index());
    }

    @Test
    void structuredOutputFromARecordSchema() {
        server.enqueue(OpenAIMock.json(OpenAIMock.resource("chat_structured.json")));
        StructuredOutput<CalendarEvent> format = StructuredOutput.of(CalendarEvent.class);
        OpenAIChatGenerator llm = generator().generationKwargs(format.generationKwargs()).build();

        ChatMessage reply = llm.run(List.of(ChatMessage.fromUser("Team meeting on March 15 in room A"))).replies()
                .get(0);

        Map<String, Object> body = server.lastBody();
        assertEquals(format.responseFormat(), body.get("response_format"));
        assertFalse(body.containsKey("stream"), "Haystack's parse call sends no stream flag");
        assertEquals(new CalendarEvent("Team Meeting", "2024-03-15", "Conference Room A"), format.parse(reply));
    }

    @Test
    void structuredOutputWhileStreaming() {
        server.enqueue(OpenAIMock.sse(OpenAIMock.resource("chat_structured_stream.sse")));
        StructuredOutput<CalendarEvent> format = StructuredOutput.of(CalendarEvent.class);
        List<StreamingChunk> chunks = new ArrayList<>();
        OpenAIChatGenerator llm = generator().streamingCallback(chunks::add).build();

        ChatMessage reply = llm.run(List.of(ChatMessage.fromUser("The marketing summit ...")),
                Map.of("response_format", format), null, null).replies().get(0);

        Map<String, Object> body = server.lastBody();
        assertEquals(format.responseFormat(), body.get("response_format"));
        assertEquals(true, body.get("stream"));
        assertEquals(Map.of("include_usage", true), body.get("stream_options"));
        assertEquals(new CalendarEvent("Marketing Summit", "October 12", "Hilton Hotel downtown"), format.parse(reply));
        assertEquals(64, ((Map<?, ?>) ((Map<?, ?>) reply.meta().get("usage")).get("prompt_tokens_details"))
                .get("cached_tokens"));
    }

    @Test
    void jsonObjectModeIsPassedThroughStreamedAndNot() {
        Map<String, Object> kwargs = Map.of("response_format", Map.of("type", "json_object"));
        server.enqueue(OpenAIMock.json(OpenAIMock.resource("chat_json_object.json")));
        server.enqueue(OpenAIMock.sse(OpenAIResponses.textStream(List.of("{\"city\"", ": \"Paris\"}"))));
        OpenAIChatGenerator llm = generator().generationKwargs(kwargs).build();

        ChatMessage plain = llm.run(question()).replies().get(0);
        Map<String, Object> first = OpenAIMock.strict(server.requests().get(0).getBodyAsString());
        ChatMessage streamed = llm.run(question(), null, null, c -> { }).replies().get(0);
        Map<String, Object> second = server.lastBody();

        assertEquals(Map.of("type", "json_object"), first.get("response_format"));
        assertEquals(Map.of("type", "json_object"), second.get("response_format"));
        assertEquals(true, second.get("stream"));
        assertEquals(Map.of("city", "Paris"), Json.parseObject(plain.text()));
        assertEquals(Map.of("city", "Paris"), Json.parseObject(streamed.text()));
    }

    @Test
    void kwargsThatOpenAIJavaTypesAreSentExactlyOnce() {
        server.enqueue(OpenAIMock.json(OpenAIMock.resource("chat_reasoning_usage.json")));
        Map<String, Object> kwargs = JsonValues.map("n", 2, "model", "o3-mini", "stop", List.of("\n\n"),
                "reasoning_effort", "low", "logit_bias", Map.of("50256", -100), "parallel_tool_calls", false,
                "metadata", Map.of("run", "t1"));
        OpenAIChatGenerator llm = generator().tools(List.of(TestTools.weather())).build();

        List<ChatMessage> replies = llm.run(question(), kwargs, null, null).replies();

        String raw = server.requests().get(0).getBodyAsString();
        Map<String, Object> body = OpenAIMock.strict(raw);
        for (String key : List.of("model", "messages", "n", "tools", "stop", "stream")) {
            assertEquals(1, raw.split("\"" + key + "\"", -1).length - 1, key + " must appear once in " + raw);
        }
        assertEquals("o3-mini", body.get("model"));
        assertEquals(2, body.get("n"));
        assertEquals(Map.of("50256", -100), body.get("logit_bias"));
        assertEquals(2, replies.size());
        assertEquals(1, replies.get(1).meta().get("index"));
        assertEquals("length", replies.get(1).meta().get("finish_reason"));
        Map<?, ?> usage = (Map<?, ?>) replies.get(0).meta().get("usage");
        assertEquals(256, ((Map<?, ?>) usage.get("completion_tokens_details")).get("reasoning_tokens"));
        assertEquals(1024, ((Map<?, ?>) usage.get("prompt_tokens_details")).get("cached_tokens"));
    }

    @Test
    void userStreamOptionsAreKept() {
        server.enqueue(OpenAIMock.sse(OpenAIResponses.textStream(List.of("ok"))));
        generator().build().run(question(), Map.of("stream_options", Map.of("include_usage", false)), null, c -> { });
        assertEquals(Map.of("include_usage", false), server.lastBody().get("stream_options"));
    }

    @Test
    void streamingSeveralChoicesIsRefusedBeforeAnyRequest() {
        OpenAIChatGenerator llm = generator().generationKwargs(Map.of("n", 2)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> llm.run(question(), null, null, c -> { }));
        assertTrue(e.getMessage().contains("n=1"), e.getMessage());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void noMessagesNoRequest() {
        assertTrue(generator().build().run(List.of()).replies().isEmpty());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void multimodalAndToolMessagesAreMappedLikeHaystack() {
        server.enqueue(OpenAIMock.json(OpenAIResponses.completion("An apple.")));
        String png = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a,
                '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        ImageContent image = new ImageContent(png, "image/png", "low", Map.of(), true);
        ToolCall call = new ToolCall("weather", JsonValues.map("city", "Zürich", "days", 2), "call_1");
        List<ChatMessage> messages = List.of(
                ChatMessage.fromUser(List.of(new TextContent("What does this image show?"), image)),
                ChatMessage.fromAssistant("Let me check the weather.", List.of(call)),
                ChatMessage.fromTool("sunny", call),
                ChatMessage.fromUser("Thanks", Map.of(), "ada"));

        generator().build().run(messages);

        assertEquals(List.of(
                Map.of("role", "user", "content", List.of(
                        Map.of("type", "text", "text", "What does this image show?"),
                        Map.of("type", "image_url", "image_url", Map.of("url", "data:image/png;base64," + png,
                                "detail", "low")))),
                Map.of("role", "assistant", "content", "Let me check the weather.", "tool_calls", List.of(
                        Map.of("type", "function", "id", "call_1", "function", Map.of("name", "weather",
                                "arguments", "{\"city\": \"Zürich\", \"days\": 2}")))),
                Map.of("role", "tool", "content", "sunny", "tool_call_id", "call_1"),
                Map.of("role", "user", "name", "ada", "content", "Thanks")), server.lastBody().get("messages"));
    }

    @Test
    void toolCallWithoutIdIsRefused() {
        ToolCall call = new ToolCall("weather", Map.of("city", "Paris"));
        OpenAIChatGenerator llm = generator().build();
        assertThrows(IllegalArgumentException.class,
                () -> llm.run(List.of(ChatMessage.fromAssistant(null, List.of(call)))));
    }

    @Test
    void runTimeToolsReplaceBuildTimeToolsAndStrictIsRecursive() {
        server.enqueue(OpenAIMock.json(OpenAIResponses.completion("ok")));
        server.enqueue(OpenAIMock.json(OpenAIResponses.completion("ok")));
        OpenAIChatGenerator llm = generator().tools(List.of(TestTools.weather())).build();

        llm.run(question(), null, List.of(Toolset.of(List.of(TestTools.search()))), true, null);
        Map<String, Object> strict = server.lastBody();
        llm.run(question());
        Map<String, Object> plain = server.lastBody();

        Map<?, ?> fn = (Map<?, ?>) ((Map<?, ?>) ((List<?>) strict.get("tools")).get(0)).get("function");
        assertEquals("search", fn.get("name"));
        assertEquals(true, fn.get("strict"));
        Map<?, ?> params = (Map<?, ?>) fn.get("parameters");
        assertEquals(false, params.get("additionalProperties"));
        assertEquals(List.of("filters", "query"), sorted(params.get("required")));
        Map<?, ?> filters = (Map<?, ?>) ((Map<?, ?>) params.get("properties")).get("filters");
        assertEquals(false, filters.get("additionalProperties"));
        assertEquals(List.of("site", "tags"), sorted(filters.get("required")));
        Map<?, ?> tag = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) filters.get("properties")).get("tags")).get("items");
        assertEquals(false, tag.get("additionalProperties"));
        assertEquals(List.of("name"), tag.get("required"));

        Map<?, ?> weather = (Map<?, ?>) ((Map<?, ?>) ((List<?>) plain.get("tools")).get(0)).get("function");
        assertEquals("weather", weather.get("name"));
        assertFalse(weather.containsKey("strict"));
    }

    @Test
    void toleratesCompatibleServerQuirksAndReportsMalformedToolCalls() {
        server.enqueue(OpenAIMock.sse(OpenAIMock.resource("compat_stream.sse")));
        List<StreamingChunk> chunks = new ArrayList<>();

        ChatMessage reply = generator().build().run(question(), null, null, chunks::add).replies().get(0);

        assertEquals("Let me check.", reply.text());
        assertEquals(List.of(new ToolCall("weather", Map.of("city", "Rome"), "chatcmpl-tool-1a2b")), reply.toolCalls());
        List<?> malformed = (List<?>) reply.meta().get("malformed_tool_calls");
        assertEquals(1, malformed.size());
        assertEquals("{\"city\": Oslo}", ((Map<?, ?>) malformed.get(0)).get("arguments"));
        assertEquals("chatcmpl-tool-3c4d", ((Map<?, ?>) malformed.get(0)).get("id"));
        assertEquals(241, ((Map<?, ?>) reply.meta().get("usage")).get("total_tokens"));
        long starts = chunks.stream().filter(c -> c.hasToolCalls() && c.start()).count();
        assertEquals(2, starts, "a repeated name must not restart a tool call");
        assertEquals(List.of(), chunks.get(1).meta().get("tool_calls"));
    }

    @Test
    void malformedToolArgumentsInAPlainReplyAreReportedNotDropped() {
        server.enqueue(OpenAIMock.json(OpenAIMock.resource("chat_tool_calls.json")));
        ChatMessage reply = generator().tools(List.of(TestTools.weather())).build().run(question()).replies().get(0);
        assertEquals(List.of(new ToolCall("weather", Map.of("city", "Paris"), "call_DdmO9pD3xa9XTPNJ32zg2hcA")),
                reply.toolCalls());
        List<?> malformed = (List<?>) reply.meta().get("malformed_tool_calls");
        assertEquals("call_Wq2XqLbNqvG5mOqM9d0ZuYjZ", ((Map<?, ?>) malformed.get(0)).get("id"));
        assertEquals("tool_calls", reply.meta().get("finish_reason"));
    }

    @Test
    void runAsyncStreams() throws Exception {
        server.enqueue(OpenAIMock.sse(OpenAIResponses.textStream(List.of("a", "b"))));
        List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
        try (OpenAIChatGenerator llm = generator().build()) {
            ChatGeneratorResult r = llm.runAsync(question(), null, null, chunks::add).get(10, TimeUnit.SECONDS);
            assertEquals("ab", r.text());
            assertEquals(5, chunks.size());
        }
    }

    private static List<Object> sorted(Object list) {
        List<Object> l = new ArrayList<>((List<?>) list);
        l.sort((a, b) -> a.toString().compareTo(b.toString()));
        return l;
    }
}
