package dev.hayloft.hf.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.hf.local.internal.testutil.HubDownloadMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Downloaders sharing one cache, as threads and as separate JVMs, download each blob once and corrupt nothing. */
class HubConcurrencyTest extends HubTestBase {
    @BeforeEach
    void slowBlobs() {
        f.hub.throttleBlobs(300);   // ~0.3 s for the weights, so the downloaders overlap
    }

    @Test
    void threadsShareOneCache() throws Exception {
        int n = 4;
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<Path>> results = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                results.add(pool.submit(() -> {
                    try (HuggingFaceHub hub = f.client().build()) {
                        start.await();
                        return hub.downloadModel(HubFixture.REPO);
                    }
                }));
            }
            for (Future<Path> r : results) {
                assertEquals(f.snapshot(), r.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertIntact();
    }

    @Test
    void twoJvmsShareOneCache() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    HubDownloadMain.class.getName(), f.hub.endpoint(), f.cache.toString(), HubFixture.REPO)
                    .redirectErrorStream(true).start());
        }
        for (Process p : processes) {
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "a downloader JVM did not finish");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.trim().endsWith(f.snapshot().toString()), out);
        }
        assertIntact();
    }

    private void assertIntact() throws IOException {
        assertEquals(1, f.hub.count("GET /lfs/"), "the weights were downloaded more than once: " + f.hub.requests);
        for (String file : List.of("config.json", "tokenizer.json", "model.safetensors")) {
            assertArrayEquals(f.sourceBytes(file), Files.readAllBytes(f.snapshot().resolve(file)), file);
        }
        try (var all = Files.walk(f.cache)) {
            assertTrue(all.noneMatch(p -> p.toString().endsWith(".incomplete")), "partial files were left behind");
        }
    }
}
