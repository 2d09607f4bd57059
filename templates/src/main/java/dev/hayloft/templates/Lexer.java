package dev.hayloft.templates;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a chat template into tokens the way Jinja2's lexer does under transformers' settings:
 * newlines normalised to {@code \n} and one trailing newline dropped ({@code keep_trailing_newline}
 * off), {@code trim_blocks} (the newline after a block or comment tag is removed),
 * {@code lstrip_blocks} (spaces and tabs before a block or comment tag at the start of a line are
 * removed), {@code -}/{@code +} whitespace control, comments, {@code raw} blocks, and string
 * literals with Python escapes.
 *
 * <pre>{@code
 * List<Token> tokens = Lexer.tokenize("{%- for m in messages %}{{ m.content }}{% endfor %}");
 * }</pre>
 */
final class Lexer {
    private static final Pattern FLOAT = Pattern.compile(
            "(\\d+_)*\\d+((\\.(\\d+_)*\\d+)?[eE][+\\-]?(\\d+_)*\\d+|\\.(\\d+_)*\\d+)");
    private static final Pattern INTEGER = Pattern.compile(
            "(0[bB](_?[01])+|0[oO](_?[0-7])+|0[xX](_?[0-9a-fA-F])+|[1-9](_?\\d)*|0(_?0)*)");
    private static final Pattern RAW_BEGIN = Pattern.compile("\\{%[-+]?\\s*raw\\s*(-%}\\s*|%})");
    private static final Pattern RAW_END = Pattern.compile("\\{%([-+]?)\\s*endraw\\s*(\\+%}|-%}\\s*|%}\\n?)");
    private static final List<String> OPERATORS = List.of("//", "**", "==", "!=", ">=", "<=", "+", "-", "/", "*",
            "%", "~", "[", "]", "(", ")", "{", "}", ">", "<", "=", ".", ":", "|", ",", ";");

    private final String src;
    private final int[] lineStarts;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private boolean lineStarting = true;

    private final boolean trimBlocks;
    private final boolean lstripBlocks;

    private Lexer(String src, TemplateEnvironment env) {
        this.src = src;
        this.trimBlocks = env.trimBlocks();
        this.lstripBlocks = env.lstripBlocks();
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    static List<Token> tokenize(String source, TemplateEnvironment env) {
        return new Lexer(normalize(source, env.keepTrailingNewline()), env).run();
    }

    /** Newlines to {@code \n}, then one trailing newline removed unless {@code keepTrailingNewline}. */
    static String normalize(String source, boolean keepTrailingNewline) {
        String s = source.replace("\r\n", "\n").replace('\r', '\n');
        return !keepTrailingNewline && s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    private List<Token> run() {
        int n = src.length();
        while (pos < n) {
            int tag = findTag(pos);
            if (tag < 0) {
                add(Token.Type.DATA, src.substring(pos), pos);
                break;
            }
            char kind = src.charAt(tag + 1);
            char sign = tag + 2 < n && (src.charAt(tag + 2) == '-' || src.charAt(tag + 2) == '+') ? src.charAt(tag + 2) : 0;
            String text = src.substring(pos, tag);
            if (sign == '-') {
                text = PyStrings.rstrip(text, null);
            } else if (sign != '+' && kind != '{') {
                text = lstripBlock(text);
            }
            if (!text.isEmpty()) {
                add(Token.Type.DATA, text, pos);
            }
            lineStarting = false;
            Matcher raw = RAW_BEGIN.matcher(src).region(tag, n);
            if (kind == '%' && raw.lookingAt()) {
                if (raw.end() == n) {
                    break; // Jinja2's lexer stops quietly when nothing follows the raw tag
                }
                lexRaw(tag, raw.end());
                continue;
            }
            pos = tag + 2 + (sign != 0 ? 1 : 0);
            if (kind == '#') {
                lexComment(tag);
            } else {
                add(kind == '%' ? Token.Type.BLOCK_BEGIN : Token.Type.VAR_BEGIN, src.substring(tag, pos), tag);
                lexTag(kind == '{', tag);
            }
        }
        // like Jinja2's token stream, the end of the template sits where the last token starts
        Token last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
        tokens.add(new Token(Token.Type.EOF, "", last == null ? 1 : last.line(), last == null ? 1 : last.column()));
        return tokens;
    }

    private String lstripBlock(String text) {
        if (!lstripBlocks) {
            return text;
        }
        int lpos = text.lastIndexOf('\n') + 1;
        if ((lpos > 0 || lineStarting) && lpos < text.length()) {
            for (int i = lpos; i < text.length(); i++) {
                if (!PyStrings.isSpace(text.charAt(i))) {
                    return text;
                }
            }
            return text.substring(0, lpos);
        }
        return text;
    }

    private int findTag(int from) {
        for (int i = src.indexOf('{', from); i >= 0 && i + 1 < src.length(); i = src.indexOf('{', i + 1)) {
            char c = src.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') {
                return i;
            }
        }
        return -1;
    }

    private void lexComment(int start) {
        if (pos >= src.length()) {
            return; // nothing after '{#': Jinja2's lexer stops quietly
        }
        for (int i = pos; i + 1 < src.length(); i++) {
            if (src.startsWith("+#}", i)) {
                finishEnd(i + 3, (char) 0);
                return;
            }
            if (src.startsWith("-#}", i)) {
                finishEnd(i + 3, '-');
                return;
            }
            if (src.startsWith("#}", i)) {
                finishEnd(i + 2, '\n');
                return;
            }
        }
        throw TemplateException.syntax("Missing end of comment tag", line(start), column(start));
    }

    /** Moves past an end tag ending at {@code end}: {@code '-'} eats all whitespace, {@code '\n'} one newline. */
    private void finishEnd(int end, char trim) {
        int p = end;
        if (trim == '-') {
            while (p < src.length() && PyStrings.isSpace(src.charAt(p))) {
                p++;
            }
        } else if (trim == '\n' && trimBlocks && p < src.length() && src.charAt(p) == '\n') {
            p++;
        }
        lineStarting = src.charAt(p - 1) == '\n';
        pos = p;
    }

    private void lexRaw(int start, int bodyStart) {
        Matcher end = RAW_END.matcher(src).region(bodyStart, src.length());
        if (!end.find()) {
            throw TemplateException.syntax("Missing end of raw directive", line(start), column(start));
        }
        lineStarting = src.charAt(bodyStart - 1) == '\n';
        String text = src.substring(bodyStart, end.start());
        String sign = end.group(1);
        if (sign.equals("-")) {
            text = PyStrings.rstrip(text, null);
        } else if (sign.isEmpty()) {
            text = lstripBlock(text);
        }
        if (!text.isEmpty()) {
            add(Token.Type.DATA, text, bodyStart);
        }
        String close = end.group(2);
        int closeStart = end.end() - close.length();
        finishEnd(closeStart + (close.startsWith("%") ? 2 : 3), close.startsWith("-") ? '-' : close.startsWith("+") ? 0 : '\n');
    }

    private void lexTag(boolean variable, int start) {
        Deque<Character> balance = new ArrayDeque<>();
        int n = src.length();
        while (true) {
            if (pos >= n) {
                return; // the parser reports the missing end of the tag
            }
            if (balance.isEmpty() && endTag(variable)) {
                return;
            }
            char c = src.charAt(pos);
            if (PyStrings.isSpace(c)) {
                pos++;
                continue;
            }
            int at = pos;
            Matcher m;
            if (Character.isDigit(c) && !(pos > 0 && src.charAt(pos - 1) == '.')
                    && (m = FLOAT.matcher(src).region(pos, n)).lookingAt()) {
                pos = m.end();
                add(Token.Type.FLOAT, Double.parseDouble(m.group().replace("_", "")), at);
            } else if (Character.isDigit(c) && (m = INTEGER.matcher(src).region(pos, n)).lookingAt()) {
                pos = m.end();
                add(Token.Type.INTEGER, parseInteger(m.group().replace("_", ""), at), at);
            } else if (c == '_' || Character.isUnicodeIdentifierStart(c)) {
                int end = pos + 1;
                while (end < n && (src.charAt(end) == '_' || Character.isUnicodeIdentifierPart(src.charAt(end)))
                        && !Character.isIdentifierIgnorable(src.charAt(end))) {
                    end++;
                }
                pos = end;
                add(Token.Type.NAME, src.substring(at, end), at);
            } else if (c == '\'' || c == '"') {
                lexString(c, at);
            } else {
                String op = OPERATORS.stream().filter(o -> src.startsWith(o, at)).findFirst().orElseThrow(() ->
                        TemplateException.syntax("unexpected char " + PyStrings.repr(String.valueOf(c)) + " at " + at,
                                line(at), column(at)));
                balance(balance, op, at);
                pos += op.length();
                add(Token.Type.OP, op, at);
            }
        }
    }

    private boolean endTag(boolean variable) {
        int at = pos;
        if (variable) {
            if (src.startsWith("-}}", pos)) {
                finishEnd(pos + 3, '-');
            } else if (src.startsWith("}}", pos)) {
                finishEnd(pos + 2, (char) 0);
            } else {
                return false;
            }
            add(Token.Type.VAR_END, "}}", at);
            return true;
        }
        if (src.startsWith("+%}", pos)) {
            finishEnd(pos + 3, (char) 0);
        } else if (src.startsWith("-%}", pos)) {
            finishEnd(pos + 3, '-');
        } else if (src.startsWith("%}", pos)) {
            finishEnd(pos + 2, '\n');
        } else {
            return false;
        }
        add(Token.Type.BLOCK_END, "%}", at);
        return true;
    }

    private void balance(Deque<Character> balance, String op, int at) {
        switch (op) {
            case "{" -> balance.push('}');
            case "(" -> balance.push(')');
            case "[" -> balance.push(']');
            case "}", ")", "]" -> {
                if (balance.isEmpty()) {
                    throw TemplateException.syntax("unexpected '" + op + "'", line(at), column(at));
                }
                char expected = balance.pop();
                if (expected != op.charAt(0)) {
                    throw TemplateException.syntax("unexpected '" + op + "', expected '" + expected + "'",
                            line(at), column(at));
                }
            }
            default -> {
            }
        }
    }

    private Object parseInteger(String text, int at) {
        try {
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("0b")) {
                return Long.parseLong(text.substring(2), 2);
            }
            if (lower.startsWith("0o")) {
                return Long.parseLong(text.substring(2), 8);
            }
            if (lower.startsWith("0x")) {
                return Long.parseLong(text.substring(2), 16);
            }
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            int radix = lower.startsWith("0b") ? 2 : lower.startsWith("0o") ? 8 : lower.startsWith("0x") ? 16 : 10;
            return PyInts.normalize(new java.math.BigInteger(radix == 10 ? text : text.substring(2), radix));
        }
    }

    private void lexString(char quote, int at) {
        int i = pos + 1;
        while (i < src.length() && src.charAt(i) != quote) {
            i += src.charAt(i) == '\\' ? 2 : 1;
        }
        if (i >= src.length()) {
            throw TemplateException.syntax("unexpected char " + PyStrings.repr(String.valueOf(quote)) + " at " + at,
                    line(at), column(at));
        }
        String body = src.substring(pos + 1, i);
        pos = i + 1;
        try {
            add(Token.Type.STRING, StringEscapes.decode(body), at);
        } catch (IllegalArgumentException e) {
            throw TemplateException.syntax(e.getMessage(), line(at), column(at));
        }
    }

    private void add(Token.Type type, Object value, int offset) {
        tokens.add(new Token(type, value, line(offset), column(offset)));
    }

    private int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    private int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }
}
