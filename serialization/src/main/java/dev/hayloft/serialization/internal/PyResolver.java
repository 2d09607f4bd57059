package dev.hayloft.serialization.internal;

import java.util.Set;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * PyYAML 6's implicit resolvers ({@code yaml.resolver.Resolver}): the tag a plain scalar gets,
 * used both when loading (what a plain scalar means) and when dumping (a string is written
 * plain only if it would resolve back to {@code str}, exactly as PyYAML's serializer decides).
 *
 * <p>The rules, in PyYAML's order, after PyYAML's first-character dispatch:
 * <ul>
 *   <li>bool: {@code yes|no|true|false|on|off} in lower, Title or UPPER case;</li>
 *   <li>float: {@code [-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?}, {@code \.[0-9][0-9_]*(exp)?},
 *       sexagesimal {@code [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*}, {@code [-+]?.inf},
 *       {@code .nan} (so {@code 1e3} and {@code 1.5E3} are strings: the exponent needs a dot
 *       and a sign);</li>
 *   <li>int: {@code 0b[01_]+}, {@code 0[0-7_]+} (octal), {@code 0|[1-9][0-9_]*},
 *       {@code 0x[0-9a-fA-F_]+}, sexagesimal {@code [1-9][0-9_]*(:[0-5]?[0-9])+}, all with an
 *       optional sign ({@code 0o17} is a string);</li>
 *   <li>merge {@code <<}; null {@code ~|null|Null|NULL|}(empty); timestamp
 *       {@code YYYY-MM-DD} or {@code YYYY-M-D[Tt ]h:mm:ss[.f*][ ][Z|±h[:mm]]}; value {@code =};
 *       and PyYAML's documentation-only {@code !}, {@code &}, {@code *}.</li>
 * </ul>
 * Matching is hand-written (linear, no regex recursion on long scalars). Python's {@code $}
 * also matches before one final line break, so {@code "1\n"} resolves like {@code "1"}, as in
 * PyYAML.
 *
 * <pre>{@code
 * PyResolver.tagOf("1e3");      // Tag.STR
 * PyResolver.tagOf("1.0e+3");   // Tag.FLOAT
 * PyResolver.tagOf("0o17");     // Tag.STR
 * }</pre>
 */
public final class PyResolver extends Resolver {
    /** PyYAML's {@code tag:yaml.org,2002:value}, which its safe loader cannot construct. */
    public static final Tag VALUE = new Tag(Tag.PREFIX + "value");
    /** PyYAML's documentation-only {@code tag:yaml.org,2002:yaml}. */
    public static final Tag YAML = new Tag(Tag.PREFIX + "yaml");

    private static final Set<String> BOOLS = Set.of("yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE",
            "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF");
    private static final Set<String> NULLS = Set.of("~", "null", "Null", "NULL", "");

    @Override
    protected void addImplicitResolvers() {
        // resolution is done by resolve() below, not through SnakeYAML's regex table
    }

    @Override
    public Tag resolve(NodeId kind, String value, boolean implicit) {
        if (kind == NodeId.scalar) {
            return implicit ? tagOf(value) : Tag.STR;
        }
        return kind == NodeId.sequence ? Tag.SEQ : Tag.MAP;
    }

    /** The tag PyYAML's resolver gives the plain scalar {@code value}. */
    public static Tag tagOf(String value) {
        if (value.isEmpty()) {
            return Tag.NULL;
        }
        char first = value.charAt(0);
        // Python's re '$' matches at the end and before a final '\n'
        String v = value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
        if ("yYnNtTfFoO".indexOf(first) >= 0 && BOOLS.contains(v)) {
            return Tag.BOOL;
        }
        if ("-+0123456789.".indexOf(first) >= 0 && isFloat(v)) {
            return Tag.FLOAT;
        }
        if ("-+0123456789".indexOf(first) >= 0 && isInt(v)) {
            return Tag.INT;
        }
        if (first == '<' && v.equals("<<")) {
            return Tag.MERGE;
        }
        if ("~nN".indexOf(first) >= 0 && NULLS.contains(v)) {
            return Tag.NULL;
        }
        if (first >= '0' && first <= '9' && isTimestamp(v)) {
            return Tag.TIMESTAMP;
        }
        if (first == '=' && v.equals("=")) {
            return VALUE;
        }
        if ("!&*".indexOf(first) >= 0 && v.length() == 1) {
            return YAML;
        }
        return Tag.STR;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Index after the run of {@code [0-9_]} starting at {@code i}. */
    private static int digitsOrUnderscores(String s, int i) {
        while (i < s.length() && (isDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        return i;
    }

    /** Index after {@code (:[0-5]?[0-9])+} at {@code i}, or -1. */
    private static int sexagesimalGroups(String s, int i) {
        int groups = 0;
        while (i < s.length() && s.charAt(i) == ':') {
            if (i + 1 >= s.length() || !isDigit(s.charAt(i + 1))) {
                return -1;
            }
            char c1 = s.charAt(i + 1);
            boolean two = c1 <= '5' && i + 2 < s.length() && isDigit(s.charAt(i + 2));
            i += two ? 3 : 2;
            groups++;
        }
        return groups == 0 ? -1 : i;
    }

    /** True when the rest from {@code i} is empty or {@code [eE][-+][0-9]+}. */
    private static boolean optionalExponentToEnd(String s, int i) {
        int n = s.length();
        if (i == n) {
            return true;
        }
        if ((s.charAt(i) != 'e' && s.charAt(i) != 'E') || i + 2 >= n || (s.charAt(i + 1) != '-'
                && s.charAt(i + 1) != '+')) {
            return false;
        }
        for (int j = i + 2; j < n; j++) {
            if (!isDigit(s.charAt(j))) {
                return false;
            }
        }
        return true;
    }

    static boolean isFloat(String s) {
        int n = s.length();
        boolean signed = s.charAt(0) == '-' || s.charAt(0) == '+';
        int i = signed ? 1 : 0;
        String rest = s.substring(i);
        if (rest.equals(".inf") || rest.equals(".Inf") || rest.equals(".INF")) {
            return true;
        }
        if (rest.equals(".nan") || rest.equals(".NaN") || rest.equals(".NAN")) {
            return !signed;
        }
        if (i < n && s.charAt(i) == '.') {
            if (signed || i + 1 >= n || !isDigit(s.charAt(i + 1))) {
                return false;
            }
            return optionalExponentToEnd(s, digitsOrUnderscores(s, i + 1));
        }
        if (i >= n || !isDigit(s.charAt(i))) {
            return false;
        }
        i = digitsOrUnderscores(s, i + 1);
        if (i < n && s.charAt(i) == '.') {
            return optionalExponentToEnd(s, digitsOrUnderscores(s, i + 1));
        }
        if (i < n && s.charAt(i) == ':') {
            i = sexagesimalGroups(s, i);
            return i >= 0 && i < n && s.charAt(i) == '.' && digitsOrUnderscores(s, i + 1) == n;
        }
        return false;
    }

    static boolean isInt(String s) {
        int n = s.length();
        int i = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
        if (i >= n) {
            return false;
        }
        char c = s.charAt(i);
        if (c == '0') {
            if (i + 1 == n) {
                return true;
            }
            char kind = s.charAt(i + 1);
            String allowed = kind == 'b' ? "01_" : kind == 'x' ? "0123456789abcdefABCDEF_" : null;
            int from = allowed == null ? i + 1 : i + 2;
            if (allowed == null) {
                allowed = "01234567_";
            }
            if (from >= n) {
                return false;
            }
            for (int j = from; j < n; j++) {
                if (allowed.indexOf(s.charAt(j)) < 0) {
                    return false;
                }
            }
            return true;
        }
        if (c < '1' || c > '9') {
            return false;
        }
        i = digitsOrUnderscores(s, i + 1);
        return i == n || sexagesimalGroups(s, i) == n;
    }

    /** PyYAML's timestamp resolver (stricter than its timestamp constructor). */
    static boolean isTimestamp(String s) {
        if (s.length() == 10 && digits(s, 0, 4) && s.charAt(4) == '-' && digits(s, 5, 2) && s.charAt(7) == '-'
                && digits(s, 8, 2)) {
            return true;
        }
        return PyTimestamps.parseParts(s, true) != null;
    }

    static boolean digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
