package dev.hayloft.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Python {@code str} semantics over Java strings: Python's notion of whitespace and line
 * breaks, {@code strip}/{@code split}/{@code splitlines}/{@code title}/{@code capitalize}, code
 * point indexing (a Python string is a sequence of code points, so an emoji has length 1), and
 * {@code repr}.
 *
 * <pre>{@code
 * PyStrings.split("a  b ", null, -1)   // ["a", "b"]
 * PyStrings.strip("\n x \n", "\n")      // " x "
 * PyStrings.repr("it's")                // "\"it's\""
 * }</pre>
 */
final class PyStrings {
    private PyStrings() {
    }

    /** Python's {@code str.isspace()} for one code point. */
    static boolean isSpace(int c) {
        return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f
                || c == 0x3000;
    }

    /** A line boundary for {@code str.splitlines()}. */
    static boolean isLineBreak(int c) {
        return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || (c >= 0x1c && c <= 0x1e) || c == 0x85
                || c == 0x2028 || c == 0x2029;
    }

    private static boolean strippable(int c, String chars) {
        return chars == null ? isSpace(c) : chars.indexOf(c) >= 0 || (c > 0xffff && chars.contains(Character.toString(c)));
    }

    static String strip(String s, String chars) {
        return rstrip(lstrip(s, chars), chars);
    }

    static String lstrip(String s, String chars) {
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            if (!strippable(c, chars)) {
                break;
            }
            i += Character.charCount(c);
        }
        return s.substring(i);
    }

    static String rstrip(String s, String chars) {
        int end = s.length();
        while (end > 0) {
            int c = s.codePointBefore(end);
            if (!strippable(c, chars)) {
                break;
            }
            end -= Character.charCount(c);
        }
        return s.substring(0, end);
    }

    /** Python's {@code str.split(sep, maxsplit)}; {@code sep == null} splits on whitespace runs. */
    static List<Object> split(String s, String sep, long maxsplit) {
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            int i = 0;
            int n = s.length();
            while (true) {
                while (i < n && isSpace(s.codePointAt(i))) {
                    i += Character.charCount(s.codePointAt(i));
                }
                if (i >= n) {
                    break;
                }
                if (maxsplit >= 0 && out.size() >= maxsplit) {
                    out.add(s.substring(i));
                    break;
                }
                int j = i;
                while (j < n && !isSpace(s.codePointAt(j))) {
                    j += Character.charCount(s.codePointAt(j));
                }
                out.add(s.substring(i, j));
                i = j;
            }
            return out;
        }
        requireSeparator(sep);
        int start = 0;
        while (maxsplit < 0 || out.size() < maxsplit) {
            int at = s.indexOf(sep, start);
            if (at < 0) {
                break;
            }
            out.add(s.substring(start, at));
            start = at + sep.length();
        }
        out.add(s.substring(start));
        return out;
    }

    /** Python's {@code str.rsplit(sep, maxsplit)}. */
    static List<Object> rsplit(String s, String sep, long maxsplit) {
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            int end = s.length();
            while (true) {
                while (end > 0 && isSpace(s.codePointBefore(end))) {
                    end -= Character.charCount(s.codePointBefore(end));
                }
                if (end <= 0) {
                    break;
                }
                if (maxsplit >= 0 && out.size() >= maxsplit) {
                    out.add(0, s.substring(0, end));
                    break;
                }
                int j = end;
                while (j > 0 && !isSpace(s.codePointBefore(j))) {
                    j -= Character.charCount(s.codePointBefore(j));
                }
                out.add(0, s.substring(j, end));
                end = j;
            }
            return out;
        }
        requireSeparator(sep);
        int end = s.length();
        while (maxsplit < 0 || out.size() < maxsplit) {
            int at = s.lastIndexOf(sep, end - sep.length());
            if (at < 0) {
                break;
            }
            out.add(0, s.substring(at + sep.length(), end));
            end = at;
        }
        out.add(0, s.substring(0, end));
        return out;
    }

    private static void requireSeparator(String sep) {
        if (sep.isEmpty()) {
            throw TemplateException.runtime("empty separator");
        }
    }

    /** Python's {@code str.splitlines(keepends)}. */
    static List<Object> splitlines(String s, boolean keepends) {
        List<Object> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isLineBreak(c)) {
                int eol = i + (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n' ? 2 : 1);
                out.add(s.substring(start, keepends ? eol : i));
                start = eol;
                i = eol;
            } else {
                i++;
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }

    private static boolean isCased(int c) {
        return Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
    }

    /** Python's {@code str.title()}. */
    static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean previousCased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (isCased(c)) {
                sb.append(previousCased ? lower(Character.toString(c)) : titleCase(c));
                previousCased = true;
            } else {
                sb.appendCodePoint(c);
                previousCased = false;
            }
        }
        return sb.toString();
    }

    /** Python's {@code str.capitalize()}: first character title-cased, the rest lower-cased. */
    static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int first = s.codePointAt(0);
        return titleCase(first) + lower(s.substring(Character.charCount(first)));
    }

    /** Python's full title-case mapping of one code point ({@code ß} gives {@code Ss}, {@code ﬁ} {@code Fi}). */
    static String titleCase(int c) {
        int simple = Character.toTitleCase(c);
        if (simple != c) {
            return Character.toString(simple);
        }
        String upper = Character.toString(c).toUpperCase(Locale.ROOT);
        int head = upper.codePointAt(0);
        return upper.length() == Character.charCount(head) ? upper
                : Character.toString(head) + lower(upper.substring(Character.charCount(head)));
    }

    /** Python's {@code str.casefold()} (full case folding, approximated code point by code point as lower(upper(c))). */
    static String casefold(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.append(lower(Character.toString(c).toUpperCase(Locale.ROOT))));
        return sb.toString();
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Jinja's {@code title} filter: capitalise every run that follows {@code -}, whitespace or an opening bracket. */
    static String jinjaTitle(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            if (isWordSeparator(c)) {
                sb.appendCodePoint(c);
                i += Character.charCount(c);
                continue;
            }
            int j = i + Character.charCount(c);
            while (j < s.length() && !isWordSeparator(s.codePointAt(j))) {
                j += Character.charCount(s.codePointAt(j));
            }
            sb.append(upper(s.substring(i, i + Character.charCount(c)))).append(lower(s.substring(i + Character.charCount(c), j)));
            i = j;
        }
        return sb.toString();
    }

    private static boolean isWordSeparator(int c) {
        return c == '-' || c == '(' || c == '{' || c == '[' || c == '<' || isSpace(c);
    }

    // ---- code points -------------------------------------------------------------------------

    static boolean hasSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Python's {@code len(s)}. */
    static int length(String s) {
        return hasSurrogates(s) ? s.codePointCount(0, s.length()) : s.length();
    }

    /** The code points of {@code s}, each as a one-character Python string. */
    static List<Object> chars(String s) {
        List<Object> out = new ArrayList<>(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            out.add(Character.toString(c));
            i += Character.charCount(c);
        }
        return out;
    }

    /** The code point at Python index {@code index} (0 <= index < length). */
    static String charAt(String s, int index) {
        if (!hasSurrogates(s)) {
            return String.valueOf(s.charAt(index));
        }
        int at = s.offsetByCodePoints(0, index);
        return Character.toString(s.codePointAt(at));
    }

    /** The Python index of Java char offset {@code offset} (or -1 for -1). */
    static int toPythonIndex(String s, int offset) {
        return offset < 0 ? offset : s.codePointCount(0, offset);
    }

    /** The Java char offset of Python index {@code index}, clamped to the string. */
    static int toJavaOffset(String s, long index) {
        int n = length(s);
        long clamped = index < 0 ? Math.max(0, index + n) : Math.min(index, n);
        return s.offsetByCodePoints(0, (int) clamped);
    }

    // ---- repr --------------------------------------------------------------------------------

    /** Python's {@code repr(str)}. */
    static String repr(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        appendRepr(sb, s);
        return sb.toString();
    }

    static void appendRepr(StringBuilder sb, String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        sb.append(quote);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == quote || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else if (c < 0x7f || isPrintable(c)) {
                sb.appendCodePoint(c);
            } else if (c <= 0xff) {
                sb.append(String.format("\\x%02x", c));
            } else if (c <= 0xffff) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.append(String.format("\\U%08x", c));
            }
        }
        sb.append(quote);
    }

    /**
     * Python's {@code str.isprintable()} for one code point: false for the Unicode categories Cc, Cf,
     * Cs, Co, Cn, Zl, Zp and Zs except the ASCII space (by the JDK's Unicode tables).
     */
    static boolean isPrintable(int c) {
        if (c == ' ') {
            return true;
        }
        int type = Character.getType(c);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
                && type != Character.PRIVATE_USE && type != Character.UNASSIGNED
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                && type != Character.SPACE_SEPARATOR;
    }

    /** Python's {@code repr(bytes)}: {@code b'...'}, printable ASCII as is, the rest {@code \xNN}. */
    static String bytesRepr(byte[] bytes) {
        boolean single = false;
        boolean dbl = false;
        for (byte b : bytes) {
            single |= b == '\'';
            dbl |= b == '"';
        }
        char quote = single && !dbl ? '"' : '\'';
        StringBuilder sb = new StringBuilder(bytes.length + 3).append('b').append(quote);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == quote || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append(HEX_PREFIX).append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                sb.append((char) c);
            }
        }
        return sb.append(quote).toString();
    }

    private static final String HEX_PREFIX = "\\x";
    private static final char[] HEX = "0123456789abcdef".toCharArray();
}
