package dev.hayloft.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Python value semantics: float repr, str/repr of containers, JSON, truthiness, equality. */
class PythonValuesTest {
    private final RenderState state = new RenderState(TemplateEnvironment.jinja2());

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "4.9E-324 => 5e-324",
            "1.7976931348623157E308 => 1.7976931348623157e+308",
            "0.3 => 0.3",
            "100.0 => 100.0",
            "1.0E22 => 1e+22",
            "1.23456789123E8 => 123456789.123",
            "9.007199254740992E15 => 9007199254740992.0",
            "0.30000000000000004 => 0.30000000000000004",
            "1.0E-4 => 0.0001",
            "1.5E-4 => 0.00015",
            "1.2345678901234567E19 => 1.2345678901234567e+19",
            "1.5E-323 => 1.5e-323",
            "4.35 => 4.35",
            "-0.0 => -0.0",
            "1.0E16 => 1e+16",
            "1.0E15 => 1000000000000000.0",
            "1.0E-5 => 1e-05"})
    void floatsPrintLikePythonRepr(double value, String python) {
        assertEquals(python, PyFloats.repr(value));
    }

    @Test
    void specialFloats() {
        assertEquals("inf", PyFloats.repr(Double.POSITIVE_INFINITY));
        assertEquals("-inf", PyFloats.repr(Double.NEGATIVE_INFINITY));
        assertEquals("nan", PyFloats.repr(Double.NaN));
    }

    @Test
    void containersPrintLikePythonStr() {
        Map<Object, Object> dict = new LinkedHashMap<>();
        dict.put("b", List.of(1L, 2.5));
        dict.put("it's", null);
        List<Object> list = new ArrayList<>(List.of("a", true, 3L));
        list.add(null);
        list.add(dict);
        list.add(PyTuple.of("x"));
        assertEquals("['a', True, 3, None, {'b': [1, 2.5], \"it's\": None}, ('x',)]", PyValues.str(state, list));
        assertEquals("plain", PyValues.str(state, "plain"));
        assertEquals("", PyValues.str(state, Undefined.named("x")));
    }

    @Test
    void stringReprEscapesLikePython() {
        assertEquals("'a\\nb\\t\\\\ \\x01 \\x7f é \\u200b 🙂'", PyStrings.repr("a\nb\t\\ \u0001 \u007f é \u200b 🙂"));
        assertEquals("'both \\' and \"'", PyStrings.repr("both ' and \""));
    }

    @Test
    void selfContainingListPrintsEllipsis() {
        List<Object> list = new ArrayList<>();
        list.add(1L);
        list.add(list);
        assertEquals("[1, [...]]", PyValues.str(state, list));
    }

    @Test
    void jsonMatchesPythonJsonDumps() {
        Map<Object, Object> inner = new LinkedHashMap<>();
        inner.put("b", null);
        Map<Object, Object> dict = new LinkedHashMap<>();
        dict.put("a", List.of(1L, inner));
        dict.put("c", "é");
        assertEquals("{\"a\": [1, {\"b\": null}], \"c\": \"é\"}", PyJson.dumps(state, dict, false, null, null, false));
        assertEquals("{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": \"é\"\n}",
                PyJson.dumps(state, dict, false, 2L, null, false));
        assertEquals("{\"a\": [1, {\"b\": null}], \"c\": \"\\u00e9\"}", PyJson.dumps(state, dict, true, null, null, false));
        List<Object> nested = List.of(1L, List.of(2L, List.of()), Map.of());
        assertEquals("[\n1,\n[\n2,\n[]\n],\n{}\n]", PyJson.dumps(state, nested, false, 0L, null, false));
        Map<Object, Object> unsorted = new LinkedHashMap<>();
        unsorted.put("b", 1L);
        unsorted.put("a", List.of(true, false));
        assertEquals("{\"a\":[true,false],\"b\":1}", PyJson.dumps(state, unsorted, false, null, PyTuple.of(",", ":"), true));
    }

    @Test
    void jsonRefusesUndefinedAndCycles() {
        TemplateException undefined = assertThrows(TemplateException.class,
                () -> PyJson.dumps(state, Undefined.named("x"), false, null, null, false));
        assertEquals("Object of type Undefined is not JSON serializable", undefined.templateMessage());
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        TemplateException circular = assertThrows(TemplateException.class,
                () -> PyJson.dumps(state, cycle, false, null, null, false));
        assertEquals("Circular reference detected", circular.templateMessage());
    }

    @Test
    void truthinessAndEqualityFollowPython() {
        assertFalse(PyValues.truthy(""));
        assertFalse(PyValues.truthy(List.of()));
        assertFalse(PyValues.truthy(Map.of()));
        assertFalse(PyValues.truthy(0L));
        assertFalse(PyValues.truthy(0.0));
        assertFalse(PyValues.truthy(null));
        assertFalse(PyValues.truthy(Undefined.named("x")));
        assertTrue(PyValues.truthy(" "));
        assertTrue(PyValues.truthy(new Namespace()));
        assertTrue(PyValues.eq(1L, 1.0));
        assertTrue(PyValues.eq(true, 1L));
        assertFalse(PyValues.eq(List.of(1L), PyTuple.of(1L)));
        assertTrue(PyValues.eq(Undefined.named("a"), Undefined.named("b")));
        assertFalse(PyValues.eq(Undefined.named("a"), null));
        assertEquals(-1, Integer.signum(PyValues.compareCodePoints("\uffff", "🙂")));
    }

    @Test
    void codePointSemanticsForLengthAndIndexing() {
        assertEquals(2, PyStrings.length("🙂a"));
        assertEquals("a", PyStrings.charAt("🙂a", 1));
        assertEquals(List.of("🙂", "a"), PyStrings.chars("🙂a"));
    }
}
