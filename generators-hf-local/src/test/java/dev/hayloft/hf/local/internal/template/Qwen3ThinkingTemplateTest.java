package dev.hayloft.hf.local.internal.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hayloft.core.testing.SharedFixtures;
import dev.hayloft.templates.Template;
import dev.hayloft.templates.TemplateEnvironment;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code enable_thinking} on the real Qwen3 chat template: the template reads it only in the
 * generation prompt ({@code enable_thinking is defined and enable_thinking is false} appends an
 * empty {@code <think>} block), so {@code true} and "not passed" render alike; every
 * chat_template_cases.json Qwen3 case still renders exactly with {@code true} passed; and reasoning
 * in an earlier assistant turn is dropped from the history, as the template says.
 */
class Qwen3ThinkingTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Object> tokenizerConfig() throws IOException {
        return JSON.readValue(SharedFixtures.require("tokenizers/qwen3/tokenizer_config.json").toFile(),
                new TypeReference<>() { });
    }

    private static String render(List<Map<String, Object>> messages, List<Map<String, Object>> tools,
            boolean generationPrompt, Map<String, Object> extra) throws IOException {
        Map<String, Object> config = tokenizerConfig();
        Template t = TemplateEnvironment.transformers().compile((String) config.get("chat_template"));
        return t.render(ChatTemplateContext.builder().messages(messages).tools(tools)
                .addGenerationPrompt(generationPrompt).specialTokens(ChatTemplateContext.specialTokens(config))
                .extraContext(extra).build());
    }

    @Test
    void falseAppendsAnEmptyThinkBlockTrueAndUnsetDoNot() throws IOException {
        List<Map<String, Object>> hi = List.of(Map.of("role", "user", "content", "Hi!"));
        String plain = "<|im_start|>user\nHi!<|im_end|>\n<|im_start|>assistant\n";
        assertEquals(plain, render(hi, null, true, Map.of()));
        assertEquals(plain, render(hi, null, true, Map.of("enable_thinking", true)));
        assertEquals(plain + "<think>\n\n</think>\n\n", render(hi, null, true, Map.of("enable_thinking", false)));
        // only the generation prompt reads it
        assertEquals("<|im_start|>user\nHi!<|im_end|>\n", render(hi, null, false, Map.of("enable_thinking", false)));
    }

    @SuppressWarnings("unchecked")
    @Test
    void sharedQwen3CasesRenderExactlyWithThinkingEnabled() throws IOException {
        List<Map<String, Object>> cases = JSON.readValue(
                SharedFixtures.require("tokenizers/chat_template_cases.json").toFile(), new TypeReference<>() { });
        int seen = 0;
        for (Map<String, Object> c : cases) {
            if (!"qwen3".equals(c.get("template"))) {
                continue;
            }
            Map<String, Object> extra = new HashMap<>((Map<String, Object>) c.get("extra_context"));
            extra.put("enable_thinking", true);
            boolean gen = (Boolean) c.get("add_generation_prompt");
            String expected = (String) c.get("expected");
            List<Map<String, Object>> messages = (List<Map<String, Object>>) c.get("messages");
            List<Map<String, Object>> tools = (List<Map<String, Object>>) c.get("tools");
            assertEquals(expected, render(messages, tools, gen, extra), (String) c.get("case"));
            extra.put("enable_thinking", false);
            assertEquals(gen ? expected + "<think>\n\n</think>\n\n" : expected, render(messages, tools, gen, extra),
                    c.get("case") + " without thinking");
            seen++;
        }
        assertEquals(6, seen);
    }

    @Test
    void earlierReasoningIsDroppedFromTheHistory() throws IOException {
        List<Map<String, Object>> messages = List.of(
                Map.of("role", "user", "content", "2+2?"),
                Map.of("role", "assistant", "content", "<think>\nadd them\n</think>\n\n4"),
                Map.of("role", "user", "content", "And 3+3?"));
        assertEquals("<|im_start|>user\n2+2?<|im_end|>\n<|im_start|>assistant\n4<|im_end|>\n"
                + "<|im_start|>user\nAnd 3+3?<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n",
                render(messages, null, true, Map.of("enable_thinking", false)));
    }
}
