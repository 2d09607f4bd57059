package dev.hayloft.serialization.internal;

import dev.hayloft.templates.Python;
import dev.hayloft.serialization.Limits;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.ConstructorException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.scanner.ScannerImpl;

/**
 * SnakeYAML configured like Haystack's PyYAML marshaller: a safe loader (standard tags plus
 * {@code tag:yaml.org,2002:python/tuple}, read as a list; every other tag refused) with
 * bounded aliases, nesting and size, PyYAML's resolvers ({@link PyResolver}) and scalar
 * constructors ({@link PyNumbers}, {@link PyTimestamps}) and a linear-time reader
 * ({@link WholeTextReader}); and a dumper that writes what PyYAML's {@code yaml.dump} writes
 * (sorted keys, block style, 80 columns, non-ASCII escaped, PyYAML's float format, strings
 * quoted exactly when PyYAML's resolver would not read them back as strings).
 *
 * <pre>{@code
 * String yaml = SafeYaml.dump(Map.of("b", 1, "a", "x"));    // "a: x\nb: 1\n"
 * Object data = SafeYaml.load(yaml, Limits.DEFAULT);
 * }</pre>
 */
public final class SafeYaml {
    private static final String PYTHON_TUPLE = "tag:yaml.org,2002:python/tuple";
    private static final Map<String, Boolean> BOOLS = Map.of("yes", true, "no", false, "true", true, "false", false,
            "on", true, "off", false);

    private SafeYaml() {
    }

    /**
     * Loads one document: PyYAML's resolvers and scalar constructors, a linear-time reader, and
     * the bounds of {@code limits}.
     */
    public static Object load(String text, Limits limits) {
        LoaderOptions o = new LoaderOptions();
        o.setMaxAliasesForCollections(limits.maxAliases());
        o.setNestingDepthLimit(limits.maxDepth());
        o.setCodePointLimit(limits.maxChars());
        o.setAllowDuplicateKeys(false);
        o.setAllowRecursiveKeys(false);
        o.setProcessComments(false);
        // global tags (!!java.lang.Runtime, tag:yaml.org,2002:...) are refused, except Haystack's tuples
        o.setTagInspector(tag -> PYTHON_TUPLE.equals(tag.getValue()));
        Constructor constructor = new Constructor(o);
        constructor.setAllowDuplicateKeys(false); // not taken from the options: Yaml's constructor copies it
        constructor.setComposer(new Composer(new ParserImpl(new ScannerImpl(new WholeTextReader(text), o)),
                new PyResolver(), o));
        return constructor.getSingleData(Object.class);
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
        return new Yaml(new SafeConstructor(new LoaderOptions()), new PyRepresenter(d), d, new LoaderOptions(),
                new PyResolver());
    }

    /** Dumps {@code data} exactly as PyYAML's {@code yaml.dump} would (sorted keys included). */
    public static String dump(Object data) {
        return pyYamlFixups(dumper().dump(sorted(data)));
    }

    /**
     * Two places where SnakeYAML's emitter (a port of PyYAML's) writes differently, fixed on
     * the ASCII-only output, whose scalars are found by re-parsing it (linear time):
     * PyYAML writes {@code \xEB}, SnakeYAML {@code \xeb} (hex digits of escapes in
     * double-quoted scalars are upper-cased); and SnakeYAML quotes every string of digits with a
     * leading zero ({@code '09'}) while PyYAML writes the ones that are not octal ints plain.
     */
    static String pyYamlFixups(String yaml) {
        if (yaml.indexOf('\\') < 0 && !yaml.contains("'0")) {
            return yaml;
        }
        char[] out = yaml.toCharArray();
        StringBuilder fixed = null;
        int copied = 0;
        LoaderOptions unbounded = new LoaderOptions();
        unbounded.setCodePointLimit(Integer.MAX_VALUE);
        ParserImpl parser = new ParserImpl(new ScannerImpl(new WholeTextReader(yaml), unbounded));
        while (!parser.checkEvent(Event.ID.StreamEnd)) {
            Event e = parser.getEvent();
            if (!(e instanceof ScalarEvent)) {
                continue;
            }
            ScalarEvent scalar = (ScalarEvent) e;
            int start = e.getStartMark().getIndex();
            int end = e.getEndMark().getIndex();
            if (scalar.getScalarStyle() == DumperOptions.ScalarStyle.DOUBLE_QUOTED) {
                upperCaseHexEscapes(out, start, end);
            } else if (scalar.getScalarStyle() == DumperOptions.ScalarStyle.SINGLE_QUOTED
                    && isLeadingZeroString(scalar.getValue())) {
                fixed = fixed == null ? new StringBuilder(yaml.length()) : fixed;
                fixed.append(out, copied, start - copied).append(scalar.getValue());
                copied = end;
            }
        }
        if (fixed == null) {
            return new String(out);
        }
        return fixed.append(out, copied, out.length - copied).toString();
    }

    /** {@code 0[0-9_]+} that PyYAML's resolver leaves a string (so PyYAML writes it plain). */
    private static boolean isLeadingZeroString(String v) {
        return v.length() > 1 && v.charAt(0) == '0' && v.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '_')
                && PyResolver.tagOf(v).equals(Tag.STR);
    }

    private static void upperCaseHexEscapes(char[] out, int start, int end) {
        for (int i = start; i < end - 1; i++) {
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

    /** SafeConstructor with PyYAML's int, float, bool and timestamp construction, plus tuples. */
    private static final class Constructor extends SafeConstructor {
        Constructor(LoaderOptions o) {
            super(o);
            this.yamlConstructors.put(new Tag(PYTHON_TUPLE), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return new ArrayList<>(constructSequence((SequenceNode) node));
                }
            });
            this.yamlConstructors.put(Tag.INT, scalar(PyNumbers::toInt));
            this.yamlConstructors.put(Tag.FLOAT, scalar(PyNumbers::toFloat));
            this.yamlConstructors.put(Tag.TIMESTAMP, scalar(PyTimestamps::construct));
            this.yamlConstructors.put(Tag.BOOL, scalar(v -> {
                Boolean b = BOOLS.get(v.toLowerCase(Locale.ROOT));
                if (b == null) {
                    throw new IllegalArgumentException("invalid bool: '" + v + "'");
                }
                return b;
            }));
        }

        private AbstractConstruct scalar(Function<String, Object> f) {
            return new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String text = constructScalar((ScalarNode) node);
                    try {
                        return f.apply(text);
                    } catch (IllegalArgumentException e) {
                        throw new ScalarError(e.getMessage(), node.getStartMark());
                    }
                }
            };
        }
    }

    /** A scalar PyYAML's constructors would not accept (PyYAML raises ValueError there). */
    private static final class ScalarError extends ConstructorException {
        private static final long serialVersionUID = 1L;

        ScalarError(String problem, Mark mark) {
            super(null, null, problem, mark);
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
                    text = Python.floatRepr(x).toLowerCase(java.util.Locale.ROOT);
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
            Represent timestamps = data -> {
                try {
                    return representScalar(Tag.TIMESTAMP, PyTimestamps.format(data));
                } catch (IllegalArgumentException e) {
                    throw new YAMLException(e.getMessage(), e);
                }
            };
            this.representers.put(LocalDate.class, timestamps);
            this.representers.put(LocalDateTime.class, timestamps);
            this.representers.put(OffsetDateTime.class, timestamps);
            this.representers.put(Double.class, floats);
            this.representers.put(Float.class, floats);
            this.representers.put(java.math.BigDecimal.class, floats);
        }
    }
}
