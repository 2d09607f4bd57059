package dev.hayloft.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.listener.GenerationContext;
import dev.hayloft.core.serde.Json;
import dev.hayloft.observability.internal.Kwargs;
import dev.hayloft.observability.internal.MessagesJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenAiConventionsTest {
    private static GenerationContext ctx(String type, String provider) {
        return new GenerationContext("r", "c", type, provider, "m", false, Instant.now());
    }

    @Test
    void operationNames() {
        assertEquals("chat", GenAiConventions.operationName(ctx("dev.hayloft.openai.OpenAIChatGenerator", "openai")));
        assertEquals("chat", GenAiConventions.operationName(ctx("dev.hayloft.openai.OpenAIGenerator", "openai")));
        assertEquals("chat", GenAiConventions.operationName(ctx("dev.hayloft.azure.AzureOpenAIGenerator",
                "azure_openai")));
        assertEquals("chat", GenAiConventions.operationName(ctx("dev.hayloft.fallback.FallbackChatGenerator",
                "fallback")));
        assertEquals("text_completion", GenAiConventions.operationName(ctx(
                "dev.hayloft.hf.local.HuggingFaceLocalGenerator", "local")));
        assertEquals("text_completion", GenAiConventions.operationName(ctx(
                "dev.hayloft.hf.api.HuggingFaceAPIGenerator", "huggingface")));
        assertEquals("chat", GenAiConventions.operationName(ctx("dev.hayloft.hf.api.HuggingFaceAPIChatGenerator",
                "huggingface")));
        assertEquals("generate_content", GenAiConventions.operationName(ctx("dev.hayloft.dalle.DALLEImageGenerator",
                "openai")));
    }

    @Test
    void providerNames() {
        assertEquals("openai", GenAiConventions.providerName("openai"));
        assertEquals("azure.ai.openai", GenAiConventions.providerName("azure_openai"));
        assertEquals("huggingface", GenAiConventions.providerName("huggingface"));
        assertEquals("hayloft.local", GenAiConventions.providerName("local"));
        assertEquals("hayloft.fallback", GenAiConventions.providerName("fallback"));
    }

    @Test
    void kwargsAndToolCallsInTheConventionsShapes() {
        Map<String, Object> kw = Map.of("max_new_tokens", 7, "temperature", 1, "stop", "END", "api_key", "x");
        assertEquals(7L, Kwargs.integer(kw, "max_tokens", "max_completion_tokens", "max_new_tokens"));
        assertEquals(1.0, Kwargs.number(kw, "temperature"));
        assertEquals(List.of("END"), Kwargs.stops(kw));
        ToolCall call = new ToolCall("weather", Map.of("city", "Paris"), "call_1");
        String json = MessagesJson.of(List.of(ChatMessage.fromAssistant(null, List.of(call)),
                ChatMessage.fromTool("sunny", call)), false);
        assertEquals(List.of(
                Map.of("role", "assistant", "parts", List.of(Map.of("type", "tool_call", "id", "call_1", "name",
                        "weather", "arguments", Map.of("city", "Paris")))),
                Map.of("role", "tool", "parts", List.of(Map.of("type", "tool_call_response", "id", "call_1",
                        "response", "sunny")))), Json.parse(json));
    }
}
