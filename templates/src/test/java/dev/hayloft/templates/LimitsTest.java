package dev.hayloft.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A hostile template can neither hang nor exhaust memory: every bound fails with kind LIMIT. */
class LimitsTest {
    private static TemplateException limit(Template template, Map<String, ?> context) {
        TemplateException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(TemplateException.class, () -> template.render(context)));
        assertEquals(TemplateException.Kind.LIMIT, e.kind(), e.getMessage());
        return e;
    }

    @Test
    void outputIsBounded() {
        Template t = TemplateEnvironment.transformers().compile("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}")
                .withLimits(TemplateLimits.DEFAULT.withMaxOutputChars(100_000));
        TemplateException e = limit(t, Map.of());
        assertTrue(e.templateMessage().contains("100000 characters"), e.getMessage());
    }

    @Test
    void stringGrowthIsBoundedBeforeAllocating() {
        Template t = TemplateEnvironment.transformers().compile("{% set ns = namespace(s='ab') %}{% for i in range(64) %}"
                + "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}");
        TemplateException e = limit(t, Map.of());
        assertEquals(1, e.line());
        limit(TemplateEnvironment.transformers().compile("{{ 'x' * 9000000000 }}"), Map.of());
        limit(TemplateEnvironment.transformers().compile("{{ [1] * 9000000000 }}"), Map.of());
        limit(TemplateEnvironment.transformers().compile("{{ ('x' * 1000000).replace('x', 'xxxxxxxxxx') }}"), Map.of());
    }

    @Test
    void busyLoopsRunOutOfWork() {
        Template t = TemplateEnvironment.transformers().compile("{% for i in range(100000) %}{% for j in range(100000) %}"
                + "{% endfor %}{% endfor %}").withLimits(TemplateLimits.DEFAULT.withMaxWork(2_000_000));
        TemplateException e = limit(t, Map.of());
        assertEquals("the render exceeded its work budget of 2000000 steps, characters and items", e.templateMessage());
        limit(TemplateEnvironment.transformers().compile("{% for i in range(100000) %}{{ ('x' * 100000).count('y') }}{% endfor %}"), Map.of());
    }

    @Test
    void macroRecursionIsBounded() {
        Template t = TemplateEnvironment.transformers().compile("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}");
        TemplateException e = limit(t, Map.of());
        assertTrue(e.templateMessage().startsWith("macro calls nested deeper than 64"), e.getMessage());
    }

    @Test
    void syntaxNestingIsBounded() {
        String deep = "{{ " + "(".repeat(5000) + "1" + ")".repeat(5000) + " }}";
        TemplateException e = assertThrows(TemplateException.class, () -> TemplateEnvironment.transformers().compile(deep));
        assertEquals(TemplateException.Kind.SYNTAX, e.kind());
        assertTrue(e.templateMessage().contains("nests deeper than 200"), e.getMessage());
        String ifs = "{% if true %}".repeat(500) + "x" + "{% endif %}".repeat(500);
        assertThrows(TemplateException.class, () -> TemplateEnvironment.transformers().compile(ifs));
    }

    @Test
    void deeplyNestedValuesFailCleanly() {
        Template t = TemplateEnvironment.transformers().compile("{% set ns = namespace(v=[]) %}{% for i in range(5000) %}"
                + "{% set ns.v = [ns.v] %}{% endfor %}{{ ns.v }}");
        TemplateException e = assertThrows(TemplateException.class, () -> t.render(Map.of()));
        assertTrue(e.templateMessage().contains("recursion"), e.getMessage());
    }

    @Test
    void cyclicContextIsRefused() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThrows(IllegalArgumentException.class, () -> TemplateEnvironment.transformers().compile("{{ x }}").render(Map.of("x", cycle)));
    }

    @Test
    void ordinaryTemplatesStayWellWithinTheDefaults() {
        List<Map<String, Object>> messages = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            messages.add(Map.of("role", i % 2 == 0 ? "user" : "assistant", "content", "message " + i + " ".repeat(200)));
        }
        String out = TemplateEnvironment.transformers().compile("{% for m in messages %}<|{{ m.role }}|>{{ m.content|trim }}\n{% endfor %}")
                .render(Map.of("messages", messages));
        assertTrue(out.endsWith("<|assistant|>message 1999\n"));
    }
}
