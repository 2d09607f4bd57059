package dev.hayloft.templates;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jinja2's tests ({@code x is defined}, {@code x is not none}, {@code n is divisibleby 3}...), with
 * Python's type rules: a bool is a {@code number} but not an {@code integer}; a string is
 * {@code iterable} and a {@code sequence}; Undefined is iterable.
 *
 * <pre>{@code
 * JinjaTests.apply(st, "defined", Undefined.named("x"), Args.EMPTY)   // false
 * }</pre>
 */
final class JinjaTests {
    static final Set<String> NAMES = Set.of("defined", "undefined", "none", "boolean", "false", "true", "integer",
            "float", "number", "string", "mapping", "iterable", "sequence", "callable", "sameas", "escaped", "lower",
            "upper", "even", "odd", "divisibleby", "eq", "equalto", "==", "ne", "!=", "lt", "lessthan", "<", "le", "<=",
            "gt", "greaterthan", ">", "ge", ">=", "in", "filter", "test");

    private JinjaTests() {
    }

    static boolean apply(RenderState state, String name, Object v, Args args) {
        switch (name) {
            case "defined":
                return !(v instanceof Undefined);
            case "undefined":
                return v instanceof Undefined;
            case "none":
                return v == null;
            case "boolean":
                return v instanceof Boolean;
            case "false":
                return Boolean.FALSE.equals(v);
            case "true":
                return Boolean.TRUE.equals(v);
            case "integer":
                return v instanceof Long || v instanceof java.math.BigInteger;
            case "float":
                return v instanceof Double;
            case "number":
                return PyValues.isNumber(v);
            case "string":
                return v instanceof String;
            case "mapping":
                return v instanceof Map;
            case "iterable":
                return PyValues.isIterable(v) || v instanceof LoopContext;
            case "sequence":
                return v instanceof String || v instanceof List || v instanceof PyTuple || v instanceof Map
                        || v instanceof Undefined || v instanceof PyRange;
            case "callable":
                return v instanceof PyCallable || v instanceof Undefined;
            case "escaped":
                return state.isMarkup(v);
            case "sameas": {
                Object other = args.check(name, "other").require(0, "other", name);
                return v == other || (v instanceof Boolean && v.equals(other));
            }
            case "lower":
            case "upper": {
                String s = PyValues.str(state, v);
                return (Boolean) StrMethods.call(state, s, "is" + name, Args.EMPTY);
            }
            case "even":
            case "odd": {
                Object rem = PyOps.binary(state, "%", v, 2L);
                return PyValues.eq(rem, name.equals("even") ? 0L : 1L);
            }
            case "divisibleby":
                return PyValues.eq(PyOps.binary(state, "%", v, args.check(name, "num").require(0, "num", name)), 0L);
            case "filter":
                args.check(name);
                return v instanceof String f && (Filters.NAMES.contains(f) || state.environment().filters().containsKey(f));
            case "test":
                args.check(name);
                return v instanceof String t && NAMES.contains(t);
            default:
                return compare(state, name, v, args);
        }
    }

    private static boolean compare(RenderState state, String name, Object v, Args args) {
        String op = switch (name) {
            case "eq", "equalto", "==" -> "==";
            case "ne", "!=" -> "!=";
            case "lt", "lessthan", "<" -> "<";
            case "le", "<=" -> "<=";
            case "gt", "greaterthan", ">" -> ">";
            case "ge", ">=" -> ">=";
            case "in" -> "in";
            default -> throw TemplateException.runtime("No test named '" + name + "' found.");
        };
        Object other = args.check(name, "other").require(0, "other", name);
        return PyOps.compare(state, op, v, other);
    }
}
