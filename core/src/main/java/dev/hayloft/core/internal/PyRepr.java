package dev.hayloft.core.internal;

import dev.hayloft.templates.Python;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * Python's {@code repr()}/{@code str()} of JSON-like values, for the few places where
 * Haystack's observable output depends on them (e.g. {@code Document} ids hash
 * {@code f"{meta}"}).
 *
 * <pre>{@code
 * PyRepr.repr(Map.of("a", List.of(true, 0.1)));   // "{'a': [True, 0.1]}"
 * PyRepr.floatRepr(1e-5);                         // "1e-05"
 * }</pre>
 */
public final class PyRepr {
    private PyRepr() {
    }

    /** Python's {@code repr(value)} for None, bool, int, float, str, bytes, list and dict. */
    public static String repr(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value, true);
        return sb.toString();
    }

    /** Python's {@code str(value)}: strings unquoted at the top level, otherwise {@link #repr}. */
    public static String str(Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        return repr(value);
    }

    private static void append(StringBuilder sb, Object v, boolean top) {
        if (v == null) {
            sb.append("None");
        } else if (v instanceof Boolean) {
            sb.append((Boolean) v ? "True" : "False");
        } else if (v instanceof String) {
            appendString(sb, (String) v);
        } else if (v instanceof Double || v instanceof Float) {
            sb.append(floatRepr(((Number) v).doubleValue()));
        } else if (v instanceof BigDecimal) {
            sb.append(floatRepr(((BigDecimal) v).doubleValue()));
        } else if (v instanceof Number) {
            sb.append(v.toString());
        } else if (v instanceof byte[]) {
            appendBytes(sb, (byte[]) v);
        } else if (v instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                append(sb, e.getKey(), false);
                sb.append(": ");
                append(sb, e.getValue(), false);
            }
            sb.append('}');
        } else if (v instanceof Collection) {
            sb.append('[');
            boolean first = true;
            for (Object e : (Collection<?>) v) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                append(sb, e, false);
            }
            sb.append(']');
        } else {
            sb.append(v);
        }
    }

    /** Python's {@code repr(float)}; see {@link Python#floatRepr(double)}. */
    public static String floatRepr(double d) {
        return Python.floatRepr(d);
    }

    private static void appendString(StringBuilder sb, String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        sb.append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append(quote);
    }

    private static void appendBytes(StringBuilder sb, byte[] bytes) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte b : bytes) {
            hasSingle |= b == '\'';
            hasDouble |= b == '"';
        }
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        sb.append('b').append(quote);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c == quote || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.append((char) c);
            }
        }
        sb.append(quote);
    }
}
