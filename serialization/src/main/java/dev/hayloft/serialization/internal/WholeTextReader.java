package dev.hayloft.serialization.internal;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * A SnakeYAML {@link StreamReader} over a whole document held in memory, in linear time.
 * SnakeYAML's own reader refills a 1 KiB window and copies everything not yet consumed on
 * each refill, so a token of n characters (a 9 MB quoted scalar) costs O(n²/1024); this one
 * decodes the text to code points once. Characters outside PyYAML's printable set
 * ({@code \t \n \r}, {@code 0x20-0x7E}, {@code 0x85}, {@code 0xA0-0xD7FF},
 * {@code 0xE000-0xFFFD}, {@code 0x10000-0x10FFFF}) are refused, as PyYAML's reader refuses them.
 *
 * <pre>{@code
 * Parser parser = new ParserImpl(new ScannerImpl(new WholeTextReader(text), loaderOptions));
 * }</pre>
 */
public final class WholeTextReader extends StreamReader {
    private static final String NAME = "<string>";
    private final int[] data;
    private int pointer;
    private int line;
    private int column;
    private int documentIndex;

    public WholeTextReader(String text) {
        super("");
        this.data = text.codePoints().toArray();
        for (int i = 0; i < data.length; i++) {
            if (!isPyPrintable(data[i])) {
                throw new ReaderException(NAME, i, data[i], "special characters are not allowed");
            }
        }
    }

    static boolean isPyPrintable(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0x7E) || c == 0x85 || (c >= 0xA0 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }

    @Override
    public Mark getMark() {
        return new Mark(NAME, pointer, line, column, data, pointer);
    }

    @Override
    public void forward() {
        forward(1);
    }

    @Override
    public void forward(int length) {
        for (int i = 0; i < length && pointer < data.length; i++) {
            int c = data[pointer++];
            documentIndex++;
            if (c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029
                    || (c == '\r' && (pointer >= data.length || data[pointer] != '\n'))) {
                line++;
                column = 0;
            } else if (c != 0xFEFF) {
                column++;
            }
        }
    }

    @Override
    public int peek() {
        return peek(0);
    }

    @Override
    public int peek(int index) {
        int i = pointer + index;
        return i < data.length ? data[i] : 0;
    }

    @Override
    public String prefix(int length) {
        int end = Math.min(data.length, pointer + length);
        return end <= pointer ? "" : new String(data, pointer, end - pointer);
    }

    /** Like SnakeYAML's: the scanner only calls it for text without line breaks. */
    @Override
    public String prefixForward(int length) {
        String s = prefix(length);
        int n = s.codePointCount(0, s.length());
        pointer += n;
        documentIndex += n;
        column += n;
        return s;
    }

    @Override
    public int getColumn() {
        return column;
    }

    @Override
    public int getIndex() {
        return pointer;
    }

    @Override
    public int getDocumentIndex() {
        return documentIndex;
    }

    @Override
    public void resetDocumentIndex() {
        documentIndex = 0;
    }

    @Override
    public int getLine() {
        return line;
    }
}
