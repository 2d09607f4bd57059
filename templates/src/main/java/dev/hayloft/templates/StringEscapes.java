package dev.hayloft.templates;

/**
 * Decodes the body of a template string literal as Jinja2 does (Python's {@code unicode-escape}
 * codec): backslash escapes for newline, tab, carriage return, backslash, quotes, bell,
 * backspace, form feed and vertical tab; octal escapes; {@code x} (2 hex digits), {@code u}
 * (4) and {@code U} (8) escapes; named escapes {@code N{NAME}}; a backslash-newline
 * continuation; and unknown escapes kept as written.
 *
 * <pre>{@code
 * StringEscapes.decode("a\\nb")      // "a", newline, "b"
 * }</pre>
 */
final class StringEscapes {
    private StringEscapes() {
    }

    /** The decoded text; IllegalArgumentException with Python's message for a malformed escape. */
    static String decode(String body) {
        if (body.indexOf('\\') < 0) {
            return body;
        }
        StringBuilder sb = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i++);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (i >= body.length()) {
                throw new IllegalArgumentException("\\ at end of string");
            }
            char e = body.charAt(i++);
            switch (e) {
                case '\n' -> { }
                case '\\' -> sb.append('\\');
                case '\'' -> sb.append('\'');
                case '"' -> sb.append('"');
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000b');
                case 'x' -> i = hex(body, i, 2, "truncated \\xXX escape", sb);
                case 'u' -> i = hex(body, i, 4, "truncated \\uXXXX escape", sb);
                case 'U' -> i = hex(body, i, 8, "truncated \\UXXXXXXXX escape", sb);
                case 'N' -> i = named(body, i, sb);
                default -> {
                    if (e >= '0' && e <= '7') {
                        int value = e - '0';
                        for (int k = 0; k < 2 && i < body.length() && body.charAt(i) >= '0' && body.charAt(i) <= '7'; k++) {
                            value = value * 8 + body.charAt(i++) - '0';
                        }
                        sb.append((char) value);
                    } else if (e > 0x7f) {
                        // Jinja backslash-escapes non-ASCII text before decoding: "\é" becomes "\xe9" literally
                        int cp = Character.isHighSurrogate(e) && i < body.length() ? Character.toCodePoint(e, body.charAt(i++)) : e;
                        sb.append(cp <= 0xff ? String.format("\\x%02x", cp).substring(1)
                                : cp <= 0xffff ? String.format("\\u%04x", cp).substring(1) : String.format("\\U%08x", cp).substring(1));
                    } else {
                        sb.append('\\').append(e);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static int hex(String body, int start, int digits, String error, StringBuilder sb) {
        if (start + digits > body.length()) {
            throw new IllegalArgumentException(error);
        }
        int cp;
        try {
            String text = body.substring(start, start + digits);
            if (!text.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                throw new IllegalArgumentException(error);
            }
            long value = Long.parseLong(text, 16);
            if (value > Character.MAX_CODE_POINT) {
                throw new IllegalArgumentException("illegal Unicode character");
            }
            cp = (int) value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(error, e);
        }
        sb.appendCodePoint(cp);
        return start + digits;
    }

    private static int named(String body, int start, StringBuilder sb) {
        int close = body.indexOf('}', start);
        if (start >= body.length() || body.charAt(start) != '{' || close < 0) {
            throw new IllegalArgumentException("malformed \\N character escape");
        }
        try {
            sb.appendCodePoint(Character.codePointOf(body.substring(start + 1, close)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown Unicode character name", e);
        }
        return close + 1;
    }
}
