package dev.hayloft.templates;

import static dev.hayloft.templates.ConformanceSupport.CTX_A;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whitespace control (trim_blocks, lstrip_blocks, -/+ markers, comments, raw, newlines) as in Jinja2.
 * Expected outputs recorded from Jinja2; see {@link ConformanceSupport}.
 */
class WhitespaceConformanceTest {
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void matchesJinja(String template, Map<String, Object> context, String expected) {
        ConformanceSupport.check(template, context, expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a\n{% if true %}\nb\n{% endif %}\nc\n", CTX_A, "a\nb\nc"),
                Arguments.of("a\n  {% if true %}\n  b\n  {% endif %}\n  c", CTX_A, "a\n  b\n  c"),
                Arguments.of("  {% if true %}x{% endif %}  \n", CTX_A, "x  "),
                Arguments.of("a  {% if true %}x{% endif %}  b", CTX_A, "a  x  b"),
                Arguments.of("a {{ 1 }}  {% if true %}x{% endif %}", CTX_A, "a 1  x"),
                Arguments.of("{{ 'a' }}\n  {% if true %}\n    x\n  {% endif %}\n", CTX_A, "a\n    x\n"),
                Arguments.of("x  \n  {%- if true %} y {% endif -%}  \n z", CTX_A, "x y z"),
                Arguments.of("x {{- 1 -}} y {{ 2 }} z", CTX_A, "x1y 2 z"),
                Arguments.of("a\n{# comment #}\nb\n  {# c2 #}\nc", CTX_A, "a\nb\nc"),
                Arguments.of("a {#- c -#} b", CTX_A, "ab"),
                Arguments.of("a\n  {%+ if true %}x{% endif %}\nb", CTX_A, "a\n  xb"),
                Arguments.of("a\n  {% if true +%}\nx{% endif %}", CTX_A, "a\n\nx"),
                Arguments.of("line1\r\nline2\r\n{% if true %}\r\nx\r\n{% endif %}\r\n", CTX_A, "line1\nline2\nx\n"),
                Arguments.of("end with newline\n\n", CTX_A, "end with newline\n"),
                Arguments.of("\t\t{% for i in l %}\t{{ i }}\n\t\t{% endfor %}", CTX_A, "\t3\n\t1\n\t2\n"),
                Arguments.of("a\n{%- for i in l %}\n  {{- i }}\n{%- endfor %}\nb", CTX_A, "a312b"),
                Arguments.of("{{ '{{' }} {{ '}}' }} {{ {'a': {'b': 1}} }}", CTX_A, "{{ }} {'a': {'b': 1}}"),
                Arguments.of("a  {{- 'x' }}\n   {{- 'y' }}", CTX_A, "axy"),
                Arguments.of("x\n\u3000{% if true %}y{% endif %}", CTX_A, "x\ny"),
                Arguments.of("{{ '{{}} {}'.format(1) }}", CTX_A, "{} 1"),
                Arguments.of("{{ messages[1].content is string }}{{ messages[1].content is mapping or messages[1].content is iterable }}", CTX_A, "TrueTrue"),
                Arguments.of("{{- bos_token }}{{ eos_token }}", CTX_A, ""),
                Arguments.of("{{ x }}\n{% set x = 3 %}{{ x }}", CTX_A, "\n3"),
                Arguments.of("{{ 'x' if false }}|{{ ('x' if false) is defined }}", CTX_A, "|False"));
    }
}
