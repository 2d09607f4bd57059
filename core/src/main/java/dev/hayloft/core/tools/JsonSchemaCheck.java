package dev.hayloft.core.tools;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks that a map is a well-formed JSON Schema (Draft 2020-12 meta-schema rules for the
 * keywords tool schemas use), the equivalent of {@code Draft202012Validator.check_schema}.
 */
final class JsonSchemaCheck {
    private static final Set<String> TYPES = Set.of("null", "boolean", "object", "array", "number", "string",
            "integer");
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "$defs",
            "definitions", "dependentSchemas");
    private static final Set<String> SCHEMA_VALUES = Set.of("additionalProperties", "items", "contains", "not",
            "if", "then", "else", "propertyNames", "unevaluatedItems", "unevaluatedProperties",
            "additionalItems");
    private static final Set<String> SCHEMA_ARRAYS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final Set<String> NON_NEGATIVE_INTS = Set.of("maxLength", "minLength", "maxItems", "minItems",
            "maxProperties", "minProperties", "maxContains", "minContains");
    private static final Set<String> NUMBERS = Set.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum");
    private static final int MAX_DEPTH = 64;

    private JsonSchemaCheck() {
    }

    static void checkSchema(Object schema, String path) {
        check(schema, path, 0);
    }

    private static void check(Object schema, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(path + ": schema nested too deeply");
        }
        if (schema instanceof Boolean) {
            return;
        }
        if (!(schema instanceof Map)) {
            throw invalid(path, "a schema must be an object or a boolean");
        }
        Map<?, ?> m = (Map<?, ?>) schema;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String)) {
                throw invalid(path, "schema keys must be strings");
            }
            String k = (String) e.getKey();
            Object v = e.getValue();
            String p = path + "." + k;
            if (k.equals("type")) {
                checkType(v, p);
            } else if (SCHEMA_MAPS.contains(k)) {
                if (!(v instanceof Map)) {
                    throw invalid(p, "must be an object of schemas");
                }
                for (Map.Entry<?, ?> s : ((Map<?, ?>) v).entrySet()) {
                    check(s.getValue(), p + "." + s.getKey(), depth + 1);
                }
            } else if (SCHEMA_VALUES.contains(k)) {
                check(v, p, depth + 1);
            } else if (SCHEMA_ARRAYS.contains(k)) {
                if (!(v instanceof List) || ((List<?>) v).isEmpty()) {
                    throw invalid(p, "must be a non-empty array of schemas");
                }
                int i = 0;
                for (Object s : (List<?>) v) {
                    check(s, p + "[" + i++ + "]", depth + 1);
                }
            } else if (k.equals("required")) {
                checkUniqueStrings(v, p);
            } else if (k.equals("enum")) {
                if (!(v instanceof List)) {
                    throw invalid(p, "must be an array");
                }
            } else if (NON_NEGATIVE_INTS.contains(k)) {
                if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 0) {
                    throw invalid(p, "must be a non-negative integer");
                }
            } else if (NUMBERS.contains(k) || k.equals("multipleOf")) {
                if (!(v instanceof Number) || (k.equals("multipleOf") && ((Number) v).doubleValue() <= 0)) {
                    throw invalid(p, k.equals("multipleOf") ? "must be a number > 0" : "must be a number");
                }
            } else if (k.equals("pattern")) {
                if (!(v instanceof String)) {
                    throw invalid(p, "must be a string");
                }
                try {
                    Pattern.compile((String) v);
                } catch (PatternSyntaxException ex) {
                    throw invalid(p, "is not a valid regular expression: " + ex.getDescription());
                }
            } else if (k.equals("uniqueItems") || k.equals("readOnly") || k.equals("writeOnly")
                    || k.equals("deprecated")) {
                if (!(v instanceof Boolean)) {
                    throw invalid(p, "must be a boolean");
                }
            } else if (k.equals("title") || k.equals("description") || k.equals("$ref") || k.equals("$id")
                    || k.equals("$schema") || k.equals("format") || k.equals("$comment")) {
                if (!(v instanceof String)) {
                    throw invalid(p, "must be a string");
                }
            } else if (k.equals("dependentRequired")) {
                if (!(v instanceof Map)) {
                    throw invalid(p, "must be an object of string arrays");
                }
                for (Map.Entry<?, ?> d : ((Map<?, ?>) v).entrySet()) {
                    checkUniqueStrings(d.getValue(), p + "." + d.getKey());
                }
            }
        }
    }

    private static void checkType(Object v, String p) {
        if (v instanceof String) {
            if (!TYPES.contains(v)) {
                throw invalid(p, "'" + v + "' is not a valid type; expected one of " + TYPES);
            }
            return;
        }
        if (v instanceof List && !((List<?>) v).isEmpty()) {
            Set<Object> seen = new HashSet<>();
            for (Object t : (List<?>) v) {
                if (!(t instanceof String) || !TYPES.contains(t) || !seen.add(t)) {
                    throw invalid(p, "must be a type name or an array of distinct type names");
                }
            }
            return;
        }
        throw invalid(p, "must be a type name or an array of type names");
    }

    private static void checkUniqueStrings(Object v, String p) {
        if (!(v instanceof List)) {
            throw invalid(p, "must be an array of strings");
        }
        Set<Object> seen = new HashSet<>();
        for (Object s : (List<?>) v) {
            if (!(s instanceof String) || !seen.add(s)) {
                throw invalid(p, "must be an array of distinct strings");
            }
        }
    }

    private static IllegalArgumentException invalid(String path, String msg) {
        return new IllegalArgumentException("The provided parameters do not define a valid JSON schema: " + path
                + " " + msg);
    }
}
