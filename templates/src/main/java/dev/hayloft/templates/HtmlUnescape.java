package dev.hayloft.templates;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code html.unescape}, which markupsafe's {@code striptags} (Jinja2's
 * {@code striptags} filter) ends with: the HTML5 named character references (the WHATWG list in
 * {@code html5-entities.txt}, legacy names also without {@code ;} and as the longest prefix of a
 * longer name) and numeric references, with the HTML5 replacements for invalid code points.
 *
 * <pre>{@code
 * HtmlUnescape.unescape("Main &raquo; &#60;em&#x3e; &amp")   // "Main » <em> &"
 * }</pre>
 */
final class HtmlUnescape {
    private static final Pattern CHARREF = Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");
    /** The Windows-1252 characters HTML5 substitutes for the references {@code &#x80;}..{@code &#x9f;}. */
    private static final int[] C1 = {0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030,
        0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc,
        0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178};

    private HtmlUnescape() {
    }

    private static final class Table {
        static final Map<String, String> ENTITIES = load();

        private static Map<String, String> load() {
            Map<String, String> map = new HashMap<>(4096);
            try (InputStream in = HtmlUnescape.class.getResourceAsStream("html5-entities.txt")) {
                if (in == null) {
                    throw new IllegalStateException("html5-entities.txt is missing from the templates jar");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    String[] f = line.split("\t");
                    StringBuilder value = new StringBuilder();
                    for (String cp : f[1].split(" ")) {
                        value.appendCodePoint(Integer.parseInt(cp, 16));
                    }
                    map.put(f[0], value.toString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return map;
        }
    }

    static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = CHARREF.matcher(s);
        StringBuilder sb = new StringBuilder(s.length());
        int at = 0;
        while (m.find()) {
            sb.append(s, at, m.start()).append(replace(m.group(1)));
            at = m.end();
        }
        return sb.append(s, at, s.length()).toString();
    }

    private static String replace(String ref) {
        if (ref.charAt(0) == '#') {
            boolean hex = ref.charAt(1) == 'x' || ref.charAt(1) == 'X';
            String digits = ref.substring(hex ? 2 : 1);
            if (digits.endsWith(";")) {
                digits = digits.substring(0, digits.length() - 1);
            }
            BigInteger big = new BigInteger(digits, hex ? 16 : 10);
            if (big.bitLength() > 31) {
                return "\ufffd";
            }
            int n = big.intValue();
            if (n == 0) {
                return "\ufffd";
            }
            if (n == 0x0d) {
                return "\r";
            }
            if (n >= 0x80 && n <= 0x9f) {
                return Character.toString(C1[n - 0x80]);
            }
            if ((n >= 0xd800 && n <= 0xdfff) || n > 0x10ffff) {
                return "\ufffd";
            }
            if (invalid(n)) {
                return "";
            }
            return Character.toString(n);
        }
        Map<String, String> entities = Table.ENTITIES;
        String found = entities.get(ref);
        if (found != null) {
            return found;
        }
        for (int x = ref.length() - 1; x > 1; x--) {
            String prefix = entities.get(ref.substring(0, x));
            if (prefix != null) {
                return prefix + ref.substring(x);
            }
        }
        return "&" + ref;
    }

    /** The code points HTML5 drops from numeric references (controls, noncharacters). */
    private static boolean invalid(int n) {
        return (n >= 0x01 && n <= 0x08) || n == 0x0b || (n >= 0x0e && n <= 0x1f) || (n >= 0x7f && n <= 0x9f)
                || (n >= 0xfdd0 && n <= 0xfdef) || (n & 0xfffe) == 0xfffe;
    }
}
