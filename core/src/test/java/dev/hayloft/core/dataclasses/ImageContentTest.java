package dev.hayloft.core.dataclasses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hayloft.core.errors.HayloftException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageContentTest {
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==");

    private HttpServer server;
    private final AtomicInteger flaky = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/cat.png", ex -> reply(ex, 200, "image/png", PNG));
        server.createContext("/page.html", ex -> reply(ex, 200, "text/html", "<html/>".getBytes()));
        server.createContext("/missing.png", ex -> reply(ex, 404, "text/plain", "nope".getBytes()));
        server.createContext("/flaky.png", ex -> {
            if (flaky.getAndIncrement() == 0) {
                reply(ex, 503, "text/plain", "busy".getBytes());
            } else {
                reply(ex, 200, "image/png; charset=binary", PNG);
            }
        });
        server.createContext("/slow.png", ex -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, 200, "image/png", PNG);
        });
        server.start();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, int status, String type, byte[] body)
            throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void validationChecksBase64AndGuessesMimeType() {
        ImageContent img = new ImageContent(Base64.getEncoder().encodeToString(PNG), null, null, Map.of(), true);
        assertEquals("image/png", img.mimeType());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new ImageContent("not base64!!", null, null, Map.of(), true));
        assertTrue(bad.getMessage().contains("base64"));
        assertThrows(IllegalArgumentException.class, () -> new ImageContent(
                Base64.getEncoder().encodeToString(PNG), "text/plain", null, Map.of(), true));
        assertThrows(IllegalArgumentException.class, () -> new ImageContent(
                Base64.getEncoder().encodeToString(PNG), "image/png", "ultra", Map.of(), true));
        ImageContent unchecked = new ImageContent("whatever", "text/plain", null, Map.of(), false);
        assertEquals("text/plain", unchecked.mimeType());
        assertTrue(new ImageContent("A".repeat(500), null, null, Map.of(), false).toString().length() < 250);
    }

    @Test
    void fromFilePathSniffsTheContent(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("image.bin");
        Files.write(file, PNG);
        ImageContent img = ImageContent.fromFilePath(file, "low", Map.of("src", "disk"));
        assertEquals("image/png", img.mimeType());
        assertEquals("low", img.detail());
        assertArrayEquals(PNG, img.bytes());
        assertThrows(HayloftException.class, () -> ImageContent.fromFilePath(dir.resolve("missing.png")));
        Path pdf = dir.resolve("doc.pdf");
        Files.writeString(pdf, "%PDF-1.4");
        assertThrows(IllegalArgumentException.class, () -> ImageContent.fromFilePath(pdf));
    }

    @Test
    void fromUrlDownloadsRetriesAndRefusesNonImages() {
        ImageContent img = ImageContent.fromUrl(url("/cat.png"), Duration.ofSeconds(5));
        assertArrayEquals(PNG, img.bytes());
        assertEquals("image/png", img.mimeType());
        ImageContent retried = ImageContent.fromUrl(url("/flaky.png"), Duration.ofSeconds(5));
        assertEquals(2, flaky.get());
        assertEquals("image/png", retried.mimeType());
        IllegalArgumentException html = assertThrows(IllegalArgumentException.class,
                () -> ImageContent.fromUrl(url("/page.html"), Duration.ofSeconds(5)));
        assertTrue(html.getMessage().contains("text/html"), html.getMessage());
        HayloftException missing = assertThrows(HayloftException.class,
                () -> ImageContent.fromUrl(url("/missing.png"), Duration.ofSeconds(5)));
        assertTrue(missing.getMessage().contains("404"));
        long t0 = System.nanoTime();
        assertThrows(HayloftException.class,
                () -> ImageContent.fromUrl(url("/slow.png"), Duration.ofMillis(200), 0, null, Map.of()));
        assertTrue(System.nanoTime() - t0 < 1_900_000_000L, "timeout not honoured");
        assertThrows(IllegalArgumentException.class, () -> ImageContent.fromUrl("ftp://x/y.png", Duration.ofSeconds(1)));
    }
}
