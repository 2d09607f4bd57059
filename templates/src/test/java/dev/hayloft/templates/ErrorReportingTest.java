package dev.hayloft.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Syntax and runtime errors: one exception type, Jinja2's messages, the template line and column. */
class ErrorReportingTest {
    private static TemplateException compileError(String source) {
        return assertThrows(TemplateException.class, () -> TemplateEnvironment.transformers().compile(source));
    }

    private static TemplateException renderError(String source, Map<String, ?> context) {
        Template template = TemplateEnvironment.transformers().compile(source);
        return assertThrows(TemplateException.class, () -> template.render(context));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "{{ 1 + }} => 1 => 8 => unexpected 'end of print statement'",
            "{% for %} => 1 => 8 => Expected an expression, got 'end of statement block'",
            "{% foo %} => 1 => 4 => Encountered unknown tag 'foo'.",
            "{{ (1 }} => 1 => 7 => unexpected '}', expected ')'",
            "{{ 1 ] }} => 1 => 6 => unexpected ']'",
            "{# unclosed => 1 => 1 => Missing end of comment tag",
            "{{ 'open }} => 1 => 4 => unexpected char \"'\" at 3",
            "{{ x|nofilter }} => 1 => 6 => No filter named 'nofilter'.",
            "{{ x is nofilter }} => 1 => 9 => No test named 'nofilter'.",
            "{% set true = 1 %} => 1 => 8 => can't assign to 'const'",
            "{% break %} => 1 => 4 => 'break' outside loop",
            "{% continue %} => 1 => 4 => 'continue' not properly in loop",
            "{% from 'x' import _private %} => 1 => 20 => names starting with an underline can not be imported"})
    void syntaxErrorsNameTheirPosition(String source, int line, int column, String message) {
        TemplateException e = compileError(source);
        assertEquals(TemplateException.Kind.SYNTAX, e.kind());
        assertEquals(message, e.templateMessage());
        assertEquals(line, e.line());
        assertEquals(column, e.column());
        assertEquals("Template syntax error (line " + line + ", column " + column + "): " + message, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {"{% include 'header.txt' %}", "{% import 'macros.txt' as m %}",
            "{% from 'macros.txt' import field %}", "{% extends 'base.txt' %}", "{% include 'x' ignore missing %}"})
    void loadingOtherTemplatesFailsWhenRenderedAsWithoutALoader(String source) {
        Template template = TemplateEnvironment.haystack().compile(source);
        TemplateException e = assertThrows(TemplateException.class, () -> template.render(Map.of()));
        assertEquals(TemplateException.Kind.RUNTIME, e.kind());
        assertTrue(e.templateMessage().startsWith("no loader for this environment specified"), e.getMessage());
        assertEquals(1, e.line());
        assertEquals("ok", TemplateEnvironment.haystack().compile("{% if false %}" + source + "{% endif %}ok").render(Map.of()));
    }

    @Test
    void unclosedBlocksListWhatJinjaWasLookingFor() {
        assertEquals("Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or "
                + "'endif'. The innermost block that needs to be closed is 'if'.", compileError("{% if x %}").templateMessage());
        assertEquals("Encountered unknown tag 'endif'. You probably made a nesting mistake. Jinja is expecting this "
                + "tag, but currently looking for 'endfor' or 'else'. The innermost block that needs to be closed is "
                + "'for'.", compileError("{% if a %}{% for x in l %}{% endif %}").templateMessage());
    }

    @Test
    void multiLineTemplatesReportTheRightLine() {
        TemplateException e = compileError("line one\n{% if true %}\n  {{ x.1a }}\n{% endif %}");
        assertEquals(3, e.line());
        assertEquals(9, e.column());
        assertEquals("expected token 'end of print statement', got 'a'", e.templateMessage());
    }

    @Test
    void runtimeErrorsNameTheInnermostExpression() {
        TemplateException e = renderError("{% for m in messages %}\n  {{ m.content + 1 }}\n{% endfor %}",
                Map.of("messages", List.of(Map.of("content", "x"))));
        assertEquals(TemplateException.Kind.RUNTIME, e.kind());
        assertEquals("can only concatenate str (not \"int\") to str", e.templateMessage());
        assertEquals(2, e.line());
        assertEquals(16, e.column());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "{{ 12 // 0 }} => integer division or modulo by zero",
            "{{ 1 / 0 }} => division by zero",
            "{{ 1 + 'a' }} => unsupported operand type(s) for +: 'int' and 'str'",
            "{{ 'abc' < 1 }} => '<' not supported between instances of 'str' and 'int'",
            "{% for i in none %}{% endfor %} => 'NoneType' object is not iterable",
            "{{ 3() }} => 'int' object is not callable",
            "{% set a, b = [1] %} => not enough values to unpack (expected 2, got 1)",
            "{% set n = 1 %}{% set n.x = 2 %} => cannot assign attribute on non-namespace object",
            "{{ 'a,b'.split('') }} => empty separator",
            "{{ [1][::0] }} => slice step cannot be zero",
            "{{ range(200000)|length }} => Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).",
            "{{ 'x' * 2 ** 64 }} => cannot fit 'int' into an index-sized integer",
            "{% if true %}{{ x|nofilter }}{% endif %} => No filter named 'nofilter' found.",
            "{% set d = {'a': 1} %}{{ d[1:] }} => unhashable type: 'slice'",
            "{% set n = 5 %}{{ n[1:] }} => 'int' object is not subscriptable",
            "{{ [1]|map('string')|last }} => 'generator' object is not reversible",
            "{{ '%s|%s' % [1, 2] }} => not enough arguments for format string",
            "{{ missing|int }} => 'missing' is undefined"})
    void runtimeErrorsUsePythonMessages(String source, String message) {
        assertEquals(message, renderError(source, Map.of()).templateMessage());
    }

    @Test
    void raiseExceptionCarriesTheTemplatesMessage() {
        TemplateException e = renderError("{% if messages|length == 0 %}\n{{ raise_exception('No messages: ' ~ 0) }}{% endif %}",
                Map.of("messages", List.of()));
        assertEquals(TemplateException.Kind.RAISED, e.kind());
        assertEquals("No messages: 0", e.templateMessage());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("Template raised an exception (line 2, column "), e.getMessage());
    }

    @Test
    void exceptionsAreUnchecked() {
        assertTrue(compileError("{% if %}") instanceof RuntimeException);
    }
}
