package dev.hayloft.hf.local;

import dev.hayloft.core.serde.Json;
import dev.hayloft.core.testing.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The shared stories260K fixture and its expected.json. */
final class StoriesModel {
    private StoriesModel() {
    }

    /** The model folder; also sets one intra-op thread for the test JVM (2 shared cores, see Fixtures). */
    static Path folder() {
        Path folder = SharedFixtures.require("models/stories260K");
        LocalRuntime.setIntraOpThreads(1);
        return folder;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> greedy() {
        try {
            Map<String, Object> expected = Json.parseObject(Files.readString(folder().resolve("expected.json")));
            return (Map<String, Object>) expected.get("greedy");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
