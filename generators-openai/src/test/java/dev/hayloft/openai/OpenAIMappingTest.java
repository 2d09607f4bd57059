package dev.hayloft.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ChatRole;
import dev.hayloft.core.dataclasses.ImageContent;
import dev.hayloft.core.dataclasses.ReasoningContent;
import dev.hayloft.core.dataclasses.TextContent;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.dataclasses.ToolCallResult;
import dev.hayloft.core.serde.Json;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.openai.internal.OpenAIMessages;
import dev.hayloft.openai.internal.StrictSchemas;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Message mapping, Python-compatible JSON and strict schemas, without a server. */
class OpenAIMappingTest {
    @Test
    void argumentsAreWrittenLikePythonsJsonDumpsWithoutEnsureAscii() {
        ToolCall call = new ToolCall("weather", JsonValues.map("city", "Zürich 🙂", "days", List.of(1, 2), "t",
                1e-5, "nested", JsonValues.map("a", null)), "id1");
        Map<String, Object> wire = OpenAIMessages.toWire(ChatMessage.fromAssistant(null, List.of(call)));
        Map<?, ?> function = (Map<?, ?>) ((Map<?, ?>) ((List<?>) wire.get("tool_calls")).get(0)).get("function");
        assertEquals("{\"city\": \"Zürich 🙂\", \"days\": [1, 2], \"t\": 1e-05, \"nested\": {\"a\": null}}",
                function.get("arguments"));
    }

    @Test
    void imageWithoutMimeTypeDefaultsToJpegAndSystemAssistantTakeTheFirstText() {
        ImageContent image = new ImageContent("AAAA", null, null, Map.of(), false);
        Map<String, Object> user = OpenAIMessages.toWire(ChatMessage.fromUser(List.of(image)));
        assertEquals(List.of(Map.of("type", "image_url", "image_url", Map.of("url", "data:image/jpeg;base64,AAAA"))),
                user.get("content"));
        ChatMessage assistant = new ChatMessage(ChatRole.ASSISTANT, List.of(new ReasoningContent("hmm"),
                new TextContent("first"), new TextContent("second")), null, Map.of());
        assertEquals(Map.of("role", "assistant", "content", "first"), OpenAIMessages.toWire(assistant));
    }

    @Test
    void invalidMessagesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> OpenAIMessages.toWire(
                new ChatMessage(ChatRole.ASSISTANT, List.of(new ReasoningContent("only thinking")), null, Map.of())));
        ToolCall call = new ToolCall("t", Map.of(), "id1");
        assertThrows(IllegalArgumentException.class, () -> OpenAIMessages.toWire(new ChatMessage(ChatRole.TOOL,
                List.of(new ToolCallResult("r", call, false), new TextContent("extra")), null, Map.of())));
        assertThrows(IllegalArgumentException.class,
                () -> OpenAIMessages.toWire(ChatMessage.fromTool("r", new ToolCall("t", Map.of()))));
    }

    @Test
    void strictSchemaRewriteIsRecursiveAndLeavesTheInputAlone() {
        Map<String, Object> schema = Json.parseObject("{\"type\": \"object\", \"properties\": {"
                + "\"a\": {\"type\": \"string\"},"
                + "\"b\": {\"anyOf\": [{\"type\": \"object\", \"properties\": {\"c\": {\"type\": \"integer\"}}},"
                + "                    {\"type\": \"null\"}]},"
                + "\"d\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/$defs/E\"}}},"
                + "\"required\": [\"a\"],"
                + "\"$defs\": {\"E\": {\"type\": \"object\", \"properties\": {\"f\": {\"type\": \"boolean\"}},"
                + "                   \"additionalProperties\": true}}}");
        Map<String, Object> copy = JsonValues.mutableMap(schema);
        Map<String, Object> strict = StrictSchemas.strict(schema);
        assertEquals(copy, schema, "the input must not change");
        assertNotSame(schema, strict);
        assertEquals(Json.parseObject("{\"type\": \"object\", \"properties\": {"
                + "\"a\": {\"type\": \"string\"},"
                + "\"b\": {\"anyOf\": [{\"type\": \"object\", \"properties\": {\"c\": {\"type\": \"integer\"}},"
                + "                     \"additionalProperties\": false, \"required\": [\"c\"]},"
                + "                    {\"type\": \"null\"}]},"
                + "\"d\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/$defs/E\"}}},"
                + "\"required\": [\"a\", \"b\", \"d\"], \"additionalProperties\": false,"
                + "\"$defs\": {\"E\": {\"type\": \"object\", \"properties\": {\"f\": {\"type\": \"boolean\"}},"
                + "                   \"additionalProperties\": false, \"required\": [\"f\"]}}}"), strict);
        // Haystack's own strict test uses a schema without "type": the top level still gets additionalProperties
        assertEquals(Map.of("x", Map.of("type", "string"), "additionalProperties", false),
                StrictSchemas.strict(Map.of("x", Map.of("type", "string"))));
        assertFalse(StrictSchemas.strict(Map.of()).containsKey("required"));
    }
}
