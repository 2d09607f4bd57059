package dev.hayloft.templates;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python's {@code json.dumps(x, ensure_ascii, indent, separators, sort_keys)}, which is what
 * transformers installs as the chat-template {@code tojson} filter (with {@code ensure_ascii=False}
 * by default, so non-ASCII text stays as is and HTML characters are not escaped). Default
 * separators are {@code ", "} and {@code ": "}, or {@code ","} and {@code ": "} when indenting.
 *
 * <pre>{@code
 * PyJson.dumps(st, Map.of("a", List.of(1L, 2L)), false, null, null, false)  // {"a": [1, 2]}
 * PyJson.dumps(st, Map.of("a", 1L), false, 2L, null, false)                 // "{\n  \"a\": 1\n}"
 * PyJson.dumps(st, List.of("é"), JsonOptions.DEFAULTS.withEnsureAscii(false))  // ["é"]
 * }</pre>
 */
final class PyJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PyJson() {
    }

    static String dumps(RenderState state, Object value, boolean ensureAscii, Object indent, Object separators,
                        boolean sortKeys) {
        JsonOptions options = JsonOptions.DEFAULTS.withEnsureAscii(ensureAscii).withIndent(indentText(indent))
                .withSortKeys(sortKeys);
        if (separators != null) {
            List<Object> pair = separators instanceof PyTuple t ? t.items()
                    : separators instanceof List<?> l ? new ArrayList<>(l) : null;
            if (pair == null || pair.size() != 2 || !(pair.get(0) instanceof String) || !(pair.get(1) instanceof String)) {
                throw TemplateException.runtime("separators must be a pair of strings");
            }
            options = options.withSeparators((String) pair.get(0), (String) pair.get(1));
        }
        return dumps(state, value, options);
    }

    /** {@code json.dumps(value, **options)} of an interpreter value. */
    static String dumps(RenderState state, Object value, JsonOptions options) {
        BoundedText out = state.text();
        new Encoder(out, options).encode(value, 0);
        return out.toString();
    }

    private static String indentText(Object indent) {
        if (indent == null) {
            return null;
        }
        if (indent instanceof String s) {
            return s;
        }
        if (PyValues.isInt(indent)) {
            return " ".repeat((int) Math.max(0, Math.min(PyValues.toLong(indent), 1000)));
        }
        throw TemplateException.runtime("can't multiply sequence by non-int of type '" + PyValues.typeName(indent) + "'");
    }

    private record Encoder(BoundedText out, JsonOptions options, boolean ensureAscii, String indent,
                           String itemSeparator, String keySeparator, Set<Object> path) {
        Encoder(BoundedText out, JsonOptions options) {
            this(out, options, options.ensureAscii(), options.indent(), options.items(), options.keys(),
                    Collections.newSetFromMap(new IdentityHashMap<>()));
        }

        void encode(Object v, int level) {
            if (level > PyValues.MAX_VALUE_DEPTH) {
                throw TemplateException.runtime("maximum recursion depth exceeded while encoding a JSON object");
            }
            if (v == null) {
                out.append("null");
            } else if (v instanceof Boolean b) {
                out.append(b ? "true" : "false");
            } else if (v instanceof Long || v instanceof java.math.BigInteger) {
                out.append(v.toString());
            } else if (v instanceof Double d) {
                out.append(floatText(d));
            } else if (v instanceof String s) {
                string(s);
            } else if (v instanceof List<?> || v instanceof PyTuple) {
                List<?> items = v instanceof PyTuple t ? t.items() : (List<?>) v;
                container(v, level, '[', ']', items.size(), i -> encode(items.get(i), level + 1));
            } else if (v instanceof Map<?, ?> map) {
                List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
                if (options.sortKeys()) {
                    entries.sort((x, y) -> PyValues.compare(x.getKey(), y.getKey(), "<"));
                }
                container(v, level, '{', '}', entries.size(), i -> {
                    string(keyText(entries.get(i).getKey()));
                    out.append(keySeparator);
                    encode(entries.get(i).getValue(), level + 1);
                });
            } else {
                throw TemplateException.runtime("Object of type " + PyValues.typeName(v) + " is not JSON serializable");
            }
        }

        private void container(Object v, int level, char open, char close, int size, java.util.function.IntConsumer item) {
            if (size == 0) {
                out.append(open).append(close);
                return;
            }
            if (!path.add(v)) {
                throw TemplateException.runtime("Circular reference detected");
            }
            out.append(open);
            String separator = itemSeparator;
            if (indent != null) {
                String newline = "\n" + indent.repeat(level + 1);
                out.append(newline);
                separator = itemSeparator + newline;
            }
            for (int i = 0; i < size; i++) {
                if (i > 0) {
                    out.append(separator);
                }
                item.accept(i);
            }
            if (indent != null) {
                out.append("\n" + indent.repeat(level));
            }
            out.append(close);
            path.remove(v);
        }

        private String keyText(Object key) {
            if (key instanceof String s) {
                return s;
            }
            if (key == null) {
                return "null";
            }
            if (key instanceof Boolean b) {
                return b ? "true" : "false";
            }
            if (key instanceof Long || key instanceof java.math.BigInteger) {
                return key.toString();
            }
            if (key instanceof Double d) {
                return floatText(d);
            }
            throw TemplateException.runtime("keys must be str, int, float, bool or None, not " + PyValues.typeName(key));
        }

        private String floatText(double d) {
            if ((Double.isNaN(d) || Double.isInfinite(d)) && !options.allowNan()) {
                throw TemplateException.runtime("Out of range float values are not JSON compliant");
            }
            if (Double.isNaN(d)) {
                return "NaN";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "Infinity" : "-Infinity";
            }
            return PyFloats.repr(d);
        }

        private void string(String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (c < 0x20 || (ensureAscii && c > 0x7e)) {
                            out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                                    .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
