package dev.hayloft.serialization;

import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.errors.SerializationException;
import dev.hayloft.serialization.internal.DictChecks;
import dev.hayloft.serialization.internal.SafeYaml;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * YAML in Haystack's format. Writing produces what Haystack's PyYAML dumper produces for the
 * same dict (keys sorted, block style); reading is safe: only standard YAML tags (and
 * Haystack's {@code python/tuple}, read as a list) are accepted, and aliases, nesting depth
 * and document size are bounded by {@link Limits}. Plain scalars resolve as PyYAML 6 resolves
 * them ({@code 1e3} is a string, {@code 017} the int 15, {@code 2001-12-14} a
 * {@link java.time.LocalDate}; timestamps with a time are {@link java.time.LocalDateTime} or,
 * with a zone, {@link java.time.OffsetDateTime}), and loading is linear in the document size.
 * Thread-safe.
 *
 * <pre>{@code
 * YamlMarshaller yaml = YamlMarshaller.create();
 * String text = yaml.marshal(Map.of("b", 1, "a", List.of("x")));   // "a:\n- x\nb: 1\n"
 * }</pre>
 */
public final class YamlMarshaller implements Marshaller {
    private final Limits limits;

    private YamlMarshaller(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** A marshaller with {@link Limits#DEFAULT}. */
    public static YamlMarshaller create() {
        return new YamlMarshaller(Limits.DEFAULT);
    }

    /** A marshaller with custom limits. */
    public static YamlMarshaller create(Limits limits) {
        return new YamlMarshaller(limits);
    }

    @Override
    public String marshal(Map<String, Object> dict) {
        Objects.requireNonNull(dict, "dict");
        try {
            return SafeYaml.dump(dict);
        } catch (YAMLException e) {
            throw new SerializationException("Cannot write YAML: the dict must hold only maps, lists, strings, "
                    + "numbers, booleans and nulls (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public Map<String, Object> unmarshal(String text) {
        if (text == null) {
            throw new DeserializationException("YAML document is null");
        }
        if (text.length() > limits.maxChars()) {
            throw new DeserializationException("YAML document has " + text.length() + " characters, more than the "
                    + "limit of " + limits.maxChars());
        }
        Object root;
        try {
            root = SafeYaml.load(text, limits);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark();
            String where = m == null ? "" : " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1);
            throw new DeserializationException("Invalid or unsafe YAML" + where + ": " + e.getProblem(), null, e);
        } catch (YAMLException e) {
            throw new DeserializationException("Invalid or unsafe YAML: " + e.getMessage(), null, e);
        } catch (StackOverflowError e) {
            throw new DeserializationException("YAML nested too deeply", null, null);
        }
        return DictChecks.rootMapping(root, "YAML", limits);
    }
}
