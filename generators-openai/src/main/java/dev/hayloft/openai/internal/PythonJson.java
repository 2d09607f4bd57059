package dev.hayloft.openai.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
    // a writer of its own (immutable, thread-safe): core's Json keeps its mapper private
    private static final ObjectWriter WRITER = JsonMapper.builder().build().writer(new PythonSeparators());

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
