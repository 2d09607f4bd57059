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
        return new Formatter(state, args).format(fmt, 0);
    }

    /** One {@code str.format} call: the arguments and the automatic/manual field numbering state. */
    private static final class Formatter {
        private final RenderState state;
        private final Args args;
        private int auto;
        private Boolean manual;

        Formatter(RenderState state, Args args) {
            this.state = state;
            this.args = args;
        }

        String format(String fmt, int depth) {
            if (depth > 2) {
                throw TemplateException.runtime("Max string recursion exceeded");
            }
            BoundedText out = state.text();
            int i = 0;
            while (i < fmt.length()) {
                char c = fmt.charAt(i);
                if (c == '}') {
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
                int close = closing(fmt, i);
                String field = fmt.substring(i + 1, close);
                i = close + 1;
                out.append(field(field, depth));
            }
            return out.toString();
        }

        private static int closing(String fmt, int open) {
            int level = 0;
            for (int j = open; j < fmt.length(); j++) {
                char c = fmt.charAt(j);
                if (c == '{') {
                    level++;
                } else if (c == '}' && --level == 0) {
                    return j;
                }
            }
            throw TemplateException.runtime(open + 1 == fmt.length() ? "Single '{' encountered in format string"
                    : "expected '}' before end of string");
        }

        private String field(String field, int depth) {
            String specText = "";
            int end = 0;
            while (end < field.length() && field.charAt(end) != '.' && field.charAt(end) != '['
                    && field.charAt(end) != ':' && field.charAt(end) != '!') {
                end++;
            }
            int chainEnd = end;
            while (chainEnd < field.length() && field.charAt(chainEnd) != ':' && field.charAt(chainEnd) != '!') {
                if (field.charAt(chainEnd) == '[') {
                    int close = field.indexOf(']', chainEnd);
                    chainEnd = close < 0 ? field.length() : close;
                }
                chainEnd++;
            }
            chainEnd = Math.min(chainEnd, field.length());
            char conversion = '\0';
            int rest = chainEnd;
            if (rest < field.length() && field.charAt(rest) == '!') {
                conversion = rest + 1 < field.length() ? field.charAt(rest + 1) : '\0';
                rest += 2;
                if (rest < field.length() && field.charAt(rest) != ':') {
                    throw TemplateException.runtime("expected ':' after conversion specifier");
                }
            }
            if (rest < field.length() && field.charAt(rest) == ':') {
                specText = field.substring(rest + 1);
            }
            String head = field.substring(0, end);
            Object value;
            if (head.isEmpty() || head.chars().allMatch(Character::isDigit)) {
                boolean automatic = head.isEmpty();
                if (manual != null && manual == automatic) {
                    // string.Formatter (Jinja2's sandboxed formatter) says this for both directions
                    throw TemplateException.runtime("cannot switch from manual field specification to automatic field numbering");
                }
                manual = !automatic;
                int index = automatic ? auto++ : Integer.parseInt(head);
                if (index >= args.positionalCount()) {
                    throw TemplateException.runtime("tuple index out of range");
                }
                value = args.positional().get(index);
            } else if (args.keywords().containsKey(head)) {
                value = args.keywords().get(head);
            } else {
                throw TemplateException.runtime("KeyError: " + PyValues.repr(head));
            }
            value = resolveChain(state, value, field.substring(end, chainEnd));
            if (conversion == 'r' || conversion == 'a') {
                value = PyValues.repr(value);
            } else if (conversion == 's') {
                value = PyValues.str(state, value);
            } else if (conversion != '\0') {
                throw TemplateException.runtime("Unknown conversion specifier " + conversion);
            }
            if (specText.indexOf('{') >= 0) {
                specText = format(specText, depth + 1);
            }
            return FormatSpec.apply(state, value, FormatSpec.parse(specText));
        }
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
