package dev.hayloft.templates;

import java.math.BigDecimal;
import java.math.MathContext;
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

    /**
     * Python's {@code repr(float)}: the shortest decimal that reads back as the same double
     * (JDK 17's {@code Double.toString} is not always shortest), in fixed notation for decimal
     * exponents -4..15 and scientific ({@code 1e+16}, {@code 1.5e-05}) otherwise.
     */
    static String repr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortest(d).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale(); // decimal exponent of the first digit
        StringBuilder sb = new StringBuilder();
        if (d < 0) {
            sb.append('-');
        }
        if (exponent >= -4 && exponent < 16) {
            if (exponent >= 0) {
                if (digits.length() <= exponent + 1) {
                    sb.append(digits).append("0".repeat(exponent + 1 - digits.length())).append(".0");
                } else {
                    sb.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
                }
            } else {
                sb.append("0.").append("0".repeat(-exponent - 1)).append(digits);
            }
        } else {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                sb.append('0');
            }
            sb.append(abs);
        }
        return sb.toString();
    }

    /** The nearest shortest decimal that reads back as {@code d}. */
    private static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal best = null;
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.FLOOR,
                RoundingMode.CEILING}) {
                BigDecimal candidate = exact.round(new MathContext(precision, mode));
                if (candidate.doubleValue() != d) {
                    continue;
                }
                if (best == null || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0) {
                    best = candidate;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return exact.round(MathContext.DECIMAL64);
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
