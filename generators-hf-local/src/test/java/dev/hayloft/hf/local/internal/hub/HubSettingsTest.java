package dev.hayloft.hf.local.internal.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.hf.local.DownloadProgress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The environment variables are read as huggingface_hub's constants.py reads them. */
class HubSettingsTest {
    private static final String HOME = System.getProperty("user.home");

    @Test
    void defaultsAndPrecedence() {
        HubSettings d = HubSettings.fromEnvironment(Map.<String, String>of()::get);
        assertEquals("https://huggingface.co", d.endpoint());
        assertEquals(Path.of(HOME, ".cache", "huggingface", "hub"), d.cacheDir());
        assertEquals(Path.of(HOME, ".cache", "huggingface", "token"), d.tokenFile());
        assertFalse(d.offline());
        assertTrue(d.progressBars());
        assertEquals(Duration.ofSeconds(10), d.metadataTimeout());

        assertEquals(Path.of("/x/huggingface/hub"), HubSettings.fromEnvironment(Map.of("XDG_CACHE_HOME", "/x")::get)
                .cacheDir());
        HubSettings home = HubSettings.fromEnvironment(Map.of("HF_HOME", "/hf", "XDG_CACHE_HOME", "/x")::get);
        assertEquals(Path.of("/hf/hub"), home.cacheDir());
        assertEquals(Path.of("/hf/token"), home.tokenFile());
        assertEquals(Path.of("/cache"), HubSettings.fromEnvironment(Map.of("HF_HOME", "/hf", "HF_HUB_CACHE", "/cache",
                "HUGGINGFACE_HUB_CACHE", "/old")::get).cacheDir());
        assertEquals(Path.of("/old"), HubSettings.fromEnvironment(Map.of("HUGGINGFACE_HUB_CACHE", "/old")::get)
                .cacheDir());
        assertEquals(Path.of(HOME, "models"), HubSettings.fromEnvironment(Map.of("HF_HUB_CACHE", "~/models")::get)
                .cacheDir());
        assertEquals("http://mirror:8080", HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "http://mirror:8080/")::get)
                .endpoint());
        for (String on : new String[] {"1", "true", "YES", "On"}) {
            assertTrue(HubSettings.fromEnvironment(Map.of("HF_HUB_OFFLINE", on)::get).offline(), on);
        }
        assertTrue(HubSettings.fromEnvironment(Map.of("TRANSFORMERS_OFFLINE", "1")::get).offline());
        assertFalse(HubSettings.fromEnvironment(Map.of("HF_HUB_OFFLINE", "0")::get).offline());
        assertFalse(HubSettings.fromEnvironment(Map.of("HF_HUB_DISABLE_PROGRESS_BARS", "1")::get).progressBars());
        assertEquals(Duration.ofMillis(2500), HubSettings.fromEnvironment(Map.of("HF_HUB_DOWNLOAD_TIMEOUT", "2.5")::get)
                .downloadTimeout());
        assertThrows(IllegalArgumentException.class,
                () -> HubSettings.fromEnvironment(Map.of("HF_HUB_ETAG_TIMEOUT", "soon")::get));
        assertThrows(IllegalArgumentException.class,
                () -> HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "mirror")::get));
    }

    @Test
    void repoIdsAreValidatedAndNamedLikePythonsCacheFolders() {
        RepoRef r = RepoRef.parse("Qwen/Qwen2.5-0.5B-Instruct@v1.0");
        assertEquals("models--Qwen--Qwen2.5-0.5B-Instruct", r.folderName());
        assertEquals("v1.0", r.revision());
        assertEquals("main", RepoRef.parse("a/b").revision());
        assertTrue(RepoRef.parse("a/b@0123456789abcdef0123456789abcdef01234567").isCommit());
        for (String bad : new String[] {"a", "a/b/c", "a--b/c", "a/b..c", "-a/b", "a/b.git", "a/b@", "../x"}) {
            assertFalse(RepoRef.isHubId(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> RepoRef.parse("a b/c"));
        assertEquals("abc", FileMetadata.normalizeEtag("W/\"abc\""));
        assertThrows(IllegalArgumentException.class, () -> new FileMetadata("c", "../../x", 1, "http://h/x"));
    }

    @Test
    void theConsoleBarShowsNameShareAndSizes() {
        assertEquals("model.safetensors  42% |########            | 113.2M/269.1M", ConsoleProgressBar.line(
                new DownloadProgress("a/b", "model.safetensors", 113_200_000L, 269_100_000L, false)));
    }
}
