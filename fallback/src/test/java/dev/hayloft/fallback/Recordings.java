package dev.hayloft.fallback;

import dev.hayloft.core.serde.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The recorded response shapes in {@code src/test/resources/llm} (see the README there), filled in. */
final class Recordings {
    private static final String COMPLETION = resource("llm/completion.json");
    private static final String ROLE = resource("llm/chunk_role.json");
    private static final String CONTENT = resource("llm/chunk_content.json");
    private static final String FINISH = resource("llm/chunk_finish.json");
    private static final String USAGE = resource("llm/chunk_usage.json");
    private static final String ERROR = resource("llm/error.json");

    private Recordings() {
    }

    static String resource(String path) {
        try (InputStream in = Recordings.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(String text) {
        String json = Json.write(text);
        return json.substring(1, json.length() - 1);
    }

    static String completion(String text) {
        int tokens = text.split(" ").length;
        return COMPLETION.replace("{{text}}", quoted(text))
                .replace("{{tokens}}", String.valueOf(tokens)).replace("{{total}}", String.valueOf(12 + tokens));
    }

    static String roleChunk() {
        return "data: " + ROLE + "\n\n";
    }

    static String contentChunk(String text) {
        return "data: " + CONTENT.replace("{{text}}", quoted(text)) + "\n\n";
    }

    static String finishChunk() {
        return "data: " + FINISH + "\n\n";
    }

    static String usageChunk(int tokens) {
        return "data: " + USAGE.replace("{{tokens}}", String.valueOf(tokens))
                .replace("{{total}}", String.valueOf(12 + tokens)) + "\n\n";
    }

    /** An OpenAI error object; {@code code} null or a code such as {@code context_length_exceeded}. */
    static String error(String message, String type, String code) {
        return ERROR.replace("{{message}}", quoted(message)).replace("{{type}}", type)
                .replace("{{code}}", code == null ? "null" : Json.write(code));
    }
}
