package dev.hayloft.templates;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * Python's arbitrary-precision {@code int}: values that fit in 64 bits are {@link Long}s, larger
 * ones {@link BigInteger}s (always normalised back to {@code Long} when they fit). Arithmetic
 * runs on longs and moves to big integers only when a result overflows, so {@code 2 ** 64} and
 * {@code 10 ** 30 // 7} give Python's exact results; a result that would pass the render's size
 * limit fails with a {@code LIMIT} error instead of exhausting memory.
 *
 * <pre>{@code
 * PyInts.binary(state, "**", 2L, 64L)    // BigInteger 18446744073709551616
 * PyInts.binary(state, "//", -7L, 2L)    // -4L
 * }</pre>
 */
final class PyInts {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private PyInts() {
    }

    /** A Python int as the engine holds it: a {@code Long} when it fits, else the {@code BigInteger}. */
    static Object normalize(BigInteger v) {
        return v.bitLength() <= 63 ? (Object) v.longValue() : v;
    }

    static BigInteger big(Object v) {
        return v instanceof BigInteger b ? b : BigInteger.valueOf(PyValues.toLong(v));
    }

    /** A big index clamped into the long range (slice bounds, which Python clamps too). */
    static long clamp(Object v) {
        if (v instanceof BigInteger b) {
            return b.signum() < 0 ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
        return PyValues.toLong(v);
    }

    /** {@code a op b} for two ints: {@code + - * // % **} (a negative power gives a float). */
    static Object binary(RenderState state, String op, Object a, Object b) {
        if (!(a instanceof BigInteger) && !(b instanceof BigInteger)) {
            long x = PyValues.toLong(a);
            long y = PyValues.toLong(b);
            try {
                switch (op) {
                    case "+":
                        return Math.addExact(x, y);
                    case "-":
                        return Math.subtractExact(x, y);
                    case "*":
                        return Math.multiplyExact(x, y);
                    case "//":
                        if (y == 0) {
                            throw TemplateException.runtime("integer division or modulo by zero");
                        }
                        if (x == Long.MIN_VALUE && y == -1) {
                            break;
                        }
                        return Math.floorDiv(x, y);
                    case "%":
                        if (y == 0) {
                            throw TemplateException.runtime("integer modulo by zero");
                        }
                        return Math.floorMod(x, y);
                    default:
                        break;
                }
            } catch (ArithmeticException overflow) {
                // continue with big integers
            }
        }
        BigInteger x = big(a);
        BigInteger y = big(b);
        switch (op) {
            case "+":
                return normalize(x.add(y));
            case "-":
                return normalize(x.subtract(y));
            case "*":
                state.checkSize((x.bitLength() + y.bitLength()) / 3L);
                return normalize(x.multiply(y));
            case "//":
            case "%": {
                if (y.signum() == 0) {
                    throw TemplateException.runtime(op.equals("%") ? "integer modulo by zero"
                            : "integer division or modulo by zero");
                }
                BigInteger[] qr = x.divideAndRemainder(y);
                if (qr[1].signum() != 0 && qr[1].signum() != y.signum()) {
                    qr[0] = qr[0].subtract(BigInteger.ONE);
                    qr[1] = qr[1].add(y);
                }
                return normalize(op.equals("//") ? qr[0] : qr[1]);
            }
            case "**":
                return power(state, x, y);
            default:
                throw TemplateException.runtime("unknown operator " + op);
        }
    }

    private static Object power(RenderState state, BigInteger base, BigInteger exp) {
        if (exp.signum() < 0) {
            if (base.signum() == 0) {
                throw TemplateException.runtime("0.0 cannot be raised to a negative power");
            }
            return Math.pow(toDouble(base), exp.doubleValue());
        }
        if (base.abs().compareTo(BigInteger.ONE) <= 0) {
            return normalize(base.signum() == 0 ? (exp.signum() == 0 ? BigInteger.ONE : BigInteger.ZERO)
                    : base.signum() > 0 || !exp.testBit(0) ? BigInteger.ONE : BigInteger.ONE.negate());
        }
        if (exp.bitLength() > 31) {
            throw RenderState.limit("the power is too large (" + base + " ** " + exp + ")");
        }
        long bits = (long) base.bitLength() * exp.intValue();
        state.checkSize(bits / 3);
        return normalize(base.pow(exp.intValue()));
    }

    /** {@code a / b} for two ints, correctly rounded like Python's true division. */
    static double divide(Object a, Object b) {
        BigInteger x = big(a);
        BigInteger y = big(b);
        if (y.signum() == 0) {
            throw TemplateException.runtime("division by zero");
        }
        if (x.bitLength() <= 53 && y.bitLength() <= 53) {
            return x.doubleValue() / y.doubleValue();
        }
        double d = new BigDecimal(x).divide(new BigDecimal(y), MathContext.DECIMAL128).doubleValue();
        if (Double.isInfinite(d)) {
            throw TemplateException.runtime("integer division result too large for a float");
        }
        return d;
    }

    /** {@code float(int)}. */
    static double toDouble(BigInteger v) {
        double d = v.doubleValue();
        if (Double.isInfinite(d)) {
            throw TemplateException.runtime("int too large to convert to float");
        }
        return d;
    }

    /** Python's exact comparison of two numbers (ints of any size, floats, bools): -1, 0 or 1; NaN compares equal. */
    static int compare(Object a, Object b) {
        boolean fa = a instanceof Double;
        boolean fb = b instanceof Double;
        if (fa && fb) {
            double x = (Double) a;
            double y = (Double) b;
            return x < y ? -1 : x > y ? 1 : 0;
        }
        if (fa || fb) {
            double d = fa ? (Double) a : (Double) b;
            Object i = fa ? b : a;
            int c;
            if (Double.isNaN(d)) {
                c = 0;
            } else if (Double.isInfinite(d)) {
                c = d > 0 ? 1 : -1;
            } else {
                c = new BigDecimal(d).compareTo(new BigDecimal(big(i)));
            }
            return fa ? c : -c;
        }
        if (a instanceof BigInteger || b instanceof BigInteger) {
            return big(a).compareTo(big(b));
        }
        return Long.compare(PyValues.toLong(a), PyValues.toLong(b));
    }

    /** Python's {@code int(d)} of a finite float. */
    static Object fromDouble(double d) {
        if (Math.abs(d) < 9.2e18) {
            return (long) d;
        }
        return normalize(new BigDecimal(d).toBigInteger());
    }

    static boolean fitsLong(BigInteger v) {
        return v.compareTo(LONG_MIN) >= 0 && v.compareTo(LONG_MAX) <= 0;
    }
}
