package dev.hayloft.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JinjaVariablesTest {
    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
        "Hello {{ name }}!=>name",
        "{{ a.b.c }} {{ d['e'] }} {{ f | default(g) }}=>a,d,f,g",
        "{% for x in items if x > limit %}{{ x }}{{ loop.index }}{% endfor %}=>items,limit",
        "{% set y = base %}{{ y }}{{ z }}=>base,z",
        "{{ used_before }}{% set used_before = 1 %}=>used_before",
        "{% if flag is defined and flag is not none %}{{ other }}{% elif second %}{% else %}{{ third }}{% endif %}"
                + "=>flag,other,second,third",
        "{{ 'literal {{ not_a_var }}' }} {{ \"x\" ~ y }}=>y",
        "{% macro m(p, q=dflt) %}{{ p }}{{ q }}{{ outer }}{% endmacro %}{{ m(1) }}=>dflt,outer",
        "{{ f(key=value) }}=>f,value",
        "{% set ns = namespace(found=false) %}{% set ns.found = true %}{{ ns.found }}=>''",
        "{% for k, v in pairs.items() %}{{ k }}={{ v }}{% endfor %}=>pairs",
        "{{ range(n) | join(',') }} {{ x if cond else y }}=>n,x,cond,y"})
    void findsUndeclaredVariables(String template, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));
        assertEquals(want, JinjaTemplates.undeclaredVariables(template));
    }
}
