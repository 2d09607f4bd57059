package dev.hayloft.templates;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python's {@code pprint.pformat(value)} (indent 1, width 80, dict keys sorted), which Jinja2's
 * {@code pprint} filter returns: the value's repr when it fits in the line, else dicts, lists and
 * tuples one item per line, aligned under their opening bracket, and long strings split at
 * whitespace into adjacent literals.
 *
 * <pre>{@code
 * PrettyPrint.pformat(st, Map.of("b", 1L, "a", 2L))   // "{'a': 2, 'b': 1}"
 * }</pre>
 */
final class PrettyPrint {
    private static final int WIDTH = 80;

    private final RenderState state;
    private final BoundedText out;
    private final Set<Object> context = Collections.newSetFromMap(new IdentityHashMap<>());

    private PrettyPrint(RenderState state) {
        this.state = state;
        this.out = state.text();
    }

    static String pformat(RenderState state, Object value) {
        PrettyPrint p = new PrettyPrint(state);
        p.format(value, 0, 0, 0);
        return p.out.toString();
    }

    private void format(Object v, int indent, int allowance, int level) {
        if (isContainer(v) && context.contains(v)) {
            out.append(recursion(v));
            return;
        }
        String rep = repr(v);
        int maxWidth = WIDTH - indent - allowance;
        if (PyStrings.length(rep) > maxWidth && (isContainer(v) || v instanceof String)) {
            context.add(v);
            try {
                if (v instanceof Map<?, ?> map) {
                    out.append("{");
                    if (!map.isEmpty()) {
                        formatDictItems(sortedItems(map), indent, allowance + 1, level + 1);
                    }
                    out.append("}");
                } else if (v instanceof List<?> list) {
                    out.append("[");
                    formatItems(list, indent, allowance + 1, level + 1);
                    out.append("]");
                } else if (v instanceof PyTuple t) {
                    String end = t.size() == 1 ? ",)" : ")";
                    out.append("(");
                    formatItems(t.items(), indent, allowance + end.length(), level + 1);
                    out.append(end);
                } else {
                    formatString((String) v, indent, allowance, level + 1);
                }
            } finally {
                context.remove(v);
            }
            return;
        }
        out.append(rep);
    }

    private void formatDictItems(List<Map.Entry<?, ?>> items, int indent, int allowance, int level) {
        indent += 1;
        String delimiter = ",\n" + " ".repeat(indent);
        for (int i = 0; i < items.size(); i++) {
            boolean last = i == items.size() - 1;
            String rep = repr(items.get(i).getKey());
            out.append(rep).append(": ");
            format(items.get(i).getValue(), indent + PyStrings.length(rep) + 2, last ? allowance : 1, level);
            if (!last) {
                out.append(delimiter);
            }
        }
    }

    private void formatItems(List<?> items, int indent, int allowance, int level) {
        indent += 1;
        String delimiter = ",\n" + " ".repeat(indent);
        for (int i = 0; i < items.size(); i++) {
            boolean last = i == items.size() - 1;
            if (i > 0) {
                out.append(delimiter);
            }
            format(items.get(i), indent, last ? allowance : 1, level);
        }
    }

    private void formatString(String s, int indent, int allowance, int level) {
        List<String> chunks = new ArrayList<>();
        List<Object> lines = PyStrings.splitlines(s, true);
        if (level == 1) {
            indent += 1;
            allowance += 1;
        }
        int maxWidth = WIDTH - indent;
        int maxWidth1 = maxWidth;
        String rep = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = (String) lines.get(i);
            rep = PyStrings.repr(line);
            boolean lastLine = i == lines.size() - 1;
            if (lastLine) {
                maxWidth1 -= allowance;
            }
            if (PyStrings.length(rep) <= maxWidth1) {
                chunks.add(rep);
                continue;
            }
            List<String> parts = words(line);
            int maxWidth2 = maxWidth;
            String current = "";
            for (int j = 0; j < parts.size(); j++) {
                String candidate = current + parts.get(j);
                if (j == parts.size() - 1 && lastLine) {
                    maxWidth2 -= allowance;
                }
                if (PyStrings.length(PyStrings.repr(candidate)) > maxWidth2) {
                    if (!current.isEmpty()) {
                        chunks.add(PyStrings.repr(current));
                    }
                    current = parts.get(j);
                } else {
                    current = candidate;
                }
            }
            if (!current.isEmpty()) {
                chunks.add(PyStrings.repr(current));
            }
        }
        if (chunks.size() == 1) {
            out.append(rep);
            return;
        }
        if (level == 1) {
            out.append("(");
        }
        for (int i = 0; i < chunks.size(); i++) {
            out.append(i > 0 ? "\n" + " ".repeat(indent) : "").append(chunks.get(i));
        }
        if (level == 1) {
            out.append(")");
        }
    }

    /** {@code re.findall(r'\S*\s*', line)} without the final empty match. */
    private static List<String> words(String line) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            int start = i;
            while (i < line.length() && !PyStrings.isSpace(line.codePointAt(i))) {
                i += Character.charCount(line.codePointAt(i));
            }
            while (i < line.length() && PyStrings.isSpace(line.codePointAt(i))) {
                i += Character.charCount(line.codePointAt(i));
            }
            parts.add(line.substring(start, i));
        }
        return parts;
    }

    private static boolean isContainer(Object v) {
        return v instanceof Map || v instanceof List || v instanceof PyTuple;
    }

    private static String recursion(Object v) {
        return "<Recursion on " + PyValues.typeName(v) + " with id=" + System.identityHashCode(v) + ">";
    }

    /** pprint's {@code _safe_repr}: a repr with dict keys sorted at every level. */
    private String repr(Object v) {
        BoundedText text = state.text();
        safeRepr(text, v, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
        return text.toString();
    }

    private void safeRepr(BoundedText text, Object v, Set<Object> seen, int depth) {
        if (depth > PyValues.MAX_VALUE_DEPTH) {
            throw TemplateException.runtime("maximum recursion depth exceeded while getting the repr of an object");
        }
        if (!isContainer(v)) {
            text.append(v instanceof String s ? PyStrings.repr(s) : PyValues.repr(v));
            return;
        }
        if (!seen.add(v)) {
            text.append(recursion(v));
            return;
        }
        try {
            if (v instanceof Map<?, ?> map) {
                text.append("{");
                boolean first = true;
                for (Map.Entry<?, ?> e : sortedItems(map)) {
                    text.append(first ? "" : ", ");
                    first = false;
                    safeRepr(text, e.getKey(), seen, depth + 1);
                    text.append(": ");
                    safeRepr(text, e.getValue(), seen, depth + 1);
                }
                text.append("}");
                return;
            }
            boolean tuple = v instanceof PyTuple;
            List<?> items = tuple ? ((PyTuple) v).items() : (List<?>) v;
            text.append(tuple ? "(" : "[");
            for (int i = 0; i < items.size(); i++) {
                text.append(i == 0 ? "" : ", ");
                safeRepr(text, items.get(i), seen, depth + 1);
            }
            text.append(tuple && items.size() == 1 ? ",)" : tuple ? ")" : "]");
        } finally {
            seen.remove(v);
        }
    }

    /** {@code sorted(d.items(), key=_safe_tuple)}: by key, unorderable kinds by their type's name. */
    private List<Map.Entry<?, ?>> sortedItems(Map<?, ?> map) {
        List<Map.Entry<?, ?>> items = new ArrayList<>(map.entrySet());
        state.work(items.size());
        items.sort((x, y) -> safeCompare(x.getKey(), y.getKey()));
        return items;
    }

    private static int safeCompare(Object a, Object b) {
        try {
            return PyValues.eq(a, b) ? 0 : PyValues.compare(a, b, "<");
        } catch (TemplateException e) {
            return ("<class '" + PyValues.typeName(a) + "'>").compareTo("<class '" + PyValues.typeName(b) + "'>");
        }
    }
}
