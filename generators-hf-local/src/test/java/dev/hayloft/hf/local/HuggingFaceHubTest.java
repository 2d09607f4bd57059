package dev.hayloft.hf.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.hf.local.internal.testutil.FakeHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link HuggingFaceHub} against a fake Hub on loopback ({@link FakeHub}: Hub-style headers, a
 * redirect to a blob store): the first download fills the standard cache layout, later calls
 * use the cache (also with the server stopped, and offline), and a cut connection resumes.
 */
class HuggingFaceHubTest extends HubTestBase {

    @Test
    void firstDownloadFillsTheStandardCacheLayout() throws IOException {
        List<DownloadProgress> events = new CopyOnWriteArrayList<>();
        Path folder;
        try (HuggingFaceHub hub = f.client().progressListener(events::add).build()) {
            folder = hub.downloadModel(HubFixture.REPO);
        }
        assertEquals(f.snapshot(), folder);
        // refs/main holds the commit without a newline, as huggingface_hub writes it
        assertEquals(HubFixture.COMMIT, Files.readString(f.repoFolder().resolve("refs/main")));
        for (String file : List.of("config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json",
                "special_tokens_map.json", "model.safetensors")) {
            Path pointer = folder.resolve(file);
            assertTrue(Files.isSymbolicLink(pointer), file + " is not a symlink");
            byte[] bytes = f.sourceBytes(file);
            String etag = file.endsWith(".safetensors") ? FakeHub.sha256(bytes) : FakeHub.gitSha1(bytes);
            assertEquals(Path.of("../../blobs/" + etag), Files.readSymbolicLink(pointer), file);
            assertArrayEquals(bytes, Files.readAllBytes(pointer), file);
        }
        // what the repository lacks is recorded as huggingface_hub records it
        assertTrue(Files.exists(f.repoFolder().resolve(".no_exist/" + HubFixture.COMMIT + "/chat_template.jinja")));
        assertFalse(Files.exists(folder.resolve("expected.json")), "files the model does not need are not fetched");
        assertNoPartialFiles();
        DownloadProgress last = events.get(events.size() - 1);
        assertTrue(events.stream().anyMatch(p -> p.fileName().equals("model.safetensors") && p.finished()));
        assertTrue(last.finished());
        // the revision is resolved once; every other file is asked for at the commit
        assertEquals(1, f.hub.count("HEAD /" + HubFixture.REPO + "/resolve/main/"));
        assertEquals(1, f.hub.count("GET /lfs/"));
    }

    @Test
    void aCachedModelIsUsedWhenTheServerIsDownAndOffline() throws IOException {
        try (HuggingFaceHub hub = f.client().build()) {
            hub.downloadModel(HubFixture.REPO);
        }
        int before = f.hub.requests.size();
        try (HuggingFaceHub hub = f.client().build()) {
            assertEquals(f.snapshot(), hub.downloadModel(HubFixture.REPO));
        }
        assertEquals(before + 1, f.hub.requests.size(), "a cache hit asks only for the revision's commit");
        f.hub.close();
        try (HuggingFaceHub hub = f.client().build()) {
            assertEquals(f.snapshot(), hub.downloadModel(HubFixture.REPO));
            assertEquals(f.snapshot(), hub.downloadModel(HubFixture.REPO + "@" + HubFixture.COMMIT));
            assertEquals(f.snapshot().resolve("config.json"), hub.downloadFile(HubFixture.REPO, null, "config.json"));
        }
        Map<String, String> env = f.env();
        env.put("HF_HUB_OFFLINE", "1");
        env.put("HF_HUB_CACHE", f.cache.toString());
        try (HuggingFaceHub hub = HuggingFaceHub.builder().environment(env::get).token(null).build()) {
            assertTrue(hub.isOffline());
            assertEquals(f.cache, hub.cacheDir());
            assertEquals(f.snapshot(), hub.downloadModel(HubFixture.REPO));
            assertEquals(f.snapshot(), hub.cachedModel(HubFixture.REPO).orElseThrow());
        }
    }

    @Test
    void aCacheLaidOutByPythonIsReused() throws IOException {
        // the layout huggingface_hub's snapshot_download leaves: blobs named by etag, relative links, refs/main
        Path repo = f.repoFolder();
        Path snapshot = repo.resolve("snapshots").resolve(HubFixture.COMMIT);
        Files.createDirectories(snapshot);
        Files.createDirectories(repo.resolve("blobs"));
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), HubFixture.COMMIT);
        try (Stream<Path> files = Files.list(f.source)) {
            for (Path file : files.toList()) {
                byte[] bytes = Files.readAllBytes(file);
                String etag = file.toString().endsWith(".safetensors") ? FakeHub.sha256(bytes) : FakeHub.gitSha1(bytes);
                Files.write(repo.resolve("blobs").resolve(etag), bytes);
                Files.createSymbolicLink(snapshot.resolve(file.getFileName()), Path.of("../../blobs", etag));
            }
        }
        try (HuggingFaceHub hub = f.client().offline(true).build()) {
            assertEquals(snapshot, hub.downloadModel(HubFixture.REPO));
        }
        try (HuggingFaceHub hub = f.client().build()) {
            assertEquals(snapshot, hub.downloadModel(HubFixture.REPO));
        }
        assertEquals(0, f.hub.count("GET "), "nothing is downloaded again");
    }

    @Test
    void aCutConnectionIsResumedWithARange() throws IOException {
        byte[] weights = f.sourceBytes("model.safetensors");
        f.hub.cutOnce("model.safetensors", 300_000);
        try (HuggingFaceHub hub = f.client().build()) {
            hub.downloadModel(HubFixture.REPO);
        }
        String sha = FakeHub.sha256(weights);
        assertEquals(1, f.hub.count("GET /lfs/" + sha + "?signature=fake bytes=300000-"), f.hub.requests.toString());
        assertArrayEquals(weights, Files.readAllBytes(f.snapshot().resolve("model.safetensors")));
        assertNoPartialFiles();
    }

    @Test
    void aPartialFileLeftByAnEarlierProcessIsResumed() throws IOException {
        byte[] weights = f.sourceBytes("model.safetensors");
        String sha = FakeHub.sha256(weights);
        Path partial = f.repoFolder().resolve("blobs").resolve(sha + ".incomplete");
        Files.createDirectories(partial.getParent());
        Files.write(partial, java.util.Arrays.copyOf(weights, 123_456));
        try (HuggingFaceHub hub = f.client().build()) {
            hub.downloadModel(HubFixture.REPO);
        }
        assertEquals(1, f.hub.count("GET /lfs/" + sha + "?signature=fake bytes=123456-"), f.hub.requests.toString());
        assertTrue(f.hub.requests.stream().filter(r -> r.startsWith("GET /lfs/")).allMatch(r -> r.contains("bytes=")),
                "the bytes already on disk are not downloaded again: " + f.hub.requests);
        assertArrayEquals(weights, Files.readAllBytes(f.snapshot().resolve("model.safetensors")));
        assertNoPartialFiles();
    }

    @Test
    void aGeneratorLoadsAHubIdThroughTheHub() throws IOException {
        Map<String, Object> ref = StoriesModel.greedy();
        try (HuggingFaceHub hub = f.client().build();
             HuggingFaceLocalGenerator llm = HuggingFaceLocalGenerator.builder().model(HubFixture.REPO).hub(hub)
                     .generationKwargs(Map.of("max_new_tokens", 60, "do_sample", false)).build()) {
            assertEquals(null, pipelineKwargs(llm).get("task"), "the task is not known before warm-up");
            llm.warmUp();
            assertEquals(ref.get("text"), ref.get("prompt") + llm.run((String) ref.get("prompt")).replies().get(0));
            assertEquals("text-generation", pipelineKwargs(llm).get("task"), "the task is read from config.json");
            assertEquals("cpu", pipelineKwargs(llm).get("device"));
        }
    }

    private static Map<?, ?> pipelineKwargs(HuggingFaceLocalGenerator g) {
        return (Map<?, ?>) ((Map<?, ?>) g.toDict().get("init_parameters")).get("huggingface_pipeline_kwargs");
    }

    private void assertNoPartialFiles() throws IOException {
        List<Path> leftovers = new ArrayList<>();
        try (Stream<Path> all = Files.walk(f.cache)) {
            all.filter(p -> p.toString().endsWith(".incomplete") || p.toString().endsWith(".tmp"))
                    .forEach(leftovers::add);
        }
        assertEquals(List.of(), leftovers);
    }
}
