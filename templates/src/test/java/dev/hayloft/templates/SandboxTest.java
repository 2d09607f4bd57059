package dev.hayloft.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Nothing in a template reaches Java: only whitelisted Python-like methods and dict keys resolve. */
class SandboxTest {
    private static final Map<String, Object> CONTEXT = Map.of("messages", List.of(Map.of("role", "user")), "s", "abc");

    private static String render(String source) {
        return TemplateEnvironment.transformers().compile(source).render(CONTEXT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "{{ messages.getClass() }} => 'list object' has no attribute 'getClass'",
            "{{ s.getBytes() }} => 'str object' has no attribute 'getBytes'",
            "{{ s.length() }} => 'str object' has no attribute 'length'",
            "{{ messages[0].getClass().forName('java.lang.Runtime') }} => 'dict object' has no attribute 'getClass'",
            "{{ ''.__class__.__mro__ }} => access to attribute '__class__' of 'str' object is unsafe.",
            "{{ messages.__class__() }} => access to attribute '__class__' of 'list' object is unsafe.",
            "{{ messages.pop() }} => access to attribute 'pop' of 'list' object is unsafe.",
            "{{ messages[0].update({}) }} => access to attribute 'update' of 'dict' object is unsafe.",
            "{{ namespace.__globals__.x }} => access to attribute '__globals__' of 'function' object is unsafe.",
            "{{ range.__call__() }} => access to attribute '__call__' of 'function' object is unsafe."})
    void javaAndPythonInternalsAreUnreachable(String source, String message) {
        TemplateException e = assertThrows(TemplateException.class, () -> render(source));
        assertEquals(message, e.templateMessage());
    }

    @Test
    void unsafeAttributesPrintAsEmptyLikeJinja() {
        assertEquals("||", render("{{ ''.__class__ }}|{{ messages.__len__ }}|{{ messages[0].__dict__ }}"));
    }

    @Test
    void arbitraryJavaObjectsAreRefusedInTheContext() {
        Template t = TemplateEnvironment.transformers().compile("{{ f }}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.render(Map.of("f", new File("/etc/passwd"))));
        assertEquals("unsupported chat template context value of type java.io.File "
                + "(use maps, lists, strings, numbers, booleans and null)", e.getMessage());
    }

    @Test
    void templatesCannotChangeTheCallersValues() {
        List<Object> list = new ArrayList<>(List.of(1L));
        String out = TemplateEnvironment.haystack().compile("{% set _ = items.append(2) %}{{ items }}").render(Map.of("items", list));
        assertEquals("[1, 2]", out);
        assertEquals(List.of(1L), list);
    }
}
