package dev.hayloft.core.dataclasses;

import dev.hayloft.core.errors.HayloftException;
import dev.hayloft.core.internal.ImageTypes;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.serde.JsonValues;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An image in a chat message, held as base64 with its MIME type, an optional {@code detail}
 * level ({@code auto}, {@code high}, {@code low}; OpenAI only) and metadata. Serialises as
 * {@code {"image": {"base64_image", "mime_type", "detail", "meta", "validation"}}}.
 *
 * <p>With {@code validation} on (the default) the base64 text is checked, a missing MIME type
 * is guessed from the image bytes, and the MIME type must be an image type.
 *
 * <pre>{@code
 * ImageContent photo = ImageContent.fromFilePath(Path.of("cat.png"));
 * ImageContent remote = ImageContent.fromUrl("https://example.com/cat.jpg", Duration.ofSeconds(10));
 * ChatMessage m = ChatMessage.fromUser(List.of(new TextContent("What is this?"), photo));
 * }</pre>
 *
 * @param base64Image the image bytes, base64-encoded
 * @param mimeType the MIME type, e.g. {@code image/png}; guessed when null and validating
 * @param detail OpenAI's detail level or null
 * @param meta metadata
 * @param validation whether the fields were validated
 */
public record ImageContent(String base64Image, String mimeType, String detail, Map<String, Object> meta,
        boolean validation) implements ContentPart {

    private static final Set<String> DETAILS = Set.of("auto", "high", "low");
    private static final long MAX_DOWNLOAD_BYTES = 64L * 1024 * 1024;

    public ImageContent {
        Objects.requireNonNull(base64Image, "base64Image");
        meta = JsonValues.immutableMap(meta);
        if (detail != null && !DETAILS.contains(detail)) {
            throw new IllegalArgumentException("detail must be one of " + DETAILS + " but was '" + detail + "'");
        }
        if (validation) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(base64Image);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("base64Image: the base64 string is not valid", e);
            }
            if (mimeType == null || mimeType.isEmpty()) {
                mimeType = ImageTypes.sniff(bytes);
            }
            if (mimeType != null && !ImageTypes.IMAGE_MIME_TYPES.contains(mimeType)) {
                throw new IllegalArgumentException("mimeType: " + mimeType + " is not a valid image MIME type");
            }
        }
    }

    /** A validated image with a known MIME type. */
    public ImageContent(String base64Image, String mimeType) {
        this(base64Image, mimeType, null, Map.of(), true);
    }

    /** Wraps raw image bytes (MIME type sniffed when null). */
    public static ImageContent fromBytes(byte[] bytes, String mimeType, String detail, Map<String, Object> meta) {
        Objects.requireNonNull(bytes, "bytes");
        return new ImageContent(Base64.getEncoder().encodeToString(bytes), mimeType, detail, meta, true);
    }

    /** Reads an image file; the MIME type comes from its content, else its extension. */
    public static ImageContent fromFilePath(Path path) {
        return fromFilePath(path, null, Map.of());
    }

    /** Reads an image file with a detail level and metadata. PDFs are refused. */
    public static ImageContent fromFilePath(Path path, String detail, Map<String, Object> meta) {
        Objects.requireNonNull(path, "path");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new HayloftException("Cannot read image file " + path + ": " + e.getMessage(), e);
        }
        String mime = ImageTypes.sniff(bytes);
        if (mime == null) {
            mime = ImageTypes.fromFileName(path.getFileName().toString());
        }
        if ("application/pdf".equals(mime)) {
            throw new IllegalArgumentException("path: PDF files are not supported as images: " + path);
        }
        if (mime == null) {
            throw new IllegalArgumentException("path: cannot tell the image type of " + path);
        }
        return fromBytes(bytes, mime, detail, meta);
    }

    /** Downloads an image with the given timeout and two retries. */
    public static ImageContent fromUrl(String url, Duration timeout) {
        return fromUrl(url, timeout, 2, null, Map.of());
    }

    /**
     * Downloads an image. The response must be 2xx with an image content type (PDF refused);
     * connection failures and 5xx/429 responses are retried {@code retryAttempts} times.
     */
    public static ImageContent fromUrl(String url, Duration timeout, int retryAttempts, String detail,
            Map<String, Object> meta) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive but was " + timeout);
        }
        if (retryAttempts < 0) {
            throw new IllegalArgumentException("retryAttempts must be >= 0 but was " + retryAttempts);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url: not a valid URL: " + url, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("url: only http and https URLs are supported, got " + url);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        Exception last = null;
        for (int attempt = 0; attempt <= retryAttempts; attempt++) {
            try {
                HttpResponse<InputStream> resp = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                int status = resp.statusCode();
                byte[] body;
                try (InputStream in = resp.body()) {
                    body = in.readNBytes((int) MAX_DOWNLOAD_BYTES + 1);
                }
                if (status == 429 || status >= 500) {
                    last = new HayloftException("HTTP " + status + " fetching image " + url);
                    continue;
                }
                if (status / 100 != 2) {
                    throw new HayloftException("Cannot fetch image " + url + ": HTTP " + status);
                }
                if (body.length > MAX_DOWNLOAD_BYTES) {
                    throw new HayloftException("Image at " + url + " is larger than " + MAX_DOWNLOAD_BYTES + " bytes");
                }
                String mime = resp.headers().firstValue("Content-Type").map(ImageContent::baseMime).orElse(null);
                if (mime == null || mime.equals("application/octet-stream")) {
                    mime = ImageTypes.sniff(body);
                }
                if ("application/pdf".equals(mime)) {
                    throw new IllegalArgumentException("url: PDF files are not supported as images: " + url);
                }
                if (mime == null || !ImageTypes.IMAGE_MIME_TYPES.contains(mime)) {
                    throw new IllegalArgumentException("url: the URL does not point to an image; its MIME type is "
                            + mime);
                }
                return fromBytes(body, mime, detail, meta);
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HayloftException("Interrupted while fetching image " + url, e);
            }
        }
        throw new HayloftException("Cannot fetch image " + url + " after " + (retryAttempts + 1) + " attempts: "
                + last.getMessage(), last);
    }

    private static String baseMime(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The decoded image bytes. */
    public byte[] bytes() {
        return Base64.getDecoder().decode(base64Image);
    }

    /** {@code {"base64_image", "mime_type", "detail", "meta", "validation"}}. */
    public Map<String, Object> toDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("base64_image", base64Image);
        m.put("mime_type", mimeType);
        m.put("detail", detail);
        m.put("meta", JsonValues.mutableMap(meta));
        m.put("validation", validation);
        return m;
    }

    @Override
    public Map<String, Object> toContentDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", toDict());
        return m;
    }

    /** Reads {@code {"base64_image", "mime_type", "detail", "meta", "validation"}}. */
    public static ImageContent fromDict(DictReader r) {
        try {
            return new ImageContent(r.requireString("base64_image"), r.string("mime_type", null),
                    r.string("detail", null), r.optionalMap("meta"), r.bool("validation", true));
        } catch (IllegalArgumentException e) {
            throw r.error(null, e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        String data = base64Image.length() > 100 ? base64Image.substring(0, 100) + "..." : base64Image;
        return "ImageContent[base64Image=" + data + ", mimeType=" + mimeType + ", detail=" + detail + ", meta=" + meta
                + "]";
    }
}
