package dev.hayloft.hf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ChatRole;
import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.ImageContent;
import dev.hayloft.core.dataclasses.StreamingChunk;
import dev.hayloft.core.dataclasses.TextContent;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.dataclasses.ToolCallResult;
import dev.hayloft.core.errors.AuthenticationException;
import dev.hayloft.core.errors.InvalidRequestException;
import dev.hayloft.core.generation.ChatGeneratorResult;
import dev.hayloft.core.tools.Tool;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HuggingFaceAPIChatGenerator} against recorded chat completions of TGI, the router and
 * its providers (see {@code src/test/resources/README.md}): text, streamed text with usage,
 * the request body (router model:provider, multimodal messages, tools also while streaming),
 * error events inside a stream, and a 401.
 */
class ChatGeneratorWireTest {
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

    static Tool weather() {
        return Tool.builder().name("weather").description("useful to determine the weather in a given location")
                .parameters(Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")),
                        "required", List.of("city")))
                .function("test.weather", args -> "sunny in " + args.get("city")).build();
    }

    @Test
    void routerCompletionWithModelAndProvider() {
        server.enqueue(HfMock.CHAT, HfMock.json(HfMock.resource("hub/chat_completion_zephyr.json")));
        try (HuggingFaceAPIChatGenerator llm = generators.router(server).provider("hf-inference").build()) {
            ChatMessage reply = llm.run(List.of(ChatMessage.fromSystem("You are a helpful assistant."),
                    ChatMessage.fromUser("What is deep learning?")), Map.of("max_tokens", 10), null, null)
                    .replies().get(0);
            assertEquals("Deep learning is a subfield of machine learning that", reply.text());
            assertEquals(Map.of("model", "HuggingFaceH4/zephyr-7b-beta", "finish_reason", "length", "index", 0,
                    "usage", Map.of("prompt_tokens", 46, "completion_tokens", 10)), reply.meta());
        }
        Map<String, Object> body = server.lastBody();
        assertEquals("HuggingFaceH4/zephyr-7b-beta:hf-inference", body.get("model"));
        assertEquals(List.of("model", "messages", "stop", "max_tokens", "stream"), List.copyOf(body.keySet()));
        assertEquals(false, body.get("stream"));
    }

    @Test
    void streamsWithUsageAndRoleOnEveryChunk() {
        server.enqueue(HfMock.CHAT, HfMock.sse(HfMock.resource("tgi/chat_stream_usage_3.1.2.sse")));
        server.enqueue(HfMock.CHAT, HfMock.sse(HfMock.resource("hub/chat_stream_together.sse")));
        server.enqueue(HfMock.CHAT, HfMock.sse(HfMock.resource("hub/chat_stream_zephyr.sse")));
        try (HuggingFaceAPIChatGenerator llm = generators.chat(server).build()) {
            List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
            ChatMessage ok = llm.run(List.of(ChatMessage.fromUser("Say 'OK!'")), null, null, chunks::add)
                    .replies().get(0);
            assertEquals("OK!", ok.text());
            assertEquals("stop", ok.meta().get("finish_reason"));
            assertEquals(Map.of("prompt_tokens", 39, "completion_tokens", 3), ok.meta().get("usage"));
            assertEquals("meta-llama/Llama-3.1-8B-Instruct", ok.meta().get("model"));
            assertTrue(chunks.get(0).start());
            assertEquals(FinishReason.STOP, chunks.get(2).finishReason());
            assertNull(chunks.get(3).index());   // the usage-only event
            Map<String, Object> body = server.lastBody();
            assertEquals(true, body.get("stream"));
            assertEquals(Map.of("include_usage", true), body.get("stream_options"));

            ChatMessage together = llm.run(List.of(ChatMessage.fromUser("What is deep learning?")), null, null,
                    c -> { }).replies().get(0);
            assertTrue(together.text().startsWith("Deep learning is a sub"), together.text());
            assertEquals("length", together.meta().get("finish_reason"));
            assertEquals(Map.of("prompt_tokens", 26, "completion_tokens", 20), together.meta().get("usage"));

            ChatMessage zephyr = llm.run(List.of(ChatMessage.fromUser("What is deep learning?")), null, null,
                    c -> { }).replies().get(0);
            assertEquals("Deep Learning is a subfield of machine learning that", zephyr.text());
            assertEquals(Map.of("prompt_tokens", 0, "completion_tokens", 0), zephyr.meta().get("usage"));
        }
    }

    @Test
    void multimodalMessagesAndToolResultsInHaystacksHfFormat() {
        server.enqueue(HfMock.CHAT, HfMock.json(TgiShapes.completion("A cat.")));
        ToolCall call = new ToolCall("weather", Map.of("city", "Paris"), "0");
        List<ChatMessage> messages = List.of(
                ChatMessage.fromUser(List.of(new TextContent("Describe this image"),
                        new ImageContent("iVBORw0KGgo=", "image/png"))),
                ChatMessage.fromAssistant(null, List.of(call)),
                ChatMessage.fromTool("sunny", call));
        try (HuggingFaceAPIChatGenerator llm = generators.chat(server).build()) {
            llm.run(messages);
        }
        assertEquals(List.of(
                Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", "Describe this image"),
                        Map.of("type", "image_url", "image_url", Map.of("url", "data:image/png;base64,iVBORw0KGgo=")))),
                Map.of("role", "assistant", "content", "", "tool_calls", List.of(Map.of("type", "function",
                        "function", Map.of("name", "weather", "arguments", Map.of("city", "Paris")), "id", "0"))),
                Map.of("role", "tool", "content", "sunny", "tool_call_id", "0")), server.lastBody().get("messages"));
    }

    @Test
    void toolsAreSentAlsoWhileStreamingWithDefsInlined() {
        server.enqueue(HfMock.CHAT, HfMock.sse(HfMock.resource("tgi/chat_tool_stream_3.1.2.sse")));
        Tool nested = Tool.builder().name("plan").description("plans a trip").parameters(Map.of("type", "object",
                "$defs", Map.of("City", Map.of("type", "string")), "properties", Map.of("to", Map.of("$ref",
                        "#/$defs/City")))).function("test.plan", args -> "ok").build();
        try (HuggingFaceAPIChatGenerator llm = generators.chat(server).tools(List.of(weather(), nested)).build()) {
            llm.run(List.of(ChatMessage.fromUser("Weather in Brooklyn?")), null, null, c -> { });
        }
        Map<String, Object> body = server.lastBody();
        assertEquals(true, body.get("stream"));
        assertEquals(List.of(
                Map.of("type", "function", "function", Map.of("name", "weather", "description",
                        "useful to determine the weather in a given location", "parameters", weather().parameters())),
                Map.of("type", "function", "function", Map.of("name", "plan", "description", "plans a trip",
                        "parameters", Map.of("type", "object", "properties", Map.of("to", Map.of("type", "string")))))),
                body.get("tools"));
    }

    @Test
    void anErrorEventInsideTheStreamAndA401() {
        // TGI's Messages API streams {"error": {"message", "http_status_code"}} (router/src/infer/mod.rs)
        server.enqueue(HfMock.CHAT, HfMock.sse(TgiShapes.event("Hel", null, null) + "data: {\"error\":{\"message\":"
                + "\"Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. Given: 4000 `inputs` "
                + "tokens and 512 `max_new_tokens`\",\"http_status_code\":422}}\n\n"));
        server.enqueue(HfMock.CHAT, HfMock.json(401, HfMock.resource("hub/chat_unauthorized_401.json")));
        try (HuggingFaceAPIChatGenerator llm = generators.chat(server).build()) {
            List<StreamingChunk> chunks = new CopyOnWriteArrayList<>();
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> llm.run(List.of(ChatMessage.fromUser("hi")), null, null, chunks::add));
            assertTrue(e.getMessage().contains("Error event in the response stream"), e.getMessage());
            assertEquals(1, chunks.size());
            AuthenticationException auth = assertThrows(AuthenticationException.class,
                    () -> llm.run(List.of(ChatMessage.fromUser("hi"))));
            assertTrue(auth.getMessage().contains("Invalid username or password."), auth.getMessage());
            assertFalse(auth.isRetryable());
        }
        assertEquals(2, server.requests().size());
    }

    @Test
    void emptyMessagesSendNothingAndBadKwargsAreRefused() {
        try (HuggingFaceAPIChatGenerator llm = generators.chat(server).build()) {
            assertEquals(new ChatGeneratorResult(List.of()), llm.run(List.of()));
            assertThrows(IllegalArgumentException.class, () -> llm.run(List.of(ChatMessage.fromUser("x")),
                    Map.of("stream", true), null, null));
            ChatMessage mixed = new ChatMessage(ChatRole.TOOL, List.of(new TextContent("a"),
                    new ToolCallResult("r", new ToolCall("t", Map.of()), false)), null, Map.of());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> llm.run(List.of(mixed)));
            assertTrue(e.getMessage().startsWith("messages[0]: For compatibility with the Hugging Face API"),
                    e.getMessage());
        }
        assertEquals(0, server.requests().size());
    }
}
