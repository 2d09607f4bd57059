package dev.hayloft.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The environment settings and extension points. Expected strings were rendered with Jinja2
 * 3.1.6's {@code SandboxedEnvironment} (defaults, or the setting named in the test).
 */
class EnvironmentTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T10:15:30Z"), ZoneOffset.UTC);

    private static String jinja2(String source, Map<String, ?> context) {
        return TemplateEnvironment.jinja2().compile(source).render(context);
    }

    @Test
    void jinja2DefaultsDoNotTrimBlocksAndDropOneTrailingNewline() {
        assertEquals("\n  a\n", jinja2("{% if x %}\n  a\n{% endif %}\n", Map.of("x", 1)));
        assertEquals("Hi Ada", jinja2("Hi {{ name }}\n", Map.of("name", "Ada")));
        TemplateEnvironment keep = TemplateEnvironment.jinja2().toBuilder().keepTrailingNewline(true).build();
        assertEquals("Hi\n", keep.compile("Hi\n").render(Map.of()));
    }

    @Test
    void valuesPrintAsPython() {
        assertEquals("None|True||[None, True]", jinja2("{{ none }}|{{ true }}|{{ undefined_thing }}|{{ [none, true] }}",
                Map.of()));
    }

    @Test
    void jinja2TojsonIsSortedAndHtmlSafe() {
        assertEquals("[1, \"\\u003ca\\u003e\", {\"a\": \"\\u00e9\", \"b\": 1}]",
                jinja2("{{ [1,\"<a>\", {\"b\":1,\"a\":\"é\"}] | tojson }}", Map.of()));
    }

    @Test
    void loopControlsOnlyWhereEnabled() {
        String source = "{% for i in range(5) %}{% if i == 2 %}{% break %}{% endif %}{{ i }}{% endfor %}";
        assertThrows(TemplateException.class, () -> TemplateEnvironment.jinja2().compile(source));
        assertEquals("01", TemplateEnvironment.transformers().compile(source).render(Map.of()));
    }

    @Test
    void customFilterFunctionAndTag() {
        TemplateTag shout = new TemplateTag("shout", List.of("times"),
                (attrs, body) -> body.toUpperCase().repeat(((Number) attrs.getOrDefault("times", 1L)).intValue()));
        TemplateEnvironment env = TemplateEnvironment.jinja2().toBuilder()
                .filter("exclaim", (value, args, kwargs) -> value + "!")
                .global("pair", (args, kwargs) -> List.of(args.get(0), kwargs.get("b")))
                .tag(shout)
                .build();
        assertEquals("hi!|[1, 'x']|HI HI ", env.compile("{{ 'hi' | exclaim }}|{{ pair(1, b='x') }}|"
                + "{% shout times=2 %}{{ 'hi' }} {% endshout %}").render(Map.of()));
        TemplateException unknown = assertThrows(TemplateException.class,
                () -> env.compile("{% shout loud=1 %}x{% endshout %}"));
        assertEquals(TemplateException.Kind.SYNTAX, unknown.kind());
        assertThrows(TemplateException.class, () -> TemplateEnvironment.jinja2().compile("{{ 'a' | exclaim }}"));
        assertThrows(IllegalArgumentException.class, () -> TemplateEnvironment.jinja2().toBuilder()
                .tag(new TemplateTag("for", List.of(), (a, b) -> b)));
    }

    @Test
    void failingExtensionBecomesARuntimeErrorAtItsPosition() {
        TemplateEnvironment env = TemplateEnvironment.jinja2().toBuilder()
                .filter("boom", (value, args, kwargs) -> {
                    throw new IllegalArgumentException("no " + value);
                }).build();
        TemplateException e = assertThrows(TemplateException.class,
                () -> env.compile("ok\n{{ 'x' | boom }}").render(Map.of()));
        assertEquals(TemplateException.Kind.RUNTIME, e.kind());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("boom: no x"), e.getMessage());
    }

    record Person(String name, Map<String, Object> meta) implements TemplateObject {
        @Override
        public Optional<Object> attribute(String attr) {
            return switch (attr) {
                case "name" -> Optional.of(name);
                case "meta" -> Optional.of(meta);
                case "nickname" -> TemplateObject.none();
                default -> Optional.empty();
            };
        }

        @Override
        public String repr() {
            return "Person(name=" + Python.repr(name) + ")";
        }
    }

    @Test
    void templateObjectsExposeOnlyTheirAttributes() {
        Person ada = new Person("Ada", Map.of("k", "v"));
        assertEquals("Ada|v|v|True|[Person(name='Ada')]|Person(name='Ada')",
                jinja2("{{ p.name }}|{{ p.meta['k'] }}|{{ p['meta'].k }}|{{ p.missing is undefined }}|{{ [p] }}|{{ p }}",
                        Map.of("p", ada)));
        assertEquals("", jinja2("{{ p.__class__ }}", Map.of("p", ada)));
        assertEquals("None|True|False|None", jinja2("{{ p.nickname }}|{{ p.nickname is none }}"
                + "|{{ p.nickname is undefined }}|{{ p['nickname'] }}", Map.of("p", ada)));
    }

    @Test
    void nowTagOfHaystack() {
        TemplateEnvironment env = TemplateEnvironment.haystack().toBuilder().clock(CLOCK).build();
        assertEquals("2025-03-04 10:15:30", env.compile("{% now 'UTC' %}").render(Map.of()));
        assertEquals("12:45", env.compile("{% now 'UTC' + 'hours=2, minutes=30', '%H:%M' %}").render(Map.of()));
        assertEquals("2025-03-03", env.compile("{% now 'utc' - 'days=1', '%Y-%m-%d' %}").render(Map.of()));
        assertEquals("11:15", env.compile("{% now 'Europe/Berlin', '%H:%M' %}").render(Map.of()));
        TemplateException bad = assertThrows(TemplateException.class,
                () -> env.compile("{% now 'Mars/Olympus' %}").render(Map.of()));
        assertTrue(bad.getMessage().contains("Invalid timezone Mars/Olympus"), bad.getMessage());
        assertThrows(TemplateException.class, () -> TemplateEnvironment.jinja2().compile("{% now 'UTC' %}"));
    }

    @Test
    void undeclaredVariablesFollowJinja2() {
        // expected values from jinja2.meta.find_undeclared_variables (sets; compared in first-use order)
        assertEquals(List.of("b"), vars("{{ b }}{% set b = 1 %}"));
        assertEquals(List.of("items", "x"), vars("{% for x in items %}{{ x }}{{ loop.index }}{% endfor %}{{ x }}"));
        assertEquals(List.of(), vars("{{ range(3) }}"));
        assertEquals(List.of("c"), vars("{% macro m(a) %}{{ a }}{{ c }}{{ caller }}{% endmacro %}"));
        assertEquals(List.of("f", "y"), vars("{% if f %}{% set y = 1 %}{% endif %}{{ y }}"));
        assertEquals(List.of("q"), vars("{% set ns = namespace(a=1) %}{% set ns.a = q %}"));
        assertEquals(List.of("w", "z"), vars("{% with z = w %}{{ z }}{% endwith %}{{ z }}"));
        assertEquals(List.of("k"), vars("{% set s %}{{ k }}{% endset %}{{ s }}"));
        assertEquals(List.of("x", "a"), vars("{% for a, b in x.items() %}{{ a }}{% else %}{{ a }}{% endfor %}"));
        assertEquals(List.of("m"), vars("{{ m() }}{% macro m() %}{% endmacro %}"));
        assertEquals(List.of("m", "i"), vars("{% call m(1) %}{{ i }}{% endcall %}"));
        assertEquals(List.of("r"), vars("{% for i in r recursive %}{{ loop(i.c) }}{% endfor %}"));
        assertEquals(List.of("x"), vars("{{ x.y }}{{ self }}"));
    }

    private static List<String> vars(String source) {
        return TemplateEnvironment.jinja2().compile(source).undeclaredVariables();
    }
}
