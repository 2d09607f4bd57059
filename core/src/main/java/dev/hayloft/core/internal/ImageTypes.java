package dev.hayloft.core.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Image MIME types Haystack accepts, and content sniffing for the common formats. *
 * <pre>{@code
 * String mime = ImageTypes.sniff(bytes);   // "image/png"
 * }</pre>
 */
public final class ImageTypes {
    /** The MIME types Haystack's {@code IMAGE_MIME_TYPES} accepts. */
    public static final Set<String> IMAGE_MIME_TYPES = Set.of(
            "image/bmp", "image/x-pcx", "application/postscript", "image/gif", "image/png", "image/jp2",
            "image/icns", "image/x-icon", "image/jpeg", "video/mpeg", "image/tiff", "image/mpo", "image/palm",
            "application/pdf", "image/x-portable-anymap", "image/vnd.adobe.photoshop", "image/sgi", "image/x-tga",
            "image/webp", "image/xbm", "image/xpm", "image/jpg");

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("bmp", "image/bmp"),
            Map.entry("tif", "image/tiff"), Map.entry("tiff", "image/tiff"), Map.entry("ico", "image/x-icon"),
            Map.entry("jp2", "image/jp2"), Map.entry("icns", "image/icns"), Map.entry("tga", "image/x-tga"),
            Map.entry("psd", "image/vnd.adobe.photoshop"), Map.entry("pdf", "application/pdf"));

    private ImageTypes() {
    }

    /** Guesses a MIME type from the first bytes of an image; {@code null} when unknown. */
    public static String sniff(byte[] b) {
        if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(b, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (b.length >= 12 && startsWith(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
                && b[11] == 'P') {
            return "image/webp";
        }
        if (startsWith(b, 'B', 'M')) {
            return "image/bmp";
        }
        if (startsWith(b, 'I', 'I', 0x2A, 0x00) || startsWith(b, 'M', 'M', 0x00, 0x2A)) {
            return "image/tiff";
        }
        if (startsWith(b, 0x00, 0x00, 0x01, 0x00)) {
            return "image/x-icon";
        }
        if (startsWith(b, '%', 'P', 'D', 'F')) {
            return "application/pdf";
        }
        if (startsWith(b, '8', 'B', 'P', 'S')) {
            return "image/vnd.adobe.photoshop";
        }
        return null;
    }

    /** The MIME type for a file name's extension; {@code null} when unknown. */
    public static String fromFileName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        return BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
