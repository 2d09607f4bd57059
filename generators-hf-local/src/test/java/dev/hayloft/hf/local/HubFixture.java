package dev.hayloft.hf.local;

import dev.hayloft.core.testing.SharedFixtures;
import dev.hayloft.hf.local.internal.testutil.FakeHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A fake Hub serving the shared stories260K fixture as {@value #REPO} at {@value #COMMIT}, and
 * Hub clients on a temporary cache with an environment that has no token (so no real
 * {@code HF_TOKEN} or stored login of the machine leaks into the tests).
 */
final class HubFixture implements AutoCloseable {
    static final String REPO = "hayloft-test/stories260K";
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    final FakeHub hub;
    final Path cache;
    final Path source;

    HubFixture(Path tmp) throws IOException {
        this.source = SharedFixtures.require("models/stories260K");
        this.hub = new FakeHub();
        this.cache = tmp.resolve("hub-cache");
        hub.publish(REPO, COMMIT, source);
    }

    /** The environment of the clients: only the token file, which does not exist. */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HF_TOKEN_PATH", cache.resolveSibling("no-token").toString());
        return env;
    }

    HuggingFaceHub.Builder client() {
        Map<String, String> env = env();
        return HuggingFaceHub.builder().environment(env::get).endpoint(hub.endpoint()).cacheDir(cache).token(null)
                .progressListener(DownloadListener.none());
    }

    Path repoFolder() {
        return cache.resolve("models--hayloft-test--stories260K");
    }

    Path snapshot() {
        return repoFolder().resolve("snapshots").resolve(COMMIT);
    }

    byte[] sourceBytes(String file) throws IOException {
        return Files.readAllBytes(source.resolve(file));
    }

    @Override
    public void close() throws IOException {
        hub.close();
    }
}
