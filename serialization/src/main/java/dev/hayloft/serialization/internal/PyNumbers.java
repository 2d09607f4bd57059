package dev.hayloft.serialization.internal;

import java.math.BigInteger;
import java.util.Locale;

/**
 * What PyYAML's safe loader makes of {@code !!int} and {@code !!float} scalars
 * ({@code construct_yaml_int}, {@code construct_yaml_float}): underscores dropped, a sign,
 * then {@code 0b}/{@code 0x} binary/hex, a leading {@code 0} octal, {@code a:b:c} base 60,
 * decimal otherwise; floats likewise with {@code .inf}/{@code .nan}. Ints come back as the
 * smallest of Integer, Long, BigInteger that holds them (as SnakeYAML gives them), floats as
 * Double.
 *
 * <pre>{@code
 * PyNumbers.toInt("0x_1F");          // 31
 * PyNumbers.toInt("190:20:30");      // 685230
 * PyNumbers.toFloat("-.Inf");        // -Infinity
 * }</pre>
 */
public final class PyNumbers {
    private static final BigInteger SIXTY = BigInteger.valueOf(60);
    /** Python 3.11+'s {@code sys.get_int_max_str_digits()} default: longer decimal ints fail there. */
    static final int MAX_DECIMAL_DIGITS = 4300;

    private PyNumbers() {
    }

    /**
     * PyYAML's int construction.
     *
     * @throws IllegalArgumentException where Python's {@code int()} fails (e.g. {@code 0b_})
     */
    public static Number toInt(String text) {
        String v = text.replace("_", "");
        if (v.isEmpty()) {
            throw new IllegalArgumentException("invalid int: '" + text + "'");
        }
        int sign = v.charAt(0) == '-' ? -1 : 1;
        if (v.charAt(0) == '-' || v.charAt(0) == '+') {
            v = v.substring(1);
        }
        BigInteger value;
        if (v.equals("0")) {
            value = BigInteger.ZERO;
        } else if (v.startsWith("0b")) {
            value = pyInt(v.substring(2), 2, text);
        } else if (v.startsWith("0x")) {
            value = pyInt(v.substring(2), 16, text);
        } else if (v.startsWith("0")) {
            value = pyInt(v, 8, text);
        } else if (v.contains(":")) {
            if (v.length() > MAX_DECIMAL_DIGITS) {
                // Python computes it (in quadratic time); a hostile document must not make us
                throw new IllegalArgumentException("base-60 int '" + text.substring(0, 20) + "...' is longer than "
                        + MAX_DECIMAL_DIGITS + " characters");
            }
            value = BigInteger.ZERO;
            BigInteger base = BigInteger.ONE;
            String[] parts = v.split(":", -1);
            for (int i = parts.length - 1; i >= 0; i--) {
                value = value.add(pyInt(parts[i], 10, text).multiply(base));
                base = base.multiply(SIXTY);
            }
        } else {
            value = pyInt(v, 10, text);
        }
        return narrow(sign < 0 ? value.negate() : value);
    }

    /** Python's {@code int(s, base)} for ASCII input (whitespace, sign and base prefix allowed). */
    private static BigInteger pyInt(String s, int base, String text) {
        String t = s.strip();
        boolean negative = false;
        if (!t.isEmpty() && (t.charAt(0) == '-' || t.charAt(0) == '+')) {
            negative = t.charAt(0) == '-';
            t = t.substring(1);
        }
        String prefix = base == 2 ? "0b" : base == 8 ? "0o" : base == 16 ? "0x" : null;
        if (prefix != null && t.toLowerCase(Locale.ROOT).startsWith(prefix)) {
            t = t.substring(2);
        }
        if (t.isEmpty() || !t.chars().allMatch(c -> c < 128 && Character.digit(c, base) >= 0)) {
            throw new IllegalArgumentException("invalid int: '" + text + "'");
        }
        if (base == 10 && t.length() > MAX_DECIMAL_DIGITS) {
            throw new IllegalArgumentException("int '" + text.substring(0, 20) + "...' has more than "
                    + MAX_DECIMAL_DIGITS + " digits, Python's limit for integer string conversion");
        }
        BigInteger v = base == 10 || t.length() <= 64 ? new BigInteger(t, base) : powerOfTwo(t, base);
        return negative ? v.negate() : v;
    }

    /** Linear-time parsing for bases 2, 8 and 16 (BigInteger's own parsing is quadratic). */
    private static BigInteger powerOfTwo(String digits, int base) {
        int bitsPerDigit = Integer.numberOfTrailingZeros(base);
        java.util.BitSet bits = new java.util.BitSet(digits.length() * bitsPerDigit);
        for (int i = digits.length() - 1, bit = 0; i >= 0; i--, bit += bitsPerDigit) {
            int d = Character.digit(digits.charAt(i), base);
            for (int b = 0; b < bitsPerDigit; b++) {
                if ((d >> b & 1) != 0) {
                    bits.set(bit + b);
                }
            }
        }
        byte[] little = bits.toByteArray();
        byte[] big = new byte[little.length];
        for (int i = 0; i < little.length; i++) {
            big[i] = little[little.length - 1 - i];
        }
        return new BigInteger(1, big);
    }

    private static Number narrow(BigInteger v) {
        if (v.bitLength() < 32) {
            return v.intValue();
        }
        if (v.bitLength() < 64) {
            return v.longValue();
        }
        return v;
    }

    /**
     * PyYAML's float construction.
     *
     * @throws IllegalArgumentException where Python's {@code float()} fails
     */
    public static Double toFloat(String text) {
        String v = text.replace("_", "").toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            throw new IllegalArgumentException("invalid float: '" + text + "'");
        }
        double sign = v.charAt(0) == '-' ? -1 : 1;
        if (v.charAt(0) == '-' || v.charAt(0) == '+') {
            v = v.substring(1);
        }
        if (v.equals(".inf")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (v.equals(".nan")) {
            return Double.NaN;
        }
        if (v.contains(":")) {
            String[] parts = v.split(":", -1);
            double value = 0.0;
            BigInteger base = BigInteger.ONE;
            for (int i = parts.length - 1; i >= 0; i--) {
                double b = base.doubleValue();
                if (Double.isInfinite(b)) {
                    // Python: float * int raises OverflowError once the int is past the float range
                    throw new IllegalArgumentException("base-60 float '" + text.substring(0, 20)
                            + "...': int too large to convert to float");
                }
                value += pyFloat(parts[i], text) * b;
                base = base.multiply(SIXTY);
            }
            return sign * value;
        }
        return sign * pyFloat(v, text);
    }

    /** Python's {@code float(s)} for ASCII input. */
    private static double pyFloat(String s, String text) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        String body = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        double sign = t.startsWith("-") ? -1 : 1;
        if (body.equals("inf") || body.equals("infinity")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (body.equals("nan")) {
            return Double.NaN;
        }
        if (!body.matches("(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:e[-+]?[0-9]+)?")) {
            throw new IllegalArgumentException("invalid float: '" + text + "'");
        }
        return Double.parseDouble(t);
    }
}
