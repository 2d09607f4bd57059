package dev.hayloft.core.generation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Derives the JSON schema of a Java record the way Pydantic describes the equivalent model
 * and OpenAI's {@code to_strict_json_schema} makes it strict: property {@code title}s
 * ({@code event_name} → {@code "Event Name"}), every property required,
 * {@code additionalProperties: false}, nested records and enums under {@code $defs} referenced
 * with {@code $ref}. Supported component types: strings, booleans, numbers, enums, nested
 * records, {@code List}/{@code Set}/arrays of those, {@code Optional<T>} (nullable).
 * Component names follow {@code @JsonProperty}; {@code @JsonPropertyDescription} becomes
 * {@code description}. The one derivation behind every provider's structured output from a
 * record (the OpenAI module's {@code StructuredOutput}, the Hugging Face module's
 * {@code ResponseFormat}).
 *
 * <pre>{@code
 * record Event(String name, List<String> guests) {}
 * Map<String, Object> schema = RecordSchemas.of(Event.class);
 * }</pre>
 */
public final class RecordSchemas {
    private static final Set<Class<?>> INTEGERS = Set.of(int.class, long.class, short.class, byte.class,
            Integer.class, Long.class, Short.class, Byte.class, BigInteger.class);
    private static final Set<Class<?>> NUMBERS = Set.of(float.class, double.class, Float.class, Double.class,
            BigDecimal.class);

    private final Map<String, Object> defs = new LinkedHashMap<>();
    private final Map<Class<?>, String> defNames = new LinkedHashMap<>();

    private RecordSchemas() {
    }

    /** The strict schema of {@code type}. */
    public static Map<String, Object> of(Class<? extends Record> type) {
        RecordSchemas s = new RecordSchemas();
        Map<String, Object> root = s.record(type);
        if (!s.defs.isEmpty()) {
            Map<String, Object> withDefs = new LinkedHashMap<>();
            withDefs.put("$defs", s.defs);
            withDefs.putAll(root);
            return withDefs;
        }
        return root;
    }

    private Map<String, Object> record(Class<?> type) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (RecordComponent rc : type.getRecordComponents()) {
            JsonProperty jp = rc.getAccessor().getAnnotation(JsonProperty.class);
            String name = jp != null && !jp.value().isEmpty() ? jp.value() : rc.getName();
            Map<String, Object> schema = new LinkedHashMap<>();
            JsonPropertyDescription desc = rc.getAccessor().getAnnotation(JsonPropertyDescription.class);
            if (desc != null) {
                schema.put("description", desc.value());
            }
            Map<String, Object> typeSchema = schema(rc.getGenericType(), type.getSimpleName() + "." + rc.getName());
            if (!typeSchema.containsKey("$ref")) {
                schema.put("title", title(name));
            }
            schema.putAll(typeSchema);
            properties.put(name, schema);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("properties", properties);
        out.put("required", new ArrayList<>(properties.keySet()));
        out.put("title", type.getSimpleName());
        out.put("type", "object");
        out.put("additionalProperties", false);
        return out;
    }

    private Map<String, Object> schema(Type t, String where) {
        Map<String, Object> s = new LinkedHashMap<>();
        if (t instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) t;
            Class<?> raw = (Class<?>) p.getRawType();
            Type arg = p.getActualTypeArguments()[0];
            if (raw == Optional.class) {
                List<Object> any = new ArrayList<>();
                any.add(schema(arg, where));
                any.add(Map.of("type", "null"));
                s.put("anyOf", any);
                return s;
            }
            if (Collection.class.isAssignableFrom(raw) && !Map.class.isAssignableFrom(raw)) {
                s.put("items", schema(arg, where));
                s.put("type", "array");
                return s;
            }
            throw unsupported(t, where);
        }
        if (t instanceof GenericArrayType) {
            s.put("items", schema(((GenericArrayType) t).getGenericComponentType(), where));
            s.put("type", "array");
            return s;
        }
        if (!(t instanceof Class)) {
            throw unsupported(t, where);
        }
        Class<?> c = (Class<?>) t;
        if (c == String.class || c == char.class || c == Character.class) {
            s.put("type", "string");
        } else if (c == boolean.class || c == Boolean.class) {
            s.put("type", "boolean");
        } else if (INTEGERS.contains(c)) {
            s.put("type", "integer");
        } else if (NUMBERS.contains(c)) {
            s.put("type", "number");
        } else if (c.isArray()) {
            s.put("items", schema(c.getComponentType(), where));
            s.put("type", "array");
        } else if (c.isEnum() || c.isRecord()) {
            s.put("$ref", "#/$defs/" + define(c));
        } else {
            throw unsupported(t, where);
        }
        return s;
    }

    private String define(Class<?> c) {
        String known = defNames.get(c);
        if (known != null) {
            return known;
        }
        String name = c.getSimpleName();
        if (defNames.containsValue(name)) {
            throw new IllegalArgumentException("Two types are both called " + name + " in the structured output type");
        }
        defNames.put(c, name);
        defs.put(name, Map.of()); // placeholder keeps the order and breaks cycles
        if (c.isEnum()) {
            List<Object> values = new ArrayList<>();
            for (Object constant : c.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("enum", values);
            e.put("title", name);
            e.put("type", "string");
            defs.put(name, e);
        } else {
            defs.put(name, record(c));
        }
        return name;
    }

    private static IllegalArgumentException unsupported(Type t, String where) {
        return new IllegalArgumentException("Unsupported type " + t.getTypeName() + " for " + where + ": structured "
                + "outputs support strings, booleans, numbers, enums, records, lists/sets/arrays and Optional");
    }

    /** Pydantic's default title: underscores become spaces, then Python's {@code str.title()}. */
    static String title(String name) {
        String spaced = name.replace('_', ' ');
        StringBuilder sb = new StringBuilder(spaced.length());
        boolean previousCased = false;
        for (int i = 0; i < spaced.length(); i++) {
            char ch = spaced.charAt(i);
            if (Character.isLetter(ch)) {
                sb.append(previousCased ? Character.toLowerCase(ch) : Character.toUpperCase(ch));
                previousCased = true;
            } else {
                sb.append(ch);
                previousCased = false;
            }
        }
        return sb.toString();
    }
}
