package dev.hayloft.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Shared contexts and the check of the Jinja2 conformance tables. Every expected string in
 * {@link WhitespaceConformanceTest}, {@link ExpressionConformanceTest} and
 * {@link StatementConformanceTest} was recorded by rendering the same template and context with
 * Jinja2 3.1.6's {@code ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)} plus
 * the loop-control extension, transformers' {@code tojson}, and {@code strftime_now} frozen at
 * 2025-01-05 (the environment transformers' {@code apply_chat_template} renders with).
 */
final class ConformanceSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The date transformers' {@code strftime_now} saw when the tables were recorded. */
    static final Clock FROZEN = Clock.fixed(LocalDate.of(2025, 1, 5).atStartOfDay(ZoneOffset.UTC).toInstant(),
            ZoneOffset.UTC);
    static final Map<String, Object> CTX_A = parse("{\"messages\": [{\"role\": \"system\", \"content\": \"  Sys  \"}, {\"role\": \"user\", \"content\": \"Hi \ud83d\ude42 \u00e9\"}, {\"role\": \"assistant\", \"content\": \"<think>\\nhmm\\n</think>\\n\\nHello\", \"tool_calls\": [{\"type\": \"function\", \"function\": {\"name\": \"f\", \"arguments\": {\"a\": 1, \"b\": [1.5, null, true], \"c\": \"x\\\"y\"}}}]}, {\"role\": \"tool\", \"content\": \"42\"}], \"tools\": null, \"n\": 5, \"f\": 2.5, \"s\": \"Hello World\", \"d\": {\"b\": 2, \"a\": 1, \"c\": [3, 4]}, \"l\": [3, 1, 2], \"e\": [], \"u\": \"\u00c5ngstr\u00f6m\", \"nested\": {\"x\": {\"y\": {\"z\": \"deep\"}}}}");
    static final Map<String, Object> CTX_B = parse("{\"tree\": [{\"name\": \"r\", \"children\": [{\"name\": \"a\", \"children\": []}, {\"name\": \"b\", \"children\": [{\"name\": \"c\"}]}]}], \"x\": 3, \"items\": [{\"name\": \"a\", \"v\": 2}, {\"name\": \"B\", \"v\": 1}, {\"name\": \"c\", \"v\": 3}], \"s\": \"Hi\", \"m\": {\"k\": \"v\"}}");

    private ConformanceSupport() {
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void check(String template, Map<String, Object> context, String expected) {
        String actual = TemplateEnvironment.transformers().compile(template).withClock(ConformanceSupport.FROZEN).render(context);
        assertEquals(expected, actual, () -> "template: " + template);
    }
}
