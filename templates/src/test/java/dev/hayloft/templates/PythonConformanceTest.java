package dev.hayloft.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link Python} against what CPython printed for the same values ({@code python-values/cases.txt}
 * and {@code printable.txt}, written by {@code python-values/generate.py}), byte for byte. Code
 * points that Python's Unicode version assigns and the JDK's does not are left out (and counted).
 */
class PythonConformanceTest {
    private static final Map<String, Function<Object, String>> OPS = Map.of(
            "repr", Python::repr,
            "str", Python::str,
            "json", Python::jsonDumps,
            "json_noascii", v -> Python.jsonDumps(v, JsonOptions.DEFAULTS.withEnsureAscii(false)),
            "json_indent2", v -> Python.jsonDumps(v, JsonOptions.DEFAULTS.withIndent(2)),
            "json_indent0", v -> Python.jsonDumps(v, JsonOptions.DEFAULTS.withIndent(0)),
            "json_indent_tab", v -> Python.jsonDumps(v, JsonOptions.DEFAULTS.withIndent("\t").withEnsureAscii(false)),
            "json_compact", v -> Python.jsonDumps(v, JsonOptions.DEFAULTS.withSeparators(",", ":")),
            "json_sorted", v -> Python.jsonDumps(v, JsonOptions.DEFAULTS.withSortKeys(true)),
            "json_nonan", v -> Python.jsonDumps(v, JsonOptions.DEFAULTS.withAllowNan(false)));

    @Test
    void reprStrAndJsonDumpsMatchPythonByteForByte() throws IOException {
        Set<Integer> newer = newerThanJdk();
        int checked = 0;
        int skipped = 0;
        List<String> failures = new ArrayList<>();
        for (String line : lines("cases.txt")) {
            String[] f = line.split("\t", -1);
            Cursor c = new Cursor(f[1].isEmpty() ? new String[0] : f[1].split(" "));
            Object value = c.value();
            if (mentions(value, newer)) {
                skipped++;
                continue;
            }
            Function<Object, String> op = OPS.get(f[0]);
            checked++;
            if (f[2].startsWith("!")) {
                assertThrows(IllegalArgumentException.class, () -> op.apply(value), line);
                continue;
            }
            String expected = utf16(f[2]);
            String actual = op.apply(value);
            if (!expected.equals(actual)) {
                failures.add(f[0] + " " + f[1] + "\n  python: " + expected + "\n  java:   " + actual);
            }
        }
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), failures.size() + " mismatches");
        assertTrue(checked > 3000, "checked " + checked);
        assertTrue(skipped < 50, "skipped " + skipped);
    }

    @Test
    void isPrintableMatchesPythonWhereBothUnicodeVersionsAssignTheCodePoint() throws IOException {
        int newer = 0;
        for (String line : lines("printable.txt")) {
            String[] f = line.split(" ");
            int start = Integer.parseInt(f[0], 16);
            int end = Integer.parseInt(f[1], 16);
            boolean printable = f[2].equals("P");
            boolean assigned = f[3].equals("A");
            for (int cp = start; cp <= end; cp++) {
                if (assigned && Character.getType(cp) == Character.UNASSIGNED) {
                    newer++; // added after the JDK's Unicode version: we escape it, Python need not
                    assertEquals(false, Python.isPrintable(cp), Integer.toHexString(cp));
                    continue;
                }
                if (printable != Python.isPrintable(cp)) {
                    assertEquals(printable, Python.isPrintable(cp), "U+" + Integer.toHexString(cp));
                }
            }
        }
        // Unicode 14 adds 838 characters to Unicode 13 (JDK 17); other pairs of versions differ otherwise
        assertTrue(newer < 5000, "code points newer than the JDK's Unicode tables: " + newer);
    }

    /** Code point ranges that Python's tables assign and the JDK's do not. */
    private static Set<Integer> newerThanJdk() throws IOException {
        Set<Integer> out = new HashSet<>();
        for (String line : lines("printable.txt")) {
            String[] f = line.split(" ");
            if (f[3].equals("A")) {
                int start = Integer.parseInt(f[0], 16);
                int end = Integer.parseInt(f[1], 16);
                for (int cp = start; cp <= end; cp++) {
                    if (Character.getType(cp) == Character.UNASSIGNED) {
                        out.add(cp);
                    }
                }
            }
        }
        return out;
    }

    private static boolean mentions(Object v, Set<Integer> codePoints) {
        if (v instanceof String s) {
            return s.codePoints().anyMatch(codePoints::contains);
        }
        if (v instanceof List<?> l) {
            return l.stream().anyMatch(x -> mentions(x, codePoints));
        }
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().anyMatch(e -> mentions(e.getKey(), codePoints) || mentions(e.getValue(), codePoints));
        }
        return false;
    }

    private static List<String> lines(String name) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = PythonConformanceTest.class.getResourceAsStream("/python-values/" + name);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.startsWith("#") && !line.isEmpty()) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    /** UTF-16BE hex to a string, lone surrogates included (the JDK's decoder would replace them). */
    private static String utf16(String hex) {
        StringBuilder sb = new StringBuilder(hex.length() / 4);
        for (int i = 0; i < hex.length(); i += 4) {
            sb.append((char) Integer.parseInt(hex, i, i + 4, 16));
        }
        return sb.toString();
    }

    /** Reads the generator's prefix notation into Java values (dicts as LinkedHashMaps). */
    private static final class Cursor {
        private final String[] tokens;
        private int at;

        Cursor(String[] tokens) {
            this.tokens = tokens;
        }

        Object value() {
            String t = tokens[at++];
            String rest = t.substring(1);
            switch (t.charAt(0)) {
                case 'N':
                    return null;
                case 'T':
                    return true;
                case 'F':
                    return false;
                case 'i': {
                    BigInteger b = new BigInteger(rest);
                    return b.bitLength() < 64 ? (Object) b.longValue() : b;
                }
                case 'f':
                    return rest.equals("nan") ? Double.NaN : rest.equals("inf") ? Double.POSITIVE_INFINITY
                            : rest.equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(rest);
                case 's':
                    return utf16(rest);
                case 'b':
                    return HexFormat.of().parseHex(rest);
                case 'l': {
                    List<Object> list = new ArrayList<>();
                    for (int n = Integer.parseInt(rest); n > 0; n--) {
                        list.add(value());
                    }
                    return list;
                }
                case 'd': {
                    Map<Object, Object> map = new LinkedHashMap<>();
                    for (int n = Integer.parseInt(rest); n > 0; n--) {
                        Object key = value();
                        map.put(key, value());
                    }
                    return map;
                }
                default:
                    throw new IllegalArgumentException("bad token " + t);
            }
        }
    }
}
