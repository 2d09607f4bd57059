package dev.hayloft.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Features beyond the Jinja2 tables: transformers' extensions, list.append, reuse across threads. */
class LanguageFeaturesTest {
    private static String render(String source, Map<String, ?> context) {
        return TemplateEnvironment.transformers().compile(source).render(context);
    }

    @Test
    void generationBlockRendersItsBody() {
        assertEquals("<a>hi 3</a>", render("<a>{% generation %}hi {{ n }}{% endgeneration %}</a>", Map.of("n", 3L)));
    }

    @Test
    void appendWorksInTheMutableSandboxButNotInTransformersImmutableOne() {
        String source = "{% set ns = namespace(names=[]) %}{% for t in tools %}{% set _ = ns.names.append(t.name) %}"
                + "{% endfor %}{{ ns.names|join(', ') }}";
        Map<String, Object> context = Map.of("tools", List.of(Map.of("name", "a"), Map.of("name", "b")));
        assertEquals("a, b", TemplateEnvironment.haystack().compile(source).render(context));
        TemplateException e = org.junit.jupiter.api.Assertions.assertThrows(TemplateException.class,
                () -> render(source, context));
        assertEquals("access to attribute 'append' of 'list' object is unsafe.", e.templateMessage());
    }

    @Test
    void loopControlsAndRecursiveLoops() {
        assertEquals("0 2 ", render("{% for i in range(5) %}{% if i == 1 %}{% continue %}{% endif %}"
                + "{% if i == 3 %}{% break %}{% endif %}{{ i }} {% endfor %}", Map.of()));
        Map<String, Object> tree = Map.of("name", "r", "children", List.of(Map.of("name", "c", "children", List.of())));
        assertEquals("r1(c2())", render("{% for n in [tree] recursive %}{{ n.name }}{{ loop.depth }}"
                + "({{ loop(n.children) }}){% endfor %}", Map.of("tree", tree)));
    }

    @Test
    void setInsideLoopDoesNotLeakButNamespaceDoes() {
        assertEquals("0|3", render("{% set x = 0 %}{% set ns = namespace(x=0) %}{% for i in [1, 2] %}{% set x = x + i %}"
                + "{% set ns.x = ns.x + i %}{% endfor %}{{ x }}|{{ ns.x }}", Map.of()));
    }

    @Test
    void filterChainsAreOneShotGeneratorsLikeInJinja() {
        assertEquals("yes", render("{{ 'yes' if [1]|select('even') else 'no' }}", Map.of()));
        assertEquals("12|", render("{% set g = [1, 2]|map('string') %}{{ g|join }}|{{ g|join }}", Map.of()));
        assertEquals("[1, 3]1", render("{{ [3, 1]|reverse|list }}{{ [3, 1]|reverse|first }}", Map.of()));
        assertEquals("<generator object select_or_reject>", render("{{ [1]|select }}", Map.of()));
        TemplateException e = org.junit.jupiter.api.Assertions.assertThrows(TemplateException.class,
                () -> render("{{ [1, 2]|select|length }}", Map.of()));
        assertEquals("object of type 'generator' has no len()", e.templateMessage());
    }

    @Test
    void pythonFloatFloorDivisionAndOddness() {
        assertEquals("4.0 False True -4.0", render("{{ 0.5 // 0.1 }} {{ 2.5 is odd }} {{ 3 is odd }} {{ -7.5 // 2 }}", Map.of()));
    }

    @Test
    void javaNumbersBecomePythonNumbers() {
        assertEquals("3 2.5 True [1, 2] {'k': 4}", render("{{ i }} {{ f }} {{ b }} {{ arr }} {{ m }}",
                Map.of("i", 3, "f", 2.5f, "b", true, "arr", new int[] {1, 2}, "m", Map.of("k", (short) 4))));
    }

    @Test
    void compiledTemplatesAreReusableAcrossThreads() throws Exception {
        Template t = TemplateEnvironment.transformers().compile("{% set ns = namespace(s=0) %}{% for i in range(n) %}"
                + "{% set ns.s = ns.s + i %}{% endfor %}{{ ns.s }}");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int n = 0; n < 200; n++) {
                long size = n;
                results.add(pool.submit(() -> t.render(Map.of("n", size))));
            }
            for (int n = 0; n < 200; n++) {
                assertEquals(String.valueOf((long) n * (n - 1) / 2), results.get(n).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
