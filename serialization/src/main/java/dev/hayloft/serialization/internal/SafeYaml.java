package dev.hayloft.serialization.internal;

import dev.hayloft.core.internal.PyRepr;
import dev.hayloft.serialization.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

/**
 * SnakeYAML configured like Haystack's PyYAML marshaller: a safe loader (standard tags plus
 * {@code tag:yaml.org,2002:python/tuple}, read as a list; every other tag refused) with
 * bounded aliases, nesting and size, and a dumper that writes what PyYAML's {@code yaml.dump}
 * writes (sorted keys, block style, 80 columns, non-ASCII escaped, PyYAML's float format).
 *
 * <pre>{@code
 * String yaml = SafeYaml.dump(Map.of("b", 1, "a", "x"));    // "a: x\nb: 1\n"
 * Object data = SafeYaml.loader(Limits.DEFAULT).load(yaml);
 * }</pre>
 */
public final class SafeYaml {
    private static final String PYTHON_TUPLE = "tag:yaml.org,2002:python/tuple";

    private SafeYaml() {
    }

    /** A loader for one document; not thread-safe (SnakeYAML's Yaml isn't), create one per call. */
    public static Yaml loader(Limits limits) {
        LoaderOptions o = new LoaderOptions();
        o.setMaxAliasesForCollections(limits.maxAliases());
        o.setNestingDepthLimit(limits.maxDepth());
        o.setCodePointLimit(limits.maxChars());
        o.setAllowDuplicateKeys(false);
        o.setAllowRecursiveKeys(false);
        o.setProcessComments(false);
        // global tags (!!java.lang.Runtime, tag:yaml.org,2002:...) are refused, except Haystack's tuples
        o.setTagInspector(tag -> PYTHON_TUPLE.equals(tag.getValue()));
        return new Yaml(new Constructor(o));
    }

    /** A dumper matching PyYAML's defaults; create one per call. */
    public static Yaml dumper() {
        DumperOptions d = new DumperOptions();
        d.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        d.setIndent(2);
        d.setWidth(80);
        d.setAllowUnicode(false);
        d.setSplitLines(true);
        d.setPrettyFlow(false);
        d.setNonPrintableStyle(DumperOptions.NonPrintableStyle.ESCAPE);
        return new Yaml(new PyRepresenter(d), d);
    }

    /** Dumps {@code data} exactly as PyYAML's {@code yaml.dump} would (sorted keys included). */
    public static String dump(Object data) {
        return uppercaseHexEscapes(dumper().dump(sorted(data)));
    }

    /**
     * PyYAML writes {@code \xEB}, SnakeYAML {@code \xeb}: upper-cases the hex digits of the
     * escapes inside double-quoted scalars (found by re-parsing the ASCII-only output).
     */
    static String uppercaseHexEscapes(String yaml) {
        if (yaml.indexOf('\\') < 0) {
            return yaml;
        }
        char[] out = yaml.toCharArray();
        for (org.yaml.snakeyaml.events.Event e : new Yaml().parse(new java.io.StringReader(yaml))) {
            if (e instanceof org.yaml.snakeyaml.events.ScalarEvent
                    && ((org.yaml.snakeyaml.events.ScalarEvent) e).getScalarStyle()
                            == DumperOptions.ScalarStyle.DOUBLE_QUOTED) {
                int end = e.getEndMark().getIndex();
                for (int i = e.getStartMark().getIndex(); i < end - 1; i++) {
                    if (out[i] != '\\') {
                        continue;
                    }
                    char kind = out[i + 1];
                    int digits = kind == 'x' ? 2 : kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
                    for (int j = i + 2; j < Math.min(end, i + 2 + digits); j++) {
                        out[j] = Character.toUpperCase(out[j]);
                    }
                    i += 1 + digits; // also skips the second backslash of an escaped backslash
                }
            }
        }
        return new String(out);
    }

    /** A deep copy with every mapping's keys sorted, as PyYAML's {@code sort_keys=True} writes them. */
    @SuppressWarnings("unchecked")
    public static Object sorted(Object v) {
        if (v instanceof Map) {
            Map<String, Object> out = new TreeMap<>();
            ((Map<String, Object>) v).forEach((k, x) -> out.put(k, sorted(x)));
            return out;
        }
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object x : (List<Object>) v) {
                out.add(sorted(x));
            }
            return out;
        }
        return v;
    }

    private static final class Constructor extends SafeConstructor {
        Constructor(LoaderOptions o) {
            super(o);
            this.yamlConstructors.put(new Tag(PYTHON_TUPLE), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return new ArrayList<>(constructSequence((SequenceNode) node));
                }
            });
        }
    }

    private static final class PyRepresenter extends Representer {
        PyRepresenter(DumperOptions d) {
            super(d);
            Represent floats = data -> {
                double x = ((Number) data).doubleValue();
                String text;
                if (Double.isNaN(x)) {
                    text = ".nan";
                } else if (Double.isInfinite(x)) {
                    text = x > 0 ? ".inf" : "-.inf";
                } else {
                    text = PyRepr.floatRepr(x).toLowerCase(java.util.Locale.ROOT);
                    if (!text.contains(".") && text.contains("e")) {
                        text = text.replaceFirst("e", ".0e");
                    }
                }
                return representScalar(Tag.FLOAT, text);
            };
            // PyYAML lets the emitter choose a string's style; SnakeYAML would force literal blocks
            // for multi-line strings, which PyYAML writes single-quoted
            // (PyYAML never writes a string with line breaks plain: it falls back to single quotes,
            // then double quotes, which is what asking for single quotes does here)
            this.representers.put(String.class, data -> {
                String text = data.toString();
                boolean lineBreaks = text.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0x85 || c == 0x2028
                        || c == 0x2029);
                return lineBreaks ? representScalar(Tag.STR, text, DumperOptions.ScalarStyle.SINGLE_QUOTED)
                        : representScalar(Tag.STR, text);
            });
            this.representers.put(Double.class, floats);
            this.representers.put(Float.class, floats);
            this.representers.put(java.math.BigDecimal.class, floats);
        }
    }
}
