package dev.hayloft.templates;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja2's HTML and URL filters: {@code striptags} (markupsafe's: comments and tags removed,
 * whitespace collapsed, entities unescaped), {@code urlize} (Jinja2 3.1's rules, with the default
 * {@code urlize.rel} policy {@code noopener}), {@code urlencode} and {@code xmlattr}. There is no
 * autoescaping, so the results are plain strings, escaped where Jinja2 escapes them.
 *
 * <pre>{@code
 * {{ '<p>Hello <b>world</b></p>'|striptags }}            {# Hello world #}
 * {{ 'see www.example.com'|urlize(target='_blank') }}
 * {{ {'q': 'a b', 'lang': 'en'}|urlencode }}              {# q=a+b&lang=en #}
 * <ul{{ {'class': 'list', 'id': none}|xmlattr }}>          {# <ul class="list"> #}
 * }</pre>
 */
final class HtmlFilters {
    static final Set<String> NAMES = Set.of("striptags", "urlize", "urlencode", "xmlattr");
    private static final String SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029"
            + "\\u202f\\u205f\\u3000";
    private static final Pattern SPACES = Pattern.compile("[" + SPACE + "]+");
    private static final Pattern HTTP = Pattern.compile("^("
            + "(https?://|www\\.)(([\\w%-]+\\.)+)?([a-z]{2,63}|xn--[\\w%]{2,59})"
            + "|([\\w%-]{2,63}\\.)+(com|net|int|edu|gov|org|info|mil)"
            + "|(https?://)((([\\d]{1,3})(\\.[\\d]{1,3}){3})|(\\[([\\da-f]{0,4}:){2}([\\da-f]{0,4}:?){1,6}]))"
            + ")(?::[\\d]{1,5})?(?:[/?#][^" + SPACE + "]*)?$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern EMAIL = Pattern.compile("^[^" + SPACE + "]+@\\w[\\w.-]*\\.\\w+$",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern LEAD = Pattern.compile("^([(<]|&lt;)+");
    private static final Pattern TRAIL = Pattern.compile("([)>.,\\n]|&gt;)+$");
    private static final Pattern SCHEME = Pattern.compile("^([\\w.+-]{2,}:(/){0,2})$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern ATTRIBUTE_KEY = Pattern.compile("[\\s/>=]");
    private static final String URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~";

    private HtmlFilters() {
    }

    static Object apply(RenderState state, String name, Object value, Args a) {
        switch (name) {
            case "striptags":
                a.check(name);
                return striptags(state, value);
            case "urlize":
                return urlize(state, value, a.check(name, "trim_url_limit", "nofollow", "target", "rel", "extra_schemes"));
            case "urlencode":
                a.check(name);
                return urlencode(state, value);
            case "xmlattr":
                return xmlattr(state, value, PyValues.truthy(a.check(name, "autospace").get(0, "autospace", true)));
            default:
                throw TemplateException.runtime("No filter named '" + name + "' found.");
        }
    }

    /** markupsafe's {@code Markup.striptags}. */
    static String striptags(RenderState state, Object value) {
        String s = Filters.str(state, value);
        state.work(s.length());
        for (int start = s.indexOf("<!--"); start >= 0; start = s.indexOf("<!--")) {
            int end = s.indexOf("-->", start);
            if (end < 0) {
                break;
            }
            s = s.substring(0, start) + s.substring(end + 3);
        }
        for (int start = s.indexOf('<'); start >= 0; start = s.indexOf('<')) {
            int end = s.indexOf('>', start);
            if (end < 0) {
                break;
            }
            s = s.substring(0, start) + s.substring(end + 1);
        }
        return HtmlUnescape.unescape(String.join(" ", PyStrings.split(s, null, -1).stream().map(String.class::cast).toList()));
    }

    private static String urlize(RenderState state, Object value, Args a) {
        Object trimArg = a.get(0, "trim_url_limit", null);
        Long trim = trimArg == null ? null : Filters.asLong(trimArg);
        Object relArg = a.get(3, "rel", null);
        Set<String> relParts = new TreeSet<>(PyStrings.split(PyValues.truthy(relArg) ? Filters.str(state, relArg) : "",
                null, -1).stream().map(String.class::cast).toList());
        if (PyValues.truthy(a.get(1, "nofollow", false))) {
            relParts.add("nofollow");
        }
        relParts.add("noopener");
        String rel = String.join(" ", relParts);
        Object target = a.get(2, "target", null);
        List<String> schemes = new ArrayList<>();
        Object extra = a.get(4, "extra_schemes", null);
        if (extra != null) {
            for (Object scheme : PyValues.iterate(state, extra)) {
                String text = Filters.str(state, scheme);
                if (!SCHEME.matcher(text).matches()) {
                    throw TemplateException.runtime(PyValues.repr(scheme) + " is not a valid URI scheme prefix.");
                }
                schemes.add(text);
            }
        }
        String relAttr = " rel=\"" + Filters.escape(rel) + "\"";
        String targetAttr = PyValues.truthy(target) ? " target=\"" + Filters.escape(Filters.str(state, target)) + "\"" : "";
        String text = Filters.escape(Filters.str(state, value));
        state.work(text.length());
        BoundedText out = state.text();
        Matcher spaces = SPACES.matcher(text);
        int at = 0;
        while (spaces.find()) {
            out.append(link(text.substring(at, spaces.start()), trim, relAttr, targetAttr, extra != null, schemes));
            out.append(spaces.group());
            at = spaces.end();
        }
        out.append(link(text.substring(at), trim, relAttr, targetAttr, extra != null, schemes));
        return out.toString();
    }

    private static String link(String word, Long trim, String relAttr, String targetAttr, boolean hasSchemes,
                               List<String> schemes) {
        String head = "";
        String middle = word;
        String tail = "";
        Matcher lead = LEAD.matcher(middle);
        if (lead.find()) {
            head = lead.group();
            middle = middle.substring(lead.end());
        }
        if (middle.endsWith(")") || middle.endsWith(">") || middle.endsWith(".") || middle.endsWith(",")
                || middle.endsWith("\n") || middle.endsWith("&gt;")) {
            Matcher trail = TRAIL.matcher(middle);
            if (trail.find()) {
                tail = trail.group();
                middle = middle.substring(0, trail.start());
            }
        }
        for (String[] pair : new String[][] {{"(", ")"}, {"<", ">"}, {"&lt;", "&gt;"}}) {
            int starts = count(middle, pair[0]);
            if (starts <= count(middle, pair[1])) {
                continue;
            }
            for (int k = Math.min(starts, count(tail, pair[1])); k > 0; k--) {
                int end = tail.indexOf(pair[1]) + pair[1].length();
                middle += tail.substring(0, end);
                tail = tail.substring(end);
            }
        }
        if (HTTP.matcher(middle).find()) {
            String href = middle.startsWith("https://") || middle.startsWith("http://") ? middle : "https://" + middle;
            middle = "<a href=\"" + href + "\"" + relAttr + targetAttr + ">" + trimUrl(middle, trim) + "</a>";
        } else if (middle.startsWith("mailto:") && EMAIL.matcher(middle.substring(7)).find()) {
            middle = "<a href=\"" + middle + "\">" + middle.substring(7) + "</a>";
        } else if (middle.contains("@") && !middle.startsWith("www.") && !middle.startsWith("@")
                && !middle.contains(":") && EMAIL.matcher(middle).find()) {
            middle = "<a href=\"mailto:" + middle + "\">" + middle + "</a>";
        } else if (hasSchemes) {
            for (String scheme : schemes) {
                if (!middle.equals(scheme) && middle.startsWith(scheme)) {
                    middle = "<a href=\"" + middle + "\"" + relAttr + targetAttr + ">" + middle + "</a>";
                }
            }
        }
        return head + middle + tail;
    }

    private static String trimUrl(String url, Long limit) {
        if (limit == null || PyStrings.length(url) <= limit) {
            return url;
        }
        return url.substring(0, PyStrings.toJavaOffset(url, limit)) + "...";
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int at = s.indexOf(part); at >= 0; at = s.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    private static String urlencode(RenderState state, Object value) {
        if (value instanceof String || !PyValues.isIterable(value)) {
            return quote(state, value, false);
        }
        List<Object> items = value instanceof Map<?, ?> map
                ? Methods.items(map)
                : PyValues.iterate(state, value);
        BoundedText out = state.text();
        for (int i = 0; i < items.size(); i++) {
            Object pair = items.get(i);
            if (!PyValues.isIterable(pair)) {
                throw TemplateException.runtime("cannot unpack non-iterable " + PyValues.typeName(pair) + " object");
            }
            List<Object> kv = PyValues.iterate(state, pair);
            if (kv.size() != 2) {
                throw TemplateException.runtime(kv.size() > 2 ? "too many values to unpack (expected 2)"
                        : "not enough values to unpack (expected 2, got " + kv.size() + ")");
            }
            out.append(i == 0 ? "" : "&").append(quote(state, kv.get(0), true)).append("=")
                    .append(quote(state, kv.get(1), true));
        }
        return out.toString();
    }

    /** Jinja2's {@code url_quote}: UTF-8 percent-encoding, {@code /} kept unless {@code forQuery} (then spaces are {@code +}). */
    static String quote(RenderState state, Object value, boolean forQuery) {
        byte[] bytes = value instanceof byte[] b ? b : Filters.str(state, value).getBytes(StandardCharsets.UTF_8);
        BoundedText out = state.text();
        for (byte b : bytes) {
            int c = b & 0xff;
            if (URL_SAFE.indexOf(c) >= 0 || (c == '/' && !forQuery)) {
                out.append((char) c);
            } else if (c == ' ' && forQuery) {
                out.append('+');
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String xmlattr(RenderState state, Object value, boolean autospace) {
        if (!(value instanceof Map<?, ?> map)) {
            if (value instanceof Undefined u) {
                throw u.error();
            }
            throw TemplateException.runtime("'" + PyValues.typeName(value) + "' object has no attribute 'items'");
        }
        List<String> items = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object v = e.getValue();
            if (v == null || v instanceof Undefined) {
                continue;
            }
            if (!(e.getKey() instanceof String key)) {
                throw TemplateException.runtime("expected string or bytes-like object, got '"
                        + PyValues.typeName(e.getKey()) + "'");
            }
            if (ATTRIBUTE_KEY.matcher(key).find()) {
                throw TemplateException.runtime("Invalid character in attribute name: " + PyStrings.repr(key));
            }
            items.add(Filters.escape(key) + "=\"" + Filters.escape(Filters.str(state, v)) + "\"");
        }
        String out = String.join(" ", items);
        return autospace && !out.isEmpty() ? " " + out : out;
    }
}
