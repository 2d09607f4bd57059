package dev.hayloft.hf.local.internal.template;

import dev.hayloft.core.internal.PyRepr;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)}: the shortest decimal that reads back as the same double, in
 * fixed notation for exponents -4..15 and scientific ({@code 1e+16}, {@code 1.5e-05}) otherwise.
 * JSON ({@code tojson}) uses the same digits, with {@code NaN}/{@code Infinity} spelled as Python's
 * {@code json} module spells them.
 *
 * <pre>{@code
 * PyFloats.repr(0.1)   // "0.1"
 * PyFloats.repr(1e16)  // "1e+16"
 * PyFloats.repr(3.0)   // "3.0"
 * }</pre>
 */
final class PyFloats {
    private PyFloats() {
    }

    static String repr(double d) {
        return PyRepr.floatRepr(d);
    }

    /** Python's {@code round(d, ndigits)} for a float: exact value, half to even. */
    static double round(double d, long ndigits) {
        if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
            return d;
        }
        if (ndigits > 400) {
            return d;
        }
        if (ndigits < -400) {
            return 0.0 * Math.signum(d);
        }
        double r = new BigDecimal(d).setScale((int) ndigits, RoundingMode.HALF_EVEN).doubleValue();
        return r == 0 ? Math.copySign(0.0, d) : r;
    }
}
