package dev.hayloft.hf.local.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hayloft.core.errors.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Small helpers for reading the JSON files of a model folder with errors that name the file
 * and the field.
 *
 * <pre>{@code
 * JsonNode cfg = JsonFiles.read(folder.resolve("config.json"));
 * int hidden = JsonFiles.requireInt(cfg, "hidden_size", path);
 * }</pre>
 */
public final class JsonFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFiles() {
    }

    /** Reads a JSON object from {@code path}; a missing, unreadable or non-object file fails. */
    public static JsonNode read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new ModelLoadException("Missing " + path.getFileName() + " in " + path.getParent());
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(path.toFile());
        } catch (IOException e) {
            throw new ModelLoadException("Cannot parse " + path + ": " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new ModelLoadException(path + " does not contain a JSON object");
        }
        return node;
    }

    /** Reads {@code path} if it exists, else returns an empty object. */
    public static JsonNode readOptional(Path path) {
        return Files.isRegularFile(path) ? read(path) : MAPPER.createObjectNode();
    }

    /** Whether {@code key} is present and not JSON {@code null}. */
    public static boolean has(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    /** An integer field that must be present. */
    public static int requireInt(JsonNode node, String key, Path file) {
        Integer v = optInt(node, key, file);
        if (v == null) {
            throw new ModelLoadException(file + " lacks the required integer field '" + key + "'");
        }
        return v;
    }

    /** An integer field, or {@code null} when absent or JSON {@code null}. */
    public static Integer optInt(JsonNode node, String key, Path file) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new ModelLoadException(file + ": field '" + key + "' must be an integer, got " + v);
        }
        return v.asInt();
    }

    /** A number field, or {@code null} when absent or JSON {@code null}. */
    public static Double optDouble(JsonNode node, String key, Path file) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new ModelLoadException(file + ": field '" + key + "' must be a number, got " + v);
        }
        return v.asDouble();
    }

    /** A boolean field, or {@code null} when absent or JSON {@code null}. */
    public static Boolean optBoolean(JsonNode node, String key, Path file) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new ModelLoadException(file + ": field '" + key + "' must be true or false, got " + v);
        }
        return v.asBoolean();
    }

    /** A string field, or {@code null} when absent or JSON {@code null}. */
    public static String optString(JsonNode node, String key, Path file) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ModelLoadException(file + ": field '" + key + "' must be a string, got " + v);
        }
        return v.asText();
    }

    /** An integer or list-of-integers field (such as {@code eos_token_id}); empty when absent. */
    public static List<Integer> intOrList(JsonNode node, String key, Path file) {
        JsonNode v = node.get(key);
        List<Integer> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            for (JsonNode e : v) {
                if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                    throw new ModelLoadException(file + ": field '" + key + "' must hold integers, got " + v);
                }
                out.add(e.asInt());
            }
            return out;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new ModelLoadException(file + ": field '" + key + "' must be an integer or a list of integers, got " + v);
        }
        out.add(v.asInt());
        return out;
    }
}
