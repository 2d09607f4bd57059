package dev.hayloft.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Jinja2's default Undefined: silent when printed, tested, iterated or defaulted; an error when used further. */
class UndefinedTest {
    private static final Map<String, Object> CONTEXT = Map.of(
            "d", Map.of("a", 1L), "l", List.of(1L, 2L), "nothing", java.util.Collections.singletonMap("x", null));

    private static String render(String source) {
        return TemplateEnvironment.transformers().compile(source).render(CONTEXT);
    }

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "{{ missing }} => ``",
            "{{ d.missing }} => ``",
            "{{ d['missing'] }} => ``",
            "{{ l[10] }} => ``",
            "{{ missing is defined }} => False",
            "{{ d.missing is undefined }} => True",
            "{{ missing|default('dflt') }} => dflt",
            "{{ missing|length }} => 0",
            "{{ missing ~ 'x' }} => x",
            "{{ missing|trim }} => ``",
            "{% for i in missing %}x{% else %}empty{% endfor %} => empty",
            "{{ not missing }} => True",
            "{{ missing == missing }} => True",
            "{{ missing is none }} => False",
            "{{ 'yes' if missing else 'no' }} => no",
            "{{ ('x' if false) is defined }} => False",
            "{{ [] | first is defined }} => False",
            "{{ nothing.x is none }} => True"})
    void quietUses(String source, String expected) {
        assertEquals(expected == null ? "" : expected, render(source));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "{{ missing.attr }} => 'missing' is undefined",
            "{{ missing['k'] }} => 'missing' is undefined",
            "{{ missing() }} => 'missing' is undefined",
            "{{ missing + 1 }} => 'missing' is undefined",
            "{{ d.missing.deeper }} => 'dict object' has no attribute 'missing'",
            "{{ l[10].x }} => list object has no element 10",
            "{{ nothing.x.y.z }} => 'None' has no attribute 'y'",
            "{{ missing|tojson }} => Object of type Undefined is not JSON serializable"})
    void loudUses(String source, String message) {
        TemplateException e = assertThrows(TemplateException.class, () -> render(source));
        assertEquals(TemplateException.Kind.RUNTIME, e.kind());
        assertEquals(message, e.templateMessage());
    }
}
