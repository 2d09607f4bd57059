package dev.hayloft.core.testing;

import dev.hayloft.core.serde.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Loads JSON test resources, e.g. dicts transcribed from Haystack's own tests. A top-level
 * {@code _source} key (where the dict was taken from) is dropped.
 *
 * <pre>{@code
 * Map<String, Object> expected = Fixtures.dict("haystack/chat_message_all_parts.json");
 * }</pre>
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** The JSON object in classpath resource {@code path}, without its {@code _source} key. */
    public static Map<String, Object> dict(String path) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            Map<String, Object> m = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            m.remove("_source");
            return m;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
