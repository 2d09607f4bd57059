package dev.hayloft.templates;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python's {@code str} methods as templates call them ({@code content.startswith('<think>')},
 * {@code text.split('</think>')[-1].lstrip('\n')}...), with Python's argument rules and
 * code point indices.
 *
 * <pre>{@code
 * StrMethods.call(st, "a,b,c", "split", Args.of(",", 1L))   // ["a", "b,c"]
 * }</pre>
 */
final class StrMethods {
    static final Set<String> NAMES = Set.of("startswith", "endswith", "split", "rsplit", "splitlines", "strip",
            "lstrip", "rstrip", "upper", "lower", "title", "capitalize", "swapcase", "casefold", "replace", "find",
            "rfind", "index", "rindex", "count", "join", "format", "isdigit", "isnumeric", "isdecimal", "isalpha",
            "isalnum", "isspace", "islower", "isupper", "istitle", "zfill", "center", "ljust", "rjust", "partition",
            "rpartition", "removeprefix", "removesuffix", "format_map", "encode", "expandtabs", "isascii", "isidentifier",
            "isprintable");

    private StrMethods() {
    }

    static Object call(RenderState state, String s, String name, Args a) {
        switch (name) {
            case "startswith":
            case "endswith": {
                Signatures.oldStyle(a, "str", name, 1, 3);
                String part = sub(s, a.get(1, null, null), a.get(2, null, null));
                Object affix = a.positional().get(0);
                List<Object> options = affix instanceof PyTuple t ? t.items() : List.of(affix == null ? 0L : affix);
                for (Object option : options) {
                    if (!(option instanceof String o)) {
                        throw TemplateException.runtime(name + " first arg must be str or a tuple of str, not "
                                + PyValues.typeName(affix));
                    }
                    if (name.equals("startswith") ? part.startsWith(o) : part.endsWith(o)) {
                        return true;
                    }
                }
                return false;
            }
            case "split":
            case "rsplit": {
                Signatures.keywords(a, name, "sep", "maxsplit");
                Object sepArg = a.get(0, "sep", null);
                if (sepArg != null && !(sepArg instanceof String)) {
                    throw TemplateException.runtime("must be str or None, not " + PyValues.typeName(sepArg));
                }
                long max = asLong(a.get(1, "maxsplit", -1L), name);
                List<Object> parts = name.equals("split") ? PyStrings.split(s, (String) sepArg, max)
                        : PyStrings.rsplit(s, (String) sepArg, max);
                state.work(parts.size());
                return parts;
            }
            case "splitlines":
                Signatures.keywords(a, name, "keepends");
                return PyStrings.splitlines(s, PyValues.truthy(a.get(0, "keepends", false)));
            case "strip":
            case "lstrip":
            case "rstrip": {
                Object chars = Signatures.positional(a, "str", name, 0, 1).get(0, null, null);
                if (chars != null && !(chars instanceof String)) {
                    throw TemplateException.runtime(name + " arg must be None or str");
                }
                String c = (String) chars;
                return name.equals("strip") ? PyStrings.strip(s, c) : name.equals("lstrip") ? PyStrings.lstrip(s, c)
                        : PyStrings.rstrip(s, c);
            }
            case "upper":
                return PyStrings.upper(noArgs(s, a, name));
            case "lower":
                return PyStrings.lower(noArgs(s, a, name));
            case "casefold":
                return PyStrings.casefold(noArgs(s, a, name));
            case "title":
                return PyStrings.title(noArgs(s, a, name));
            case "capitalize":
                return PyStrings.capitalize(noArgs(s, a, name));
            case "swapcase":
                return swapcase(noArgs(s, a, name));
            case "replace": {
                Signatures.positional(a, "str", name, 2, 3);
                return replace(state, s, argument(a.positional().get(0), name, 1), argument(a.positional().get(1), name, 2),
                        asLong(a.get(2, null, -1L), name));
            }
            case "find":
            case "rfind":
            case "index":
            case "rindex":
                return find(s, name, Signatures.oldStyle(a, "str", name, 1, 3));
            case "count": {
                Signatures.oldStyle(a, "str", name, 1, 3);
                String part = sub(s, a.get(1, null, null), a.get(2, null, null));
                String needle = mustBeStr(a.positional().get(0));
                if (needle.isEmpty()) {
                    return (long) PyStrings.length(part) + 1;
                }
                long n = 0;
                for (int at = part.indexOf(needle); at >= 0; at = part.indexOf(needle, at + needle.length())) {
                    n++;
                }
                return n;
            }
            case "join": {
                Object iterable = Signatures.one(a, "str", name).positional().get(0);
                if (!PyValues.isIterable(iterable)) {
                    throw TemplateException.runtime("can only join an iterable");
                }
                List<Object> items = PyValues.iterate(state, iterable);
                BoundedText out = state.text();
                for (int i = 0; i < items.size(); i++) {
                    if (!(items.get(i) instanceof String item)) {
                        throw TemplateException.runtime("sequence item " + i + ": expected str instance, "
                                + PyValues.typeName(items.get(i)) + " found");
                    }
                    out.append(i == 0 ? "" : s).append(item);
                }
                return out.toString();
            }
            case "format":
                return PyFormat.format(state, s, a);
            case "format_map":
                return formatMap(state, s, a);
            case "partition":
            case "rpartition": {
                String sep = mustBeStr(Signatures.one(a, "str", name).positional().get(0));
                if (sep.isEmpty()) {
                    throw TemplateException.runtime("empty separator");
                }
                int at = name.equals("partition") ? s.indexOf(sep) : s.lastIndexOf(sep);
                if (at < 0) {
                    return name.equals("partition") ? PyTuple.of(s, "", "") : PyTuple.of("", "", s);
                }
                return PyTuple.of(s.substring(0, at), sep, s.substring(at + sep.length()));
            }
            case "removeprefix": {
                String p = str(Signatures.one(a, "str", name).positional().get(0), name);
                return s.startsWith(p) ? s.substring(p.length()) : s;
            }
            case "removesuffix": {
                String p = str(Signatures.one(a, "str", name).positional().get(0), name);
                return s.endsWith(p) && !p.isEmpty() ? s.substring(0, s.length() - p.length()) : s;
            }
            case "zfill":
                Signatures.one(a, "str", name);
                return justify(state, s, name, a);
            case "center":
            case "ljust":
            case "rjust":
                Signatures.positional(a, "str", name, 1, 2);
                return justify(state, s, name, a);
            case "encode":
                return encode(s, Signatures.keywords(a, name, "encoding", "errors"));
            case "expandtabs":
                return expandtabs(state, s, asLong(Signatures.keywords(a, name, "tabsize").get(0, "tabsize", 8L), name));
            default:
                return predicate(noArgs(s, a, name), name);
        }
    }

    private static String noArgs(String s, Args a, String name) {
        Signatures.noArgs(a, "str", name);
        return s;
    }

    /** Jinja2's sandboxed {@code str.format_map(mapping)}. */
    private static String formatMap(RenderState state, String s, Args a) {
        if (a.positionalCount() != 1 || !a.keywords().isEmpty()) {
            throw TemplateException.runtime("format_map() takes exactly one argument " + (a.positionalCount() + 1) + " given");
        }
        Map<String, Object> kwargs = new java.util.LinkedHashMap<>();
        if (a.positional().get(0) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> kwargs.put(String.valueOf(k), v));
        }
        return PyFormat.format(state, s, new Args(List.of(), kwargs));
    }

    private static byte[] encode(String s, Args a) {
        String encoding = PyStrings.lower(String.valueOf(a.get(0, "encoding", "utf-8"))).replace('_', '-');
        java.nio.charset.Charset charset = switch (encoding) {
            case "utf-8", "utf8", "u8" -> java.nio.charset.StandardCharsets.UTF_8;
            case "ascii", "us-ascii" -> java.nio.charset.StandardCharsets.US_ASCII;
            case "latin-1", "latin1", "iso-8859-1", "iso8859-1" -> java.nio.charset.StandardCharsets.ISO_8859_1;
            default -> throw TemplateException.runtime("unknown encoding: " + a.get(0, "encoding", "utf-8"));
        };
        int limit = charset == java.nio.charset.StandardCharsets.UTF_8 ? Integer.MAX_VALUE
                : charset == java.nio.charset.StandardCharsets.US_ASCII ? 0x7f : 0xff;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (c > limit) {
                String codec = limit == 0x7f ? "ascii" : "latin-1";
                String escaped = c < 0x100 ? String.format("\\x%02x", c) : c < 0x10000 ? String.format("\\u%04x", c)
                        : String.format("\\U%08x", c);
                throw TemplateException.runtime("'" + codec + "' codec can't encode character '" + escaped + "'"
                        + " in position " + PyStrings.toPythonIndex(s, i) + ": ordinal not in range(" + (limit + 1) + ")");
            }
            i += Character.charCount(c);
        }
        return s.getBytes(charset);
    }

    private static String expandtabs(RenderState state, String s, long tabsize) {
        BoundedText out = state.text();
        long column = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\t') {
                if (tabsize > 0) {
                    long pad = tabsize - column % tabsize;
                    state.checkSize(out.length() + pad);
                    out.append(" ".repeat((int) pad));
                    column += pad;
                }
            } else {
                out.appendCodePoint(c);
                column = c == '\n' || c == '\r' ? 0 : column + 1;
            }
        }
        return out.toString();
    }

    private static String argument(Object v, String function, int position) {
        if (v instanceof String s) {
            return s;
        }
        throw TemplateException.runtime(function + "() argument " + position + " must be str, not " + PyValues.typeName(v));
    }

    private static String mustBeStr(Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw TemplateException.runtime("must be str, not " + PyValues.typeName(v));
    }

    private static Object predicate(String s, String name) {
        switch (name) {
            case "isascii":
                return s.chars().allMatch(c -> c < 128);
            case "isprintable":
                return s.codePoints().allMatch(PyStrings::isPrintable);
            case "isidentifier":
                return !s.isEmpty() && (s.codePointAt(0) == '_' || Character.isUnicodeIdentifierStart(s.codePointAt(0)))
                        && s.codePoints().allMatch(c -> c == '_' || Character.isUnicodeIdentifierPart(c)
                        && !Character.isIdentifierIgnorable(c));
            default:
                break;
        }
        if (s.isEmpty() && !name.equals("islower") && !name.equals("isupper")) {
            return false;
        }
        boolean cased = false;
        boolean previousCased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            boolean ok = switch (name) {
                case "isdigit", "isdecimal" -> Character.isDigit(c);
                case "isnumeric" -> Character.isDigit(c) || Character.getType(c) == Character.LETTER_NUMBER
                        || Character.getType(c) == Character.OTHER_NUMBER;
                case "isalpha" -> Character.isLetter(c);
                case "isalnum" -> Character.isLetterOrDigit(c);
                case "isspace" -> PyStrings.isSpace(c);
                case "islower" -> !(Character.isUpperCase(c) || Character.isTitleCase(c));
                case "isupper" -> !(Character.isLowerCase(c) || Character.isTitleCase(c));
                case "istitle" -> Character.isUpperCase(c) || Character.isTitleCase(c) ? !previousCased
                        : !Character.isLowerCase(c) || previousCased;
                default -> throw TemplateException.runtime("'str' object has no attribute '" + name + "'");
            };
            if (!ok) {
                return false;
            }
            boolean isCased = Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
            cased |= isCased;
            previousCased = isCased;
        }
        return !name.startsWith("islower") && !name.startsWith("isupper") && !name.equals("istitle") || cased;
    }

    private static String swapcase(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(Character.isUpperCase(c) ? Character.toLowerCase(c)
                : Character.isLowerCase(c) ? Character.toUpperCase(c) : c));
        return sb.toString();
    }

    static String replace(RenderState state, String s, String old, String replacement, long count) {
        long max = count < 0 ? Long.MAX_VALUE : count;
        BoundedText out = state.text();
        if (old.isEmpty()) {
            long done = 0;
            List<Object> chars = PyStrings.chars(s);
            for (Object c : chars) {
                if (done < max) {
                    out.append(replacement);
                    done++;
                }
                out.append((String) c);
            }
            if (done < max) {
                out.append(replacement);
            }
            return out.toString();
        }
        int start = 0;
        long done = 0;
        for (int at = s.indexOf(old); at >= 0 && done < max; at = s.indexOf(old, start)) {
            out.append(s.substring(start, at)).append(replacement);
            start = at + old.length();
            done++;
        }
        return out.append(s.substring(start)).toString();
    }

    private static Object find(String s, String name, Args a) {
        String needle = mustBeStr(a.positional().get(0));
        Object startArg = a.get(1, "start", null);
        int from = startArg == null ? 0 : PyStrings.toJavaOffset(s, asLong(startArg, name));
        Object endArg = a.get(2, "end", null);
        int to = endArg == null ? s.length() : PyStrings.toJavaOffset(s, asLong(endArg, name));
        int at = -1;
        if (from <= to) {
            String window = s.substring(from, to);
            int rel = name.startsWith("r") ? window.lastIndexOf(needle) : window.indexOf(needle);
            at = rel < 0 ? -1 : PyStrings.toPythonIndex(s, from + rel);
        }
        if (at < 0 && name.endsWith("index")) {
            throw TemplateException.runtime("substring not found");
        }
        return (long) at;
    }

    private static String justify(RenderState state, String s, String name, Args a) {
        long width = asLong(a.positional().get(0), name);
        Object fillArg = name.equals("zfill") ? "0" : a.get(1, null, " ");
        if (!(fillArg instanceof String fill)) {
            throw TemplateException.runtime("The fill character must be a unicode character, not " + PyValues.typeName(fillArg));
        }
        if (PyStrings.length(fill) != 1) {
            throw TemplateException.runtime("The fill character must be exactly one character long");
        }
        long len = PyStrings.length(s);
        if (width <= len) {
            return s;
        }
        state.checkSize(width);
        int margin = (int) (width - len);
        return switch (name) {
            case "ljust" -> s + fill.repeat(margin);
            case "rjust" -> fill.repeat(margin) + s;
            case "center" -> {
                int left = margin / 2 + (margin & (int) width & 1);
                yield fill.repeat(left) + s + fill.repeat(margin - left);
            }
            default -> {
                boolean signed = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-');
                yield signed ? s.charAt(0) + "0".repeat(margin) + s.substring(1) : "0".repeat(margin) + s;
            }
        };
    }

    /** {@code s[start:end]} for optional int bounds. */
    private static String sub(String s, Object start, Object end) {
        int from = start == null ? 0 : PyStrings.toJavaOffset(s, asLong(start, "slice"));
        int to = end == null ? s.length() : PyStrings.toJavaOffset(s, asLong(end, "slice"));
        return from <= to ? s.substring(from, to) : "";
    }

    private static String optString(Object v, String function) {
        return v == null ? null : str(v, function);
    }

    private static String str(Object v, String function) {
        if (v instanceof String s) {
            return s;
        }
        throw TemplateException.runtime(function + "() argument must be str, not " + PyValues.typeName(v));
    }

    private static long asLong(Object v, String function) {
        if (PyValues.isInt(v)) {
            return PyValues.toLong(v);
        }
        throw TemplateException.runtime("'" + PyValues.typeName(v) + "' object cannot be interpreted as an integer");
    }
}
