package dev.hayloft.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python's operators on interpreter values: int/float arithmetic with Python's division and
 * modulo rules, string/list concatenation and repetition, {@code ~}, {@code in} and comparisons.
 * Integers are 64-bit; a result that would overflow fails instead of silently wrapping.
 *
 * <pre>{@code
 * PyOps.binary(state, "//", -7L, 2L)   // -4
 * PyOps.binary(state, "/", 1L, 2L)     // 0.5
 * PyOps.binary(state, "+", "a", "b")   // "ab"
 * }</pre>
 */
final class PyOps {
    private PyOps() {
    }

    static Object binary(RenderState state, String op, Object a, Object b) {
        if (a instanceof Undefined u) {
            throw u.error();
        }
        if (b instanceof Undefined u && !(op.equals("%") && a instanceof String)) {
            throw u.error();
        }
        boolean numbers = PyValues.isNumber(a) && PyValues.isNumber(b);
        boolean floats = numbers && (a instanceof Double || b instanceof Double);
        try {
            switch (op) {
                case "+":
                    if (numbers) {
                        return floats ? (Object) (PyValues.toDouble(a) + PyValues.toDouble(b))
                                : (Object) Math.addExact(PyValues.toLong(a), PyValues.toLong(b));
                    }
                    return concatenate(state, a, b);
                case "-":
                    if (numbers) {
                        return floats ? (Object) (PyValues.toDouble(a) - PyValues.toDouble(b))
                                : (Object) Math.subtractExact(PyValues.toLong(a), PyValues.toLong(b));
                    }
                    break;
                case "*":
                    if (numbers) {
                        return floats ? (Object) (PyValues.toDouble(a) * PyValues.toDouble(b))
                                : (Object) Math.multiplyExact(PyValues.toLong(a), PyValues.toLong(b));
                    }
                    if (PyValues.isInt(b) && !(a instanceof Boolean || a instanceof Long)) {
                        return repeat(state, a, PyValues.toLong(b), op, b);
                    }
                    if (PyValues.isInt(a)) {
                        return repeat(state, b, PyValues.toLong(a), op, a);
                    }
                    if (a instanceof String || a instanceof List || a instanceof PyTuple) {
                        throw TemplateException.runtime("can't multiply sequence by non-int of type '" + PyValues.typeName(b) + "'");
                    }
                    if (b instanceof String || b instanceof List || b instanceof PyTuple) {
                        throw TemplateException.runtime("can't multiply sequence by non-int of type '" + PyValues.typeName(a) + "'");
                    }
                    break;
                case "/":
                    if (numbers) {
                        double y = PyValues.toDouble(b);
                        if (y == 0) {
                            throw TemplateException.runtime(floats ? "float division by zero" : "division by zero");
                        }
                        return PyValues.toDouble(a) / y;
                    }
                    break;
                case "//":
                    if (numbers) {
                        return floorDiv(a, b, floats);
                    }
                    break;
                case "%":
                    if (numbers) {
                        return modulo(a, b, floats);
                    }
                    if (a instanceof String s) {
                        return PyFormat.percent(state, s, b);
                    }
                    break;
                case "**":
                    if (numbers) {
                        return power(a, b, floats);
                    }
                    break;
                default:
                    throw TemplateException.runtime("unknown operator " + op);
            }
        } catch (ArithmeticException overflow) {
            throw TemplateException.runtime("integer overflow in " + op + " (integers are limited to 64 bits)");
        }
        throw unsupported(op, a, b);
    }

    private static TemplateException unsupported(String op, Object a, Object b) {
        return TemplateException.runtime("unsupported operand type(s) for " + op + ": '" + PyValues.typeName(a)
                + "' and '" + PyValues.typeName(b) + "'");
    }

    private static Object concatenate(RenderState state, Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            state.checkSize((long) x.length() + y.length());
            return x + y;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            state.checkSize((long) x.size() + y.size());
            List<Object> out = new ArrayList<>(x);
            out.addAll(y);
            return out;
        }
        if (a instanceof PyTuple x && b instanceof PyTuple y) {
            state.checkSize((long) x.size() + y.size());
            List<Object> out = new ArrayList<>(x.items());
            out.addAll(y.items());
            return new PyTuple(out);
        }
        if (a instanceof String || a instanceof List || a instanceof PyTuple) {
            String kind = PyValues.typeName(a);
            throw TemplateException.runtime("can only concatenate " + kind + " (not \"" + PyValues.typeName(b)
                    + "\") to " + kind);
        }
        throw unsupported("+", a, b);
    }

    private static Object repeat(RenderState state, Object seq, long times, String op, Object count) {
        long n = Math.max(0, times);
        if (seq instanceof String s) {
            state.checkSize(s.length() * n);
            return s.repeat((int) n);
        }
        if (seq instanceof List<?> || seq instanceof PyTuple) {
            List<?> items = seq instanceof PyTuple t ? t.items() : (List<?>) seq;
            state.checkSize(items.size() * n);
            List<Object> out = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                out.addAll(items);
            }
            return seq instanceof PyTuple ? new PyTuple(out) : out;
        }
        throw unsupported(op, seq, count);
    }

    private static Object floorDiv(Object a, Object b, boolean floats) {
        if (floats) {
            double x = PyValues.toDouble(a);
            double y = PyValues.toDouble(b);
            if (y == 0) {
                throw TemplateException.runtime("float floor division by zero");
            }
            // CPython's float_floor_div: based on fmod, so 0.5 // 0.1 == 4.0
            double mod = x % y;
            double div = (x - mod) / y;
            if (mod != 0 && (y < 0) != (mod < 0)) {
                div -= 1.0;
            }
            if (div == 0) {
                return Math.copySign(0.0, x / y);
            }
            double floor = Math.floor(div);
            return div - floor > 0.5 ? floor + 1.0 : floor;
        }
        long y = PyValues.toLong(b);
        if (y == 0) {
            throw TemplateException.runtime("integer division or modulo by zero");
        }
        long x = PyValues.toLong(a);
        if (x == Long.MIN_VALUE && y == -1) {
            throw new ArithmeticException();
        }
        return Math.floorDiv(x, y);
    }

    private static Object modulo(Object a, Object b, boolean floats) {
        if (floats) {
            double y = PyValues.toDouble(b);
            if (y == 0) {
                throw TemplateException.runtime("float modulo");
            }
            double r = PyValues.toDouble(a) % y;
            if (r != 0 && (r < 0) != (y < 0)) {
                r += y;
            } else if (r == 0) {
                r = Math.copySign(0.0, y);
            }
            return r;
        }
        long y = PyValues.toLong(b);
        if (y == 0) {
            throw TemplateException.runtime("integer modulo by zero");
        }
        return Math.floorMod(PyValues.toLong(a), y);
    }

    private static Object power(Object a, Object b, boolean floats) {
        if (!floats && PyValues.toLong(b) >= 0) {
            long base = PyValues.toLong(a);
            long exp = PyValues.toLong(b);
            long result = 1;
            while (exp > 0) {
                if ((exp & 1) == 1) {
                    result = Math.multiplyExact(result, base);
                }
                exp >>= 1;
                if (exp > 0) {
                    base = Math.multiplyExact(base, base);
                }
            }
            return result;
        }
        double x = PyValues.toDouble(a);
        double y = PyValues.toDouble(b);
        if (x == 0 && y < 0) {
            throw TemplateException.runtime("0.0 cannot be raised to a negative power");
        }
        if (x < 0 && y != Math.rint(y) && Double.isFinite(y)) {
            return PyComplex.power(x, y);
        }
        return Math.pow(x, y);
    }

    /** {@code -v} and {@code +v}. */
    static Object unary(String op, Object v) {
        if (v instanceof Undefined u) {
            throw u.error();
        }
        if (v instanceof Double d) {
            return op.equals("-") ? -d : d;
        }
        if (PyValues.isInt(v)) {
            long l = PyValues.toLong(v);
            if (op.equals("-") && l == Long.MIN_VALUE) {
                throw TemplateException.runtime("integer overflow in unary -");
            }
            return op.equals("-") ? -l : l;
        }
        throw TemplateException.runtime("bad operand type for unary " + op + ": '" + PyValues.typeName(v) + "'");
    }

    /** Jinja's {@code a ~ b}: both sides as strings, joined. */
    static String tilde(RenderState state, Object a, Object b) {
        String x = PyValues.str(state, a);
        String y = PyValues.str(state, b);
        state.checkSize((long) x.length() + y.length());
        return x + y;
    }

    /** Python's {@code item in container}. */
    static boolean contains(RenderState state, Object container, Object item) {
        if (container instanceof String s) {
            if (!(item instanceof String sub)) {
                throw TemplateException.runtime("'in <string>' requires string as left operand, not "
                        + PyValues.typeName(item));
            }
            state.work(s.length());
            return s.contains(sub);
        }
        if (container instanceof Map<?, ?> m) {
            if (item instanceof List || item instanceof Map || item instanceof Namespace) {
                throw TemplateException.runtime("unhashable type: '" + PyValues.typeName(item) + "'");
            }
            if (item instanceof String) {
                return m.containsKey(item);
            }
            return m.keySet().stream().anyMatch(k -> PyValues.eq(k, item));
        }
        if (container instanceof List || container instanceof PyTuple || container instanceof Undefined
                || container instanceof PyIterator || container instanceof DictView) {
            for (Object candidate : PyValues.iterate(state, container)) {
                if (PyValues.eq(candidate, item)) {
                    return true;
                }
            }
            return false;
        }
        throw TemplateException.runtime("argument of type '" + PyValues.typeName(container) + "' is not iterable");
    }

    /** A comparison operator: {@code == != < <= > >= in notin}. */
    static boolean compare(RenderState state, String op, Object a, Object b) {
        switch (op) {
            case "==":
                return PyValues.eq(a, b);
            case "!=":
                return !PyValues.eq(a, b);
            case "in":
                return contains(state, b, a);
            case "notin":
                return !contains(state, b, a);
            default:
                break;
        }
        if ((a instanceof Double x && x.isNaN()) || (b instanceof Double y && y.isNaN())) {
            if (PyValues.isNumber(a) && PyValues.isNumber(b)) {
                return false;
            }
        }
        int c = PyValues.compare(a, b, op);
        return switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> throw TemplateException.runtime("unknown comparison " + op);
        };
    }
}
