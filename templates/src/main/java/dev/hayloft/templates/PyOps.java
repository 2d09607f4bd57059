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
        switch (op) {
            case "+":
                if (numbers) {
                    return floats ? (Object) (PyValues.toDouble(a) + PyValues.toDouble(b)) : PyInts.binary(state, op, a, b);
                }
                return concatenate(state, a, b);
            case "-":
                if (numbers) {
                    return floats ? (Object) (PyValues.toDouble(a) - PyValues.toDouble(b)) : PyInts.binary(state, op, a, b);
                }
                break;
            case "*":
                if (numbers) {
                    return floats ? (Object) (PyValues.toDouble(a) * PyValues.toDouble(b)) : PyInts.binary(state, op, a, b);
                }
                if (PyValues.isInt(b) && !PyValues.isInt(a)) {
                    return repeat(state, a, b, op);
                }
                if (PyValues.isInt(a)) {
                    return repeat(state, b, a, op);
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
                    if (!floats) {
                        return PyInts.divide(a, b);
                    }
                    double y = PyValues.toDouble(b);
                    if (y == 0) {
                        throw TemplateException.runtime("float division by zero");
                    }
                    return PyValues.toDouble(a) / y;
                }
                break;
            case "//":
                if (numbers) {
                    return floats ? floorDiv(a, b) : PyInts.binary(state, op, a, b);
                }
                break;
            case "%":
                if (numbers) {
                    return floats ? modulo(a, b) : PyInts.binary(state, op, a, b);
                }
                if (a instanceof String s) {
                    return PyFormat.percent(state, s, b);
                }
                break;
            case "**":
                if (numbers) {
                    return floats ? power(a, b) : PyInts.binary(state, op, a, b);
                }
                break;
            default:
                throw TemplateException.runtime("unknown operator " + op);
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

    private static Object repeat(RenderState state, Object seq, Object count, String op) {
        if (!(seq instanceof String || seq instanceof List || seq instanceof PyTuple)) {
            throw unsupported(op, seq, count);
        }
        if (count instanceof java.math.BigInteger big && big.signum() > 0) {
            throw TemplateException.runtime("cannot fit 'int' into an index-sized integer");
        }
        long times = count instanceof java.math.BigInteger ? 0 : PyValues.toLong(count);
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

    private static Object floorDiv(Object a, Object b) {
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

    private static Object modulo(Object a, Object b) {
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

    private static Object power(Object a, Object b) {
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
            java.math.BigInteger big = PyInts.big(v);
            return PyInts.normalize(op.equals("-") ? big.negate() : big);
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
                || container instanceof PyIterator || container instanceof DictView || container instanceof PyRange) {
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
