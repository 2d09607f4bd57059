package dev.hayloft.templates;

import java.util.List;
import java.util.Map;

/**
 * Python string formatting: {@code 'fmt' % args} (printf style) and {@code 'fmt'.format(...)}
 * with the common parts of the format-spec mini-language (fill, align, sign, {@code 0}, width,
 * {@code ,}/{@code _} grouping, precision and the types {@code s d f F e E g G % x X o b c}).
 * Floats are rounded from their exact binary value, half to even, as Python does.
 *
 * <pre>{@code
 * PyFormat.percent(st, "%s has %d items", PyTuple.of("list", 3L))  // "list has 3 items"
 * PyFormat.format(st, "{0}-{name:>5}", Args.of(...))              // "a-    b"
 * }</pre>
 */
final class PyFormat {
    private PyFormat() {
    }

    // ---- printf style ------------------------------------------------------------------------

    static String percent(RenderState state, String fmt, Object args) {
        List<Object> values = args instanceof PyTuple t ? t.items() : java.util.Collections.singletonList(args);
        Map<?, ?> mapping = args instanceof Map<?, ?> m ? m : null;
        BoundedText out = state.text();
        int next = 0;
        int i = 0;
        while (i < fmt.length()) {
            char c = fmt.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i >= fmt.length()) {
                throw TemplateException.runtime("incomplete format");
            }
            Object value = null;
            boolean keyed = false;
            if (fmt.charAt(i) == '(') {
                int close = fmt.indexOf(')', i);
                if (close < 0 || mapping == null) {
                    throw TemplateException.runtime(mapping == null ? "format requires a mapping" : "incomplete format key");
                }
                String key = fmt.substring(i + 1, close);
                if (!mapping.containsKey(key)) {
                    throw TemplateException.runtime("KeyError: " + PyValues.repr(key));
                }
                value = mapping.get(key);
                keyed = true;
                i = close + 1;
            }
            char align = '>';
            char fill = ' ';
            char sign = '-';
            boolean alternate = false;
            for (; i < fmt.length() && "-+ 0#".indexOf(fmt.charAt(i)) >= 0; i++) {
                switch (fmt.charAt(i)) {
                    case '-' -> align = '<';
                    case '0' -> fill = '0';
                    case '#' -> alternate = true;
                    default -> sign = sign == '+' ? '+' : fmt.charAt(i);
                }
            }
            int width = -1;
            int start = i;
            while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                i++;
            }
            if (i > start) {
                width = Integer.parseInt(fmt.substring(start, i));
            }
            int precision = -1;
            if (i < fmt.length() && fmt.charAt(i) == '.') {
                start = ++i;
                while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                    i++;
                }
                precision = i > start ? Integer.parseInt(fmt.substring(start, i)) : 0;
            }
            while (i < fmt.length() && "hlL".indexOf(fmt.charAt(i)) >= 0) {
                i++;
            }
            if (i >= fmt.length()) {
                throw TemplateException.runtime("incomplete format");
            }
            char type = fmt.charAt(i++);
            if (type == '%') {
                out.append('%');
                continue;
            }
            if (!keyed) {
                if (mapping != null && !(args instanceof PyTuple)) {
                    value = args;
                } else if (next >= values.size()) {
                    throw TemplateException.runtime("not enough arguments for format string");
                } else {
                    value = values.get(next++);
                }
            }
            if (fill == '0' && align == '<') {
                fill = ' ';
            }
            char t = switch (type) {
                case 'i', 'u' -> 'd';
                case 'r', 'a' -> 'r';
                default -> type;
            };
            checkPercentType(type, value, i - 1);
            if (t == 'd' && value instanceof Double d) {
                value = (long) d.doubleValue();
            }
            char realAlign = fill == '0' && align == '>' ? '=' : align;
            out.append(FormatSpec.apply(state, value, new FormatSpec(fill, realAlign, sign, alternate, width, '\0', precision, t)));
        }
        if (mapping == null && !(args instanceof List || args instanceof Undefined) && next < values.size()) {
            throw TemplateException.runtime("not all arguments converted during string formatting");
        }
        return out.toString();
    }

    /** The {@code TypeError}s of {@code %} formatting for a value of the wrong type. */
    private static void checkPercentType(char type, Object value, int index) {
        if ("diuxXoeEfFgGcrsa".indexOf(type) < 0) {
            throw TemplateException.runtime("unsupported format character '" + type + "' (0x"
                    + Integer.toHexString(type) + ") at index " + index);
        }
        if ("diu".indexOf(type) >= 0 && !PyValues.isNumber(value)) {
            throw TemplateException.runtime("%" + type + " format: a real number is required, not " + PyValues.typeName(value));
        }
        if ("xXo".indexOf(type) >= 0 && !PyValues.isInt(value)) {
            throw TemplateException.runtime("%" + type + " format: an integer is required, not " + PyValues.typeName(value));
        }
        if ("eEfFgG".indexOf(type) >= 0 && !PyValues.isNumber(value)) {
            throw TemplateException.runtime("must be real number, not " + PyValues.typeName(value));
        }
    }

    // ---- str.format --------------------------------------------------------------------------

    static String format(RenderState state, String fmt, Args args) {
        BoundedText out = state.text();
        int auto = 0;
        int i = 0;
        while (i < fmt.length()) {
            char c = fmt.charAt(i);
            if (c == '}' ) {
                if (i + 1 < fmt.length() && fmt.charAt(i + 1) == '}') {
                    out.append('}');
                    i += 2;
                    continue;
                }
                throw TemplateException.runtime("Single '}' encountered in format string");
            }
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < fmt.length() && fmt.charAt(i + 1) == '{') {
                out.append('{');
                i += 2;
                continue;
            }
            int close = fmt.indexOf('}', i);
            if (close < 0) {
                throw TemplateException.runtime(i + 1 == fmt.length() ? "Single '{' encountered in format string"
                        : "expected '}' before end of string");
            }
            String field = fmt.substring(i + 1, close);
            i = close + 1;
            String specText = "";
            int colon = field.indexOf(':');
            if (colon >= 0) {
                specText = field.substring(colon + 1);
                field = field.substring(0, colon);
            }
            char conversion = '\0';
            int bang = field.indexOf('!');
            if (bang >= 0) {
                conversion = bang + 1 < field.length() ? field.charAt(bang + 1) : '\0';
                field = field.substring(0, bang);
            }
            int end = 0;
            while (end < field.length() && field.charAt(end) != '.' && field.charAt(end) != '[') {
                end++;
            }
            String head = field.substring(0, end);
            Object value;
            if (head.isEmpty() || head.chars().allMatch(Character::isDigit)) {
                int index = head.isEmpty() ? auto++ : Integer.parseInt(head);
                if (index >= args.positionalCount()) {
                    throw TemplateException.runtime("tuple index out of range");
                }
                value = args.positional().get(index);
            } else if (args.keywords().containsKey(head)) {
                value = args.keywords().get(head);
            } else {
                throw TemplateException.runtime("KeyError: " + PyValues.repr(head));
            }
            value = resolveChain(state, value, field.substring(end));
            if (conversion == 'r' || conversion == 'a') {
                value = PyValues.repr(value);
            } else if (conversion == 's') {
                value = PyValues.str(state, value);
            }
            out.append(FormatSpec.apply(state, value, FormatSpec.parse(specText)));
        }
        return out.toString();
    }

    private static Object resolveChain(RenderState state, Object value, String chain) {
        int i = 0;
        while (i < chain.length()) {
            if (chain.charAt(i) == '.') {
                int end = i + 1;
                while (end < chain.length() && chain.charAt(end) != '.' && chain.charAt(end) != '[') {
                    end++;
                }
                value = Attributes.getattr(state, value, chain.substring(i + 1, end));
                i = end;
            } else {
                int close = chain.indexOf(']', i);
                if (close < 0) {
                    throw TemplateException.runtime("Missing ']' in format string");
                }
                String key = chain.substring(i + 1, close);
                Object k = !key.isEmpty() && key.chars().allMatch(Character::isDigit) ? (Object) Long.parseLong(key) : key;
                value = Attributes.getitem(state, value, k);
                i = close + 1;
            }
        }
        return value;
    }
}
