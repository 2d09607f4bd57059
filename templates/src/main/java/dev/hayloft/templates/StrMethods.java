package dev.hayloft.templates;

import java.util.List;
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
            "rpartition", "removeprefix", "removesuffix");

    private StrMethods() {
    }

    static Object call(RenderState state, String s, String name, Args a) {
        switch (name) {
            case "startswith":
            case "endswith": {
                a.check(name, "prefix", "start", "end");
                String part = sub(s, a.get(1, "start", null), a.get(2, "end", null));
                Object affix = a.require(0, "prefix", name);
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
                a.check(name, "sep", "maxsplit");
                String sep = optString(a.get(0, "sep", null), name);
                long max = asLong(a.get(1, "maxsplit", -1L), name);
                List<Object> parts = name.equals("split") ? PyStrings.split(s, sep, max) : PyStrings.rsplit(s, sep, max);
                state.work(parts.size());
                return parts;
            }
            case "splitlines":
                a.check(name, "keepends");
                return PyStrings.splitlines(s, PyValues.truthy(a.get(0, "keepends", false)));
            case "strip":
                return PyStrings.strip(s, optString(a.check(name, "chars").get(0, "chars", null), name));
            case "lstrip":
                return PyStrings.lstrip(s, optString(a.check(name, "chars").get(0, "chars", null), name));
            case "rstrip":
                return PyStrings.rstrip(s, optString(a.check(name, "chars").get(0, "chars", null), name));
            case "upper":
                a.check(name);
                return PyStrings.upper(s);
            case "lower":
            case "casefold":
                a.check(name);
                return PyStrings.lower(s);
            case "title":
                a.check(name);
                return PyStrings.title(s);
            case "capitalize":
                a.check(name);
                return PyStrings.capitalize(s);
            case "swapcase":
                a.check(name);
                return swapcase(s);
            case "replace": {
                a.check(name, "old", "new", "count");
                return replace(state, s, str(a.require(0, "old", name), name), str(a.require(1, "new", name), name),
                        asLong(a.get(2, "count", -1L), name));
            }
            case "find":
            case "rfind":
            case "index":
            case "rindex":
                return find(s, name, a);
            case "count": {
                a.check(name, "sub", "start", "end");
                String part = sub(s, a.get(1, "start", null), a.get(2, "end", null));
                String needle = str(a.require(0, "sub", name), name);
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
                a.check(name, "iterable");
                List<Object> items = PyValues.iterate(state, a.require(0, "iterable", name));
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
            case "partition":
            case "rpartition": {
                a.check(name, "sep");
                String sep = str(a.require(0, "sep", name), name);
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
                String p = str(a.check(name, "prefix").require(0, "prefix", name), name);
                return s.startsWith(p) ? s.substring(p.length()) : s;
            }
            case "removesuffix": {
                String p = str(a.check(name, "suffix").require(0, "suffix", name), name);
                return s.endsWith(p) && !p.isEmpty() ? s.substring(0, s.length() - p.length()) : s;
            }
            case "zfill":
            case "center":
            case "ljust":
            case "rjust":
                return justify(state, s, name, a);
            default:
                a.check(name);
                return predicate(s, name);
        }
    }

    private static Object predicate(String s, String name) {
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
        a.check(name, "sub", "start", "end");
        String needle = str(a.require(0, "sub", name), name);
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
        a.check(name, "width", "fillchar");
        long width = asLong(a.require(0, "width", name), name);
        String fill = name.equals("zfill") ? "0" : str(a.get(1, "fillchar", " "), name);
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
