package dev.hayloft.templates;

/**
 * The keyword arguments of Python's {@code json.dumps} that change its text, for
 * {@link Python#jsonDumps(Object, JsonOptions)}. {@link #DEFAULTS} are Python's defaults
 * ({@code ensure_ascii=True}, no indent, {@code sort_keys=False}, {@code allow_nan=True}); each
 * {@code with...} method returns a changed copy.
 *
 * <pre>{@code
 * // json.dumps(args, ensure_ascii=False), as Haystack writes OpenAI tool-call arguments
 * JsonOptions openAi = JsonOptions.DEFAULTS.withEnsureAscii(false);
 * // json.dumps(x, indent=2, sort_keys=True)
 * JsonOptions pretty = JsonOptions.DEFAULTS.withIndent(2).withSortKeys(true);
 * // json.dumps(x, separators=(",", ":"))
 * JsonOptions compact = JsonOptions.DEFAULTS.withSeparators(",", ":");
 * }</pre>
 *
 * @param ensureAscii {@code ensure_ascii}: escape every non-ASCII character as {@code \}{@code uXXXX}
 * @param indent {@code indent} as the text of one level ({@code indent=2} is two spaces), or null
 *     for Python's {@code indent=None} (everything on one line)
 * @param itemSeparator the first of {@code separators}, or null for Python's default ({@code ", "},
 *     or {@code ","} when indenting)
 * @param keySeparator the second of {@code separators}, or null for Python's default {@code ": "}
 * @param sortKeys {@code sort_keys}: dict items sorted by key
 * @param allowNan {@code allow_nan}: write {@code NaN}/{@code Infinity}/{@code -Infinity} (else refuse them)
 */
public record JsonOptions(boolean ensureAscii, String indent, String itemSeparator, String keySeparator,
                          boolean sortKeys, boolean allowNan) {
    /** Python's {@code json.dumps} defaults. */
    public static final JsonOptions DEFAULTS = new JsonOptions(true, null, null, null, false, true);

    /** A copy with {@code ensure_ascii} set. */
    public JsonOptions withEnsureAscii(boolean value) {
        return new JsonOptions(value, indent, itemSeparator, keySeparator, sortKeys, allowNan);
    }

    /** A copy with {@code indent=spaces} (a negative number counts as 0, as in Python). */
    public JsonOptions withIndent(int spaces) {
        return withIndent(" ".repeat(Math.max(0, spaces)));
    }

    /** A copy with {@code indent=text} (a string indent, e.g. {@code "\t"}); null for no indent. */
    public JsonOptions withIndent(String text) {
        return new JsonOptions(ensureAscii, text, itemSeparator, keySeparator, sortKeys, allowNan);
    }

    /** A copy with {@code separators=(item, key)}. */
    public JsonOptions withSeparators(String item, String key) {
        if (item == null || key == null) {
            throw new IllegalArgumentException("separators must be two strings");
        }
        return new JsonOptions(ensureAscii, indent, item, key, sortKeys, allowNan);
    }

    /** A copy with {@code sort_keys} set. */
    public JsonOptions withSortKeys(boolean value) {
        return new JsonOptions(ensureAscii, indent, itemSeparator, keySeparator, value, allowNan);
    }

    /** A copy with {@code allow_nan} set. */
    public JsonOptions withAllowNan(boolean value) {
        return new JsonOptions(ensureAscii, indent, itemSeparator, keySeparator, sortKeys, value);
    }

    /** The item separator in effect: the given one, else {@code ","} when indenting, else {@code ", "}. */
    String items() {
        return itemSeparator != null ? itemSeparator : indent != null ? "," : ", ";
    }

    /** The key separator in effect. */
    String keys() {
        return keySeparator != null ? keySeparator : ": ";
    }
}
