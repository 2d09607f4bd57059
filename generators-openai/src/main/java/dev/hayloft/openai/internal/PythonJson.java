package dev.hayloft.openai.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.hayloft.core.serde.Json;
import java.io.IOException;

/**
 * Writes JSON text the way Python's {@code json.dumps(value, ensure_ascii=False)} does
 * ({@code ", "} and {@code ": "} separators, non-ASCII characters kept), so that tool-call
 * arguments sent back to OpenAI are byte-identical to Haystack's.
 *
 * <pre>{@code
 * PythonJson.dumps(Map.of("city", "Zürich"));   // {"city": "Zürich"}
 * }</pre>
 */
public final class PythonJson {
    private static final ObjectWriter WRITER = Json.mapper().writer(new PythonSeparators());

    private PythonJson() {
    }

    /** The JSON text of {@code value}. */
    public static String dumps(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static final class PythonSeparators extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }
}
