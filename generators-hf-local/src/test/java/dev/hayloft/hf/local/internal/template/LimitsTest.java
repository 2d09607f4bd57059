package dev.hayloft.hf.local.internal.template;

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
    private static ChatTemplateException limit(ChatTemplate template, Map<String, ?> context) {
        ChatTemplateException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(ChatTemplateException.class, () -> template.render(context)));
        assertEquals(ChatTemplateException.Kind.LIMIT, e.kind(), e.getMessage());
        return e;
    }

    @Test
    void outputIsBounded() {
        ChatTemplate t = ChatTemplate.compile("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}")
                .withLimits(TemplateLimits.DEFAULT.withMaxOutputChars(100_000));
        ChatTemplateException e = limit(t, Map.of());
        assertTrue(e.templateMessage().contains("100000 characters"), e.getMessage());
    }

    @Test
    void stringGrowthIsBoundedBeforeAllocating() {
        ChatTemplate t = ChatTemplate.compile("{% set ns = namespace(s='ab') %}{% for i in range(64) %}"
                + "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}");
        ChatTemplateException e = limit(t, Map.of());
        assertEquals(1, e.line());
        limit(ChatTemplate.compile("{{ 'x' * 9000000000 }}"), Map.of());
        limit(ChatTemplate.compile("{{ [1] * 9000000000 }}"), Map.of());
        limit(ChatTemplate.compile("{{ ('x' * 1000000).replace('x', 'xxxxxxxxxx') }}"), Map.of());
    }

    @Test
    void busyLoopsRunOutOfWork() {
        ChatTemplate t = ChatTemplate.compile("{% for i in range(100000) %}{% for j in range(100000) %}"
                + "{% endfor %}{% endfor %}").withLimits(TemplateLimits.DEFAULT.withMaxWork(2_000_000));
        ChatTemplateException e = limit(t, Map.of());
        assertEquals("the render exceeded its work budget of 2000000 steps, characters and items", e.templateMessage());
        limit(ChatTemplate.compile("{% for i in range(100000) %}{{ ('x' * 100000).count('y') }}{% endfor %}"), Map.of());
    }

    @Test
    void macroRecursionIsBounded() {
        ChatTemplate t = ChatTemplate.compile("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}");
        ChatTemplateException e = limit(t, Map.of());
        assertTrue(e.templateMessage().startsWith("macro calls nested deeper than 64"), e.getMessage());
    }

    @Test
    void syntaxNestingIsBounded() {
        String deep = "{{ " + "(".repeat(5000) + "1" + ")".repeat(5000) + " }}";
        ChatTemplateException e = assertThrows(ChatTemplateException.class, () -> ChatTemplate.compile(deep));
        assertEquals(ChatTemplateException.Kind.SYNTAX, e.kind());
        assertTrue(e.templateMessage().contains("nests deeper than 200"), e.getMessage());
        String ifs = "{% if true %}".repeat(500) + "x" + "{% endif %}".repeat(500);
        assertThrows(ChatTemplateException.class, () -> ChatTemplate.compile(ifs));
    }

    @Test
    void deeplyNestedValuesFailCleanly() {
        ChatTemplate t = ChatTemplate.compile("{% set ns = namespace(v=[]) %}{% for i in range(5000) %}"
                + "{% set ns.v = [ns.v] %}{% endfor %}{{ ns.v }}");
        ChatTemplateException e = assertThrows(ChatTemplateException.class, () -> t.render(Map.of()));
        assertTrue(e.templateMessage().contains("recursion"), e.getMessage());
    }

    @Test
    void cyclicContextIsRefused() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThrows(IllegalArgumentException.class, () -> ChatTemplate.compile("{{ x }}").render(Map.of("x", cycle)));
    }

    @Test
    void ordinaryTemplatesStayWellWithinTheDefaults() {
        List<Map<String, Object>> messages = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            messages.add(Map.of("role", i % 2 == 0 ? "user" : "assistant", "content", "message " + i + " ".repeat(200)));
        }
        String out = ChatTemplate.compile("{% for m in messages %}<|{{ m.role }}|>{{ m.content|trim }}\n{% endfor %}")
                .render(Map.of("messages", messages));
        assertTrue(out.endsWith("<|assistant|>message 1999\n"));
    }
}
