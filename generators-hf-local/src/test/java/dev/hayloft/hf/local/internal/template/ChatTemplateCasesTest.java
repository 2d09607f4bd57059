package dev.hayloft.hf.local.internal.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hayloft.core.testing.SharedFixtures;
import dev.hayloft.templates.Template;
import dev.hayloft.templates.TemplateEnvironment;
import dev.hayloft.templates.TemplateException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every case of the shared {@code chat_template_cases.json} (expected outputs recorded from
 * transformers' {@code apply_chat_template(..., tokenize=False)}) and compares byte for byte.
 */
class ChatTemplateCasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Clock FROZEN = Clock.fixed(LocalDate.of(2025, 1, 5).atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);

    static Stream<Arguments> cases() throws IOException {
        Path file = SharedFixtures.require("tokenizers/chat_template_cases.json");
        List<Map<String, Object>> cases = JSON.readValue(file.toFile(), new TypeReference<>() { });
        return cases.stream().map(c -> Arguments.of(c.get("template") + "/" + c.get("case"), c));
    }

    static Map<String, Object> tokenizerConfig(String template) throws IOException {
        Path config = template.equals("stories260K-hf")
                ? SharedFixtures.require("models/stories260K/tokenizer_config.json")
                : SharedFixtures.require("tokenizers/" + template + "/tokenizer_config.json");
        return JSON.readValue(config.toFile(), new TypeReference<>() { });
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersLikeTransformers(String name, Map<String, Object> c) throws IOException {
        Map<String, Object> config = tokenizerConfig((String) c.get("template"));
        Template template = TemplateEnvironment.transformers().compile((String) config.get("chat_template")).withClock(FROZEN);
        Map<String, Object> context = ChatTemplateContext.builder()
                .messages((List<Map<String, Object>>) c.get("messages"))
                .tools((List<Map<String, Object>>) c.get("tools"))
                .addGenerationPrompt((Boolean) c.get("add_generation_prompt"))
                .specialTokens(ChatTemplateContext.specialTokens(config))
                .extraContext((Map<String, Object>) c.get("extra_context"))
                .build();
        if (c.get("error") != null) {
            TemplateException e = assertThrows(TemplateException.class, () -> template.render(context));
            assertTrue(e.getMessage().contains((String) c.get("error")), e.getMessage());
            return;
        }
        assertEquals(c.get("expected"), template.render(context));
    }
}
