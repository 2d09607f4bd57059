package dev.hayloft.hf.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.generation.ChatGeneratorResult;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.core.testing.SharedFixtures;
import dev.hayloft.core.tools.Tool;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HuggingFaceLocalChatGeneratorTest {
    static final Tool WEATHER = Tool.builder().name("weather").description("useful to determine the weather in a "
            + "given location").parameters(Map.of("type", "object", "properties", Map.of("city", Map.of("type",
            "string")), "required", List.of("city"))).function("tests.get_weather", a -> "sunny").build();

    @Test
    void chatRepliesCarryHaystacksMeta() {
        try (HuggingFaceLocalChatGenerator chat = HuggingFaceLocalChatGenerator.builder()
                .model(StoriesModel.folder().toString()).generationKwargs(Map.of("max_new_tokens", 8,
                        "do_sample", false)).build()) {
            ChatGeneratorResult r = chat.run(List.of(ChatMessage.fromUser("Once upon a time")));
            ChatMessage reply = r.replies().get(0);
            // the stories template renders "<s>Once upon a time" and the model continues greedily
            assertEquals(", there was a little girl", reply.text());
            assertEquals("length", reply.meta().get("finish_reason"));
            assertEquals(0, reply.meta().get("index"));
            assertEquals(StoriesModel.folder().toString(), reply.meta().get("model"));
            assertEquals(JsonValues.map("completion_tokens", 8, "prompt_tokens", 5, "total_tokens", 13),
                    reply.meta().get("usage"));
        }
    }

    @Test
    void qwenChatTemplateWithToolsRendersAndGenerates() {
        String qwen = SharedFixtures.require("models/tiny-random-qwen2").toString();
        try (HuggingFaceLocalChatGenerator chat = HuggingFaceLocalChatGenerator.builder().model(qwen)
                .generationKwargs(Map.of("max_new_tokens", 5)).tools(List.of(WEATHER)).build()) {
            ChatMessage reply = chat.run(List.of(ChatMessage.fromSystem("Be brief."),
                    ChatMessage.fromUser("Weather in Paris?"))).replies().get(0);
            Map<?, ?> usage = (Map<?, ?>) reply.meta().get("usage");
            // Qwen2.5's template with a system message, the tool block and the generation prompt
            assertTrue((Integer) usage.get("prompt_tokens") > 60, usage.toString());
            assertEquals(5, usage.get("completion_tokens"));
            assertThrows(IllegalArgumentException.class, () -> chat.run(List.of(ChatMessage.fromUser("x")), null,
                    null, c -> { }));
        }
    }

    @Test
    void defaultParserReadsQwenLlamaAndOpenAiStyleCalls() {
        ToolCallParser p = ToolCallParser.defaultParser();
        assertEquals(List.of(new ToolCall("weather", Map.of("city", "Paris")),
                new ToolCall("time", Map.of("tz", "CET"))),
                p.parse("<tool_call>\n{\"name\": \"weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>\n"
                        + "<tool_call>\n{\"name\": \"time\", \"arguments\": \"{\\\"tz\\\": \\\"CET\\\"}\"}\n</tool_call>"));
        assertEquals(List.of(new ToolCall("weather", Map.of("city", "Rome"))),
                p.parse("{\"name\": \"weather\", \"parameters\": {\"city\": \"Rome\"}}"));
        assertEquals(List.of(new ToolCall("weather", Map.of("city", "Oslo"))),
                p.parse("Sure: [{\"type\": \"function\", \"function\": {\"name\": \"weather\", \"arguments\": "
                        + "{\"city\": \"Oslo\"}}}]"));
        assertEquals(List.of(), p.parse("No tools needed {not json}."));
        assertEquals(List.of(), p.parse("<tool_call>{\"name\": \"weather\", \"arguments\": {\"city\": </tool_call>"));
    }

    @Test
    void theDefaultParserCountsOnlyCallsOfOfferedToolsAndTheTextStaysOtherwise() {
        ToolCallParser p = ToolCallParser.defaultParser();
        String reply = "Example: {\"name\": \"delete_files\", \"arguments\": {\"path\": \"/\"}} and "
                + "<tool_call>{\"name\": \"weather\", \"arguments\": {\"city\": \"Paris\"}}</tool_call>";
        assertEquals(List.of(new ToolCall("weather", Map.of("city", "Paris"))), p.parse(reply, Set.of("weather")));
        assertEquals(List.of(), p.parse("{\"name\": \"delete_files\", \"arguments\": {}}", Set.of("weather")));
        // a named wrapper passes the offered tools on
        assertEquals(List.of(), ToolCallParser.named("x", p).parse("{\"name\": \"a\", \"arguments\": {}}",
                Set.of("weather")));
    }

    @Test
    void continueFinalMessageContinuesTheLastMessage() {
        try (HuggingFaceLocalChatGenerator chat = HuggingFaceLocalChatGenerator.builder()
                .model(StoriesModel.folder().toString()).generationKwargs(Map.of("max_new_tokens", 3,
                        "do_sample", false, "continue_final_message", true)).build()) {
            // the stories template renders "<s>Tell me a story\nOnce upon a time"; the model continues it
            ChatMessage reply = chat.run(List.of(ChatMessage.fromUser("Tell me a story"),
                    ChatMessage.fromAssistant("Once upon a time"))).replies().get(0);
            assertEquals(3, ((Map<?, ?>) reply.meta().get("usage")).get("completion_tokens"));
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> chat.run(
                    List.of(ChatMessage.fromUser("x")), Map.of("continue_final_message", "yes"), null, null));
            assertTrue(bad.getMessage().contains("continue_final_message"), bad.getMessage());
        }
    }

    @Test
    void haystackDictsWithNAndAWrittenDeviceLoadAndRun() {
        Map<String, Object> haystack = JsonValues.map(
                "type", "haystack.components.generators.chat.hugging_face_local.HuggingFaceLocalChatGenerator",
                "init_parameters", JsonValues.map(
                        "huggingface_pipeline_kwargs", JsonValues.map("model", StoriesModel.folder().toString(),
                                "task", "text-generation", "device", "cpu"),
                        "generation_kwargs", JsonValues.map("max_new_tokens", 3, "do_sample", true, "n", 2,
                                "seed", 1),
                        "streaming_callback", null, "chat_template", null, "tools", null,
                        "tool_parsing_function", ToolCallParser.DEFAULT_NAME,
                        "token", JsonValues.map("env_vars", List.of("HF_API_TOKEN", "HF_TOKEN"), "strict", false,
                                "type", "env_var")));
        try (HuggingFaceLocalChatGenerator chat = (HuggingFaceLocalChatGenerator) ComponentRegistry.defaults()
                .fromDict(haystack)) {
            assertEquals(2, chat.run(List.of(ChatMessage.fromUser("Once upon a time"))).replies().size());
            IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
                    () -> HuggingFaceLocalChatGenerator.builder().model("m")
                            .generationKwargs(Map.of("n", 2, "num_return_sequences", 3)).build());
            assertTrue(clash.getMessage().contains("disagree"), clash.getMessage());
        }
    }

    @Test
    void toDictHasHaystacksShapeAndRoundTrips() {
        HuggingFaceLocalChatGenerator g = HuggingFaceLocalChatGenerator.builder()
                .model("NousResearch/Llama-2-7b-chat-hf").token(Secret.fromEnvVar(List.of("ENV_VAR"), false))
                .generationKwargs(Map.of("temperature", 0.2)).stopWords(List.of("stop", "words"))
                .chatTemplate("irrelevant").tools(List.of(WEATHER)).build();
        Map<String, Object> init = JsonValues.map(
                // the device is resolved and written, as Haystack does; the task is detected at warm-up
                "huggingface_pipeline_kwargs", JsonValues.map("model", "NousResearch/Llama-2-7b-chat-hf",
                        "device", LocalRuntime.defaultDevice()),
                "generation_kwargs", JsonValues.map("temperature", 0.2, "stop_sequences", List.of("stop", "words"),
                        "return_full_text", false, "max_new_tokens", 512),
                "streaming_callback", null,
                "token", JsonValues.map("type", "env_var", "env_vars", List.of("ENV_VAR"), "strict", false),
                "chat_template", "irrelevant",
                "tools", List.of(WEATHER.toDict()),
                "tool_parsing_function", ToolCallParser.DEFAULT_NAME);
        Map<String, Object> expected = JsonValues.map("type", HuggingFaceLocalChatGenerator.class.getName(),
                "init_parameters", init);
        assertEquals(expected, g.toDict());
        ComponentRegistry registry = ComponentRegistry.defaults().toBuilder()
                .toolFunction("tests.get_weather", WEATHER.function()).build();
        assertEquals(expected, registry.fromDict(expected).toDict());
        assertNull(((Map<?, ?>) expected.get("init_parameters")).get("streaming_callback"));
    }
}
