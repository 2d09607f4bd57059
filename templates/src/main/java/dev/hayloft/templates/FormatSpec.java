package dev.hayloft.templates;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * One parsed Python format spec ({@code [[fill]align][sign][#][0][width][,|_][.precision][type]})
 * and its application to a value, shared by {@code str.format} and {@code %} formatting. Floats are
 * rounded from their exact binary value, half to even, as Python does.
 *
 * <pre>{@code
 * FormatSpec.apply(state, 3.14159, FormatSpec.parse(">8.2f"))   // "    3.14"
 * }</pre>
 *
 * @param fill      padding character
 * @param align     {@code < > ^ =} or 0 for the type's default
 * @param sign      {@code + - space}
 * @param alternate the {@code #} flag
 * @param width     minimum width, -1 for none
 * @param grouping  {@code ,} or {@code _}, 0 for none
 * @param precision digits after the point (or max chars for strings), -1 for none
 * @param type      presentation type, 0 for none
 */
record FormatSpec(char fill, char align, char sign, boolean alternate, int width, char grouping, int precision,
                  char type) {
    static final FormatSpec NONE = new FormatSpec(' ', '\0', '-', false, -1, '\0', -1, '\0');

    static FormatSpec parse(String s) {
        if (s.isEmpty()) {
            return NONE;
        }
        int i = 0;
        char fill = ' ';
        char align = '\0';
        if (s.length() >= 2 && "<>=^".indexOf(s.charAt(1)) >= 0) {
            fill = s.charAt(0);
            align = s.charAt(1);
            i = 2;
        } else if ("<>=^".indexOf(s.charAt(0)) >= 0) {
            align = s.charAt(0);
            i = 1;
        }
        char sign = '-';
        if (i < s.length() && "+- ".indexOf(s.charAt(i)) >= 0) {
            sign = s.charAt(i++);
        }
        boolean alternate = false;
        if (i < s.length() && s.charAt(i) == '#') {
            alternate = true;
            i++;
        }
        if (i < s.length() && s.charAt(i) == '0') {
            if (align == '\0') {
                fill = '0';
                align = '=';
            }
            i++;
        }
        int start = i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        int width = i > start ? Integer.parseInt(s.substring(start, i)) : -1;
        char grouping = '\0';
        if (i < s.length() && (s.charAt(i) == ',' || s.charAt(i) == '_')) {
            grouping = s.charAt(i++);
        }
        int precision = -1;
        if (i < s.length() && s.charAt(i) == '.') {
            start = ++i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            precision = Integer.parseInt(s.substring(start, i));
        }
        char type = i < s.length() ? s.charAt(i++) : '\0';
        if (i != s.length()) {
            throw TemplateException.runtime("Invalid format specifier '" + s + "'");
        }
        return new FormatSpec(fill, align, sign, alternate, width, grouping, precision, type);
    }

    static String apply(RenderState state, Object value, FormatSpec spec) {
        if (spec.width() > state.limits().maxOutputChars()) {
            throw RenderState.limit("format width " + spec.width() + " is too large");
        }
        String body;
        char type = spec.type();
        boolean numeric = PyValues.isNumber(value) && type != 's' && type != 'r' && spec != NONE;
        if (type == 'r') {
            body = PyValues.repr(value);
        } else if (type == 'c') {
            body = value instanceof String s ? s : Character.toString((int) PyValues.toLong(number(value, type)));
        } else if (type == 's' || (type == '\0' && !numeric)) {
            body = PyValues.str(state, value);
            if (spec.precision() >= 0 && PyStrings.length(body) > spec.precision()) {
                body = body.substring(0, PyStrings.toJavaOffset(body, spec.precision()));
            }
            return pad(body, spec.fill(), spec.align() == '\0' ? '<' : spec.align(), spec.width());
        } else {
            Object n = number(value, type);
            boolean negative = n instanceof Double d ? d < 0 || 1 / d < 0 : PyInts.big(n).signum() < 0;
            String digits = digits(n, spec, negative);
            String signText = negative ? "-" : spec.sign() == '+' ? "+" : spec.sign() == ' ' ? " " : "";
            char align = spec.align() == '\0' ? '>' : spec.align();
            if (align == '=') {
                int w = spec.width() - signText.length();
                return signText + pad(digits, spec.fill(), '>', w);
            }
            return pad(signText + digits, spec.fill(), align, spec.width());
        }
        return pad(body, spec.fill(), spec.align() == '\0' ? '<' : spec.align(), spec.width());
    }

    private static Object number(Object value, char type) {
        if (!PyValues.isNumber(value)) {
            throw TemplateException.runtime("Unknown format code '" + type + "' for object of type '"
                    + PyValues.typeName(value) + "'");
        }
        if ("dxXobc".indexOf(type) >= 0 && value instanceof Double) {
            throw TemplateException.runtime("Unknown format code '" + type + "' for object of type 'float'");
        }
        return value instanceof Boolean b ? (Object) (b ? 1L : 0L) : value;
    }

    private static String digits(Object n, FormatSpec spec, boolean negative) {
        char type = spec.type();
        if (type == '\0' && n instanceof Double d && spec.precision() >= 0) {
            return general(Math.abs(d), Math.max(1, spec.precision()), 'g', false);
        }
        if (type == '\0') {
            String s = n instanceof Double d ? PyFloats.repr(Math.abs(d)) : PyInts.big(n).abs().toString();
            return group(s, spec.grouping());
        }
        if ("xXob".indexOf(type) >= 0) {
            int radix = type == 'o' ? 8 : type == 'b' ? 2 : 16;
            String s = PyInts.big(n).abs().toString(radix);
            s = type == 'X' ? s.toUpperCase(java.util.Locale.ROOT) : s;
            return spec.alternate() ? "0" + (type == 'X' ? 'X' : type) + s : s;
        }
        if (type == 'd') {
            return group(PyInts.big(n).abs().toString(), spec.grouping());
        }
        double d = Math.abs(PyValues.toDouble(n));
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            String s = Double.isNaN(d) ? "nan" : "inf";
            return Character.isUpperCase(type) ? s.toUpperCase(java.util.Locale.ROOT) : s;
        }
        int p = spec.precision() < 0 ? 6 : spec.precision();
        String s;
        switch (type) {
            case 'f', 'F' -> s = fixed(d, p);
            case '%' -> s = fixed(d * 100, p) + "%";
            case 'e', 'E' -> s = scientific(d, p, type);
            case 'g', 'G' -> s = general(d, p == 0 ? 1 : p, type, spec.alternate());
            default -> throw TemplateException.runtime("Unknown format code '" + type + "'");
        }
        int dot = s.indexOf('.');
        if (spec.grouping() != '\0' && type != 'e' && type != 'E') {
            int intEnd = dot >= 0 ? dot : s.replace("%", "").length();
            s = group(s.substring(0, intEnd), spec.grouping()) + s.substring(intEnd);
        }
        return s;
    }

    private static String fixed(double d, int precision) {
        return new BigDecimal(d).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String scientific(double d, int precision, char type) {
        String mantissa;
        int exponent;
        if (d == 0) {
            mantissa = precision == 0 ? "0" : "0." + "0".repeat(precision);
            exponent = 0;
        } else {
            BigDecimal r = new BigDecimal(d).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
            String digits = r.unscaledValue().toString();
            digits = (digits + "0".repeat(precision + 1)).substring(0, precision + 1);
            exponent = r.precision() - r.scale() - 1;
            mantissa = digits.charAt(0) + (precision > 0 ? "." + digits.substring(1) : "");
        }
        String e = (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        return mantissa + (type == 'E' ? "E" : "e") + (exponent < 0 ? "-" : "+") + e;
    }

    private static String general(double d, int precision, char type, boolean alternate) {
        int exponent = 0;
        if (d != 0) {
            BigDecimal r = new BigDecimal(d).round(new MathContext(precision, RoundingMode.HALF_EVEN));
            exponent = r.precision() - r.scale() - 1;
        }
        String s;
        if (exponent >= -4 && exponent < precision) {
            s = fixed(d, precision - 1 - exponent);
        } else {
            s = scientific(d, precision - 1, type == 'G' ? 'E' : 'e');
        }
        if (!alternate) {
            int e = s.indexOf(type == 'G' ? 'E' : 'e');
            String mantissa = e >= 0 ? s.substring(0, e) : s;
            if (mantissa.contains(".")) {
                mantissa = mantissa.replaceAll("0+$", "");
                mantissa = mantissa.endsWith(".") ? mantissa.substring(0, mantissa.length() - 1) : mantissa;
            }
            s = mantissa + (e >= 0 ? s.substring(e) : "");
        }
        return s;
    }

    private static String group(String intDigits, char separator) {
        if (separator == '\0' || intDigits.length() <= 3) {
            return intDigits;
        }
        StringBuilder sb = new StringBuilder();
        int lead = intDigits.length() % 3;
        for (int i = 0; i < intDigits.length(); i++) {
            if (i > 0 && (i - lead) % 3 == 0) {
                sb.append(separator);
            }
            sb.append(intDigits.charAt(i));
        }
        return sb.toString();
    }

    private static String pad(String s, char fill, char align, int width) {
        int n = PyStrings.length(s);
        if (width <= n) {
            return s;
        }
        int total = width - n;
        String f = String.valueOf(fill);
        return switch (align) {
            case '<' -> s + f.repeat(total);
            case '^' -> f.repeat(total / 2) + s + f.repeat(total - total / 2);
            default -> f.repeat(total) + s;
        };
    }
}
