package dev.hayloft.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Jinja2 conformance table: every case of {@code jinja2-conformance/cases.json} (recorded by
 * {@code generate.py} with Jinja2 3.1's {@code SandboxedEnvironment()}, Haystack's prompt-builder
 * settings, and transformers' chat-template {@code ImmutableSandboxedEnvironment}) rendered with
 * {@link TemplateEnvironment#haystack()} and {@link TemplateEnvironment#transformers()}. The text
 * must be equal byte for byte; where Jinja2 raised, the {@link TemplateException.Kind} must be the
 * one its exception class maps to and the message must contain Jinja2's (a syntax error also on
 * Jinja2's line). Cases marked {@code known_difference} are skipped with their reason.
 */
class Jinja2ConformanceTableTest {
    private static final JsonNode TABLE = load();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode load() {
        try (InputStream in = Jinja2ConformanceTableTest.class.getResourceAsStream("/jinja2-conformance/cases.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : TABLE.get("cases")) {
            out.add(Arguments.of(c.get("name").asText(), "haystack", c));
            out.add(Arguments.of(c.get("name").asText(), "transformers", c));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("cases")
    void rendersWhatJinja2Renders(String name, String environment, JsonNode c) {
        if (c.has("known_difference")) {
            Assumptions.abort("known difference: " + c.get("known_difference").asText());
        }
        String template = c.get("template").asText();
        JsonNode expected = c.get("expected_" + environment);
        TemplateEnvironment env = environment.equals("haystack") ? TemplateEnvironment.haystack()
                : TemplateEnvironment.transformers();
        Map<String, Object> context = context(c.get("context"));
        String actual;
        try {
            actual = env.compile(template).render(context);
        } catch (TemplateException e) {
            if (expected.isTextual()) {
                fail("template " + template + "\n  jinja2:  " + expected.asText() + "\n  hayloft raised: " + e.getMessage(), e);
            }
            assertEquals(expected.get("kind").asText(), e.kind().name(), () -> "template " + template + " (Jinja2 raised "
                    + expected.get("error").asText() + ": " + expected.get("message").asText() + "; hayloft: "
                    + e.getMessage() + ")");
            String message = expected.get("message").asText();
            assertTrue(e.templateMessage().contains(message), () -> "template " + template + "\n  jinja2:  "
                    + expected.get("error").asText() + ": " + message + "\n  hayloft: " + e.templateMessage());
            if (expected.has("line")) {
                assertEquals(expected.get("line").asInt(), e.line(), () -> "line of " + e.getMessage());
            }
            return;
        }
        if (!expected.isTextual()) {
            fail("template " + template + "\n  jinja2 raised " + expected.get("error").asText() + ": "
                    + expected.get("message").asText() + "\n  hayloft rendered: " + actual);
        }
        assertEquals(expected.asText(), actual, () -> "template " + template);
    }

    @Test
    void theTableIsLargeAndCoversBothEnvironments() {
        assertTrue(TABLE.get("cases").size() >= 400, "cases: " + TABLE.get("cases").size());
        assertTrue(TABLE.get("jinja2").asText().startsWith("3.1."), "recorded with Jinja2 " + TABLE.get("jinja2"));
    }

    private static Map<String, Object> context(JsonNode ref) {
        JsonNode values = ref.isTextual() ? TABLE.get("contexts").get(ref.asText()) : ref;
        return JSON.convertValue(values, JSON.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
    }
}
