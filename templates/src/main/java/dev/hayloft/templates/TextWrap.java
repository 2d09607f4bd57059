package dev.hayloft.templates;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code textwrap.wrap(text, width, expand_tabs=False, replace_whitespace=False,
 * break_long_words=..., break_on_hyphens=...)}, the wrapper behind Jinja2's {@code wordwrap}:
 * the text is split into chunks (words, whitespace runs and, when breaking on hyphens, the parts
 * of hyphenated words), chunks are packed greedily into lines of at most {@code width} code
 * points, whitespace at line ends is dropped, and words longer than a line are cut (after their
 * last fitting hyphen, when there is one) unless {@code breakLongWords} is off.
 *
 * <pre>{@code
 * new TextWrap(10, true, true).wrap("The quick brown fox")   // ["The quick", "brown fox"]
 * }</pre>
 */
final class TextWrap {
    private static final String WS = "[\\t\\n\\x0b\\x0c\\r ]";
    private static final String NWS = "[^\\t\\n\\x0b\\x0c\\r ]";
    private static final String WORD_PUNCT = "[\\w!\"'&.,?]";
    private static final String LETTER = "[^\\d\\W]";
    /** textwrap's {@code wordsep_re}. */
    private static final Pattern WORD_SEPARATORS = Pattern.compile(
            "(" + WS + "+"
                    + "|(?<=" + WORD_PUNCT + ")-{2,}(?=\\w)"
                    + "|" + NWS + "+?(?:"
                    + "-(?:(?<=" + LETTER + "{2}-)|(?<=" + LETTER + "-" + LETTER + "-))(?=" + LETTER + "-?" + LETTER + ")"
                    + "|(?=" + WS + "|\\z)"
                    + "|(?<=" + WORD_PUNCT + ")(?=-{2,}\\w)"
                    + "))", Pattern.UNICODE_CHARACTER_CLASS);
    /** textwrap's {@code wordsep_simple_re}. */
    private static final Pattern WHITESPACE = Pattern.compile("(" + WS + "+)");

    private final long width;
    private final boolean breakLongWords;
    private final boolean breakOnHyphens;

    TextWrap(long width, boolean breakLongWords, boolean breakOnHyphens) {
        this.width = width;
        this.breakLongWords = breakLongWords;
        this.breakOnHyphens = breakOnHyphens;
    }

    /** The wrapped lines of one paragraph. */
    List<String> wrap(String text) {
        List<String> chunks = split(text);
        if (width <= 0) {
            throw TemplateException.runtime("invalid width " + width + " (must be > 0)");
        }
        Collections.reverse(chunks);
        List<String> lines = new ArrayList<>();
        while (!chunks.isEmpty()) {
            List<String> line = new ArrayList<>();
            long length = 0;
            if (isBlank(last(chunks)) && !lines.isEmpty()) {
                chunks.remove(chunks.size() - 1);
            }
            while (!chunks.isEmpty()) {
                long l = PyStrings.length(last(chunks));
                if (length + l > width) {
                    break;
                }
                line.add(chunks.remove(chunks.size() - 1));
                length += l;
            }
            if (!chunks.isEmpty() && PyStrings.length(last(chunks)) > width) {
                handleLongWord(chunks, line, length);
            }
            if (!line.isEmpty() && isBlank(line.get(line.size() - 1))) {
                line.remove(line.size() - 1);
            }
            if (!line.isEmpty()) {
                lines.add(String.join("", line));
            }
        }
        return lines;
    }

    private void handleLongWord(List<String> reversed, List<String> line, long length) {
        long spaceLeft = width < 1 ? 1 : width - length;
        if (breakLongWords) {
            String chunk = last(reversed);
            long end = spaceLeft;
            if (breakOnHyphens && PyStrings.length(chunk) > spaceLeft) {
                int limit = PyStrings.toJavaOffset(chunk, spaceLeft);
                int hyphen = chunk.lastIndexOf('-', limit - 1);
                if (hyphen > 0 && chunk.substring(0, hyphen).chars().anyMatch(c -> c != '-')) {
                    end = PyStrings.toPythonIndex(chunk, hyphen) + 1;
                }
            }
            int cut = PyStrings.toJavaOffset(chunk, end);
            line.add(chunk.substring(0, cut));
            reversed.set(reversed.size() - 1, chunk.substring(cut));
        } else if (line.isEmpty()) {
            line.add(reversed.remove(reversed.size() - 1));
        }
    }

    private List<String> split(String text) {
        Matcher m = (breakOnHyphens ? WORD_SEPARATORS : WHITESPACE).matcher(text);
        List<String> chunks = new ArrayList<>();
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                chunks.add(text.substring(at, m.start()));
            }
            if (m.end() > m.start()) {
                chunks.add(m.group());
            }
            at = m.end();
        }
        if (at < text.length()) {
            chunks.add(text.substring(at));
        }
        return chunks;
    }

    private static String last(List<String> chunks) {
        return chunks.get(chunks.size() - 1);
    }

    private static boolean isBlank(String chunk) {
        return PyStrings.strip(chunk, null).isEmpty();
    }
}
