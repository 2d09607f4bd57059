package dev.hayloft.hf.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.errors.ModelAccessException;
import dev.hayloft.core.errors.ModelDownloadException;
import dev.hayloft.core.errors.ModelIntegrityException;
import dev.hayloft.core.errors.ModelNotCachedException;
import dev.hayloft.core.errors.ModelNotFoundException;
import dev.hayloft.hf.local.internal.testutil.FakeHub;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every way a Hub download can fail gives a typed exception naming the model (and file), saying
 * what to do, never showing the token, and leaving no corrupt file in the cache.
 */
class HubErrorsTest extends HubTestBase {
    private static final String RIGHT = "hf_right_token_2b1f";
    private static final String WRONG = "hf_wrong_token_9c3e";


    @Test
    void offlineWithoutACachedCopySaysWhatToDo() {
        try (HuggingFaceHub hub = f.client().offline(true).build()) {
            ModelNotCachedException e = assertThrows(ModelNotCachedException.class,
                    () -> hub.downloadModel(HubFixture.REPO));
            assertTrue(e.getMessage().contains("HF_HUB_OFFLINE") && e.getMessage().contains(HubFixture.REPO)
                    && e.getMessage().contains(f.cache.toString()), e.getMessage());
            assertEquals(HubFixture.REPO, e.repoId());
        }
        assertEquals(List.of(), f.hub.requests, "offline mode sends nothing");
    }

    @Test
    void anUnreachableHubWithoutACachedCopySaysSo() throws IOException {
        f.hub.close();
        try (HuggingFaceHub hub = f.client().build()) {
            ModelNotCachedException e = assertThrows(ModelNotCachedException.class,
                    () -> hub.downloadModel(HubFixture.REPO));
            assertTrue(e.getMessage().startsWith("Cannot reach " + f.hub.endpoint()), e.getMessage());
        }
    }

    @Test
    void aGatedModelNeedsATokenWithAccessAndTheTokenNeverShows() throws IOException {
        f.hub.gate(HubFixture.REPO, RIGHT);
        try (HuggingFaceHub hub = f.client().build()) {
            ModelAccessException e = assertThrows(ModelAccessException.class, () -> hub.downloadModel(HubFixture.REPO));
            assertTrue(e.getMessage().contains(HubFixture.REPO + " is a gated model (HTTP 401)")
                    && e.getMessage().contains("accept") && e.getMessage().contains("HF_TOKEN")
                    && e.getMessage().contains("No token was sent."), e.getMessage());
            assertEquals(401, e.statusCode().getAsInt());
        }
        try (HuggingFaceHub hub = f.client().token(Secret.fromToken(WRONG)).build()) {
            ModelAccessException e = assertThrows(ModelAccessException.class, () -> hub.downloadModel(HubFixture.REPO));
            assertTrue(e.getMessage().contains("The token that was sent has no access"), e.getMessage());
            assertFalse(stackTrace(e).contains(WRONG), "the token appears in the exception");
        }
        assertFalse(Files.exists(f.repoFolder().resolve("snapshots")), "nothing was cached");
        // the generator's own token wins; the blob store on another host gets no token
        Map<String, String> env = f.env();
        env.put("MY_HF_TOKEN", RIGHT);
        String localhost = f.hub.endpoint().replace("127.0.0.1", "localhost");
        try (HuggingFaceHub hub = f.client().environment(env::get).endpoint(localhost).build();
             HuggingFaceLocalGenerator llm = HuggingFaceLocalGenerator.builder().model(HubFixture.REPO).hub(hub)
                     .token(Secret.fromEnvVar(List.of("MY_HF_TOKEN"), false)).build()) {
            llm.warmUp();
            assertEquals(1, llm.run("Once upon a time", null, Map.of("max_new_tokens", 2)).replies().size());
        }
        assertTrue(f.hub.requests.stream().anyMatch(r -> r.contains("/resolve/") && r.endsWith("auth=Bearer " + RIGHT)),
                f.hub.requests.toString());
        assertTrue(f.hub.requests.stream().filter(r -> r.startsWith("GET /lfs/")).noneMatch(r -> r.contains("auth")),
                f.hub.requests.toString());
    }

    @Test
    void missingRepositoriesRevisionsAndFilesAreNamed() throws IOException {
        try (HuggingFaceHub hub = f.client().build()) {
            ModelAccessException repo = assertThrows(ModelAccessException.class,
                    () -> hub.downloadModel("hayloft-test/no-such-model"));
            assertTrue(repo.getMessage().contains("hayloft-test/no-such-model") && repo.getMessage().contains(
                    "private or gated, or does not exist"), repo.getMessage());
            ModelNotFoundException rev = assertThrows(ModelNotFoundException.class,
                    () -> hub.downloadModel(HubFixture.REPO + "@v9"));
            assertTrue(rev.getMessage().contains("Revision 'v9' of " + HubFixture.REPO + " does not exist"),
                    rev.getMessage());
            ModelNotFoundException file = assertThrows(ModelNotFoundException.class,
                    () -> hub.downloadFile(HubFixture.REPO, null, "nope.json"));
            assertEquals("nope.json", file.fileName().orElseThrow());
            assertEquals(404, file.statusCode().getAsInt());
            assertThrows(IllegalArgumentException.class, () -> hub.downloadModel("not a model id"));
        }
        // a sharded checkpoint whose index names a shard the repository lacks
        Path sharded = Files.createDirectories(tmp.resolve("sharded"));
        Files.copy(f.source.resolve("config.json"), sharded.resolve("config.json"));
        Files.copy(f.source.resolve("model.safetensors"), sharded.resolve("model-00001-of-00002.safetensors"));
        Files.writeString(sharded.resolve("model.safetensors.index.json"), "{\"metadata\": {}, \"weight_map\": {"
                + "\"a\": \"model-00001-of-00002.safetensors\", \"b\": \"model-00002-of-00002.safetensors\"}}");
        f.hub.publish("hayloft-test/sharded", HubFixture.COMMIT, sharded);
        Files.delete(sharded.resolve("config.json"));
        f.hub.publish("hayloft-test/no-weights", HubFixture.COMMIT, Files.createDirectories(tmp.resolve("empty")));
        try (HuggingFaceHub hub = f.client().build()) {
            ModelNotFoundException shard = assertThrows(ModelNotFoundException.class,
                    () -> hub.downloadModel("hayloft-test/sharded"));
            assertEquals("model-00002-of-00002.safetensors", shard.fileName().orElseThrow());
            ModelNotFoundException config = assertThrows(ModelNotFoundException.class,
                    () -> hub.downloadModel("hayloft-test/no-weights"));
            assertTrue(config.getMessage().contains("File config.json does not exist in hayloft-test/no-weights"),
                    config.getMessage());
        }
    }

    @Test
    void aWrongChecksumLeavesNothingInTheCacheAndARetryWorks() throws IOException {
        f.hub.announceWrongSha256(HubFixture.REPO, "model.safetensors");
        try (HuggingFaceHub hub = f.client().build()) {
            ModelIntegrityException e = assertThrows(ModelIntegrityException.class,
                    () -> hub.downloadModel(HubFixture.REPO));
            assertEquals("model.safetensors", e.fileName().orElseThrow());
            assertTrue(e.getMessage().contains("sha256") && e.getMessage().contains("corrupt"), e.getMessage());
            assertFalse(Files.exists(f.snapshot().resolve("model.safetensors")));
            try (Stream<Path> blobs = Files.list(f.repoFolder().resolve("blobs"))) {
                assertTrue(blobs.noneMatch(b -> b.getFileName().toString().startsWith("0000")
                        || b.toString().endsWith(".incomplete")), "a corrupt blob was kept");
            }
            assertTrue(hub.cachedModel(HubFixture.REPO).isEmpty(), "an incomplete snapshot counts as not cached");
            f.hub.clearFaults();
            assertEquals(f.snapshot(), hub.downloadModel(HubFixture.REPO));
        }
        assertEquals(FakeHub.sha256(f.sourceBytes("model.safetensors")),
                FakeHub.sha256(Files.readAllBytes(f.snapshot().resolve("model.safetensors"))));
    }

    @Test
    void everyFailureIsAModelDownloadException() {
        f.hub.gate(HubFixture.REPO, RIGHT);
        try (HuggingFaceHub hub = f.client().build();
             HuggingFaceLocalGenerator llm = HuggingFaceLocalGenerator.builder().model(HubFixture.REPO).hub(hub)
                     .build()) {
            ModelDownloadException e = assertThrows(ModelDownloadException.class, llm::warmUp);
            assertEquals(HubFixture.REPO, e.repoId());
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
