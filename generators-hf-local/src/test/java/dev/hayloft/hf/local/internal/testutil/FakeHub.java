package dev.hayloft.hf.local.internal.testutil;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A fake Hugging Face Hub on a raw loopback socket, answering as the real Hub does (the
 * headers as {@code huggingface_hub}'s {@code file_download.py} and {@code utils/_http.py}
 * read them): {@code HEAD|GET /{org}/{name}/resolve/{revision}/{file}} with
 * {@code X-Repo-Commit}; regular files with {@code ETag: "<git blob sha1>"} and
 * {@code Content-Length}; LFS files ({@code *.safetensors}) with a {@code 302} to a separate
 * blob store ({@code /lfs/<sha256>}, which honours {@code Range}) plus {@code X-Linked-Etag}
 * (the sha256) and {@code X-Linked-Size}; errors with {@code X-Error-Code}
 * ({@code RepoNotFound}, {@code RevisionNotFound}, {@code EntryNotFound}, {@code GatedRepo}).
 * Faults for tests: a connection cut after N bytes of a file, a wrong sha256, a gated repo.
 * Every connection serves one request ({@code Connection: close}).
 */
public final class FakeHub implements AutoCloseable {
    /** One repository: its commit and files. */
    public static final class Repo {
        final String commit;
        final Map<String, byte[]> files = new LinkedHashMap<>();
        volatile String requiredToken;

        Repo(String commit) {
            this.commit = commit;
        }
    }

    private final ServerSocket socket;
    private final Map<String, Repo> repos = new ConcurrentHashMap<>();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, Integer> cutAfter = new ConcurrentHashMap<>();
    private final Map<String, String> wrongSha = new ConcurrentHashMap<>();
    /** "METHOD path [range] [auth]" of every request, in arrival order. */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    /** Accepted connections, closed with the hub: a stopped server drops its keep-alive connections too. */
    private final java.util.Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile int blobDelayMicrosPerKb;

    public FakeHub() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    open.add(s);
                    if (socket.isClosed()) {
                        s.close();
                        return;
                    }
                    Thread t = new Thread(() -> {
                        try {
                            serve(s);
                        } finally {
                            open.remove(s);
                        }
                    }, "fake-hub-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "fake-hub-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** Publishes every file of {@code folder} as repository {@code repoId} at {@code commit}. */
    public Repo publish(String repoId, String commit, Path folder) {
        Repo repo = new Repo(commit);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                if (Files.isRegularFile(f)) {
                    repo.files.put(f.getFileName().toString(), Files.readAllBytes(f));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        repo.files.forEach((name, bytes) -> {
            if (isLfs(name)) {
                blobs.put(sha256(bytes), bytes);
            }
        });
        repos.put(repoId, repo);
        return repo;
    }

    /** Makes {@code repoId} gated: files only with {@code Authorization: Bearer <token>}. */
    public void gate(String repoId, String token) {
        repos.get(repoId).requiredToken = token;
    }

    /** The next GET of {@code file}'s bytes is cut (connection closed) after {@code bytes} bytes. */
    public void cutOnce(String file, int bytes) {
        cutAfter.put(file, bytes);
    }

    /** Announces a wrong sha256 for the LFS file {@code file} of {@code repoId}. */
    public void announceWrongSha256(String repoId, String file) {
        wrongSha.put(repoId + "/" + file, "0".repeat(63) + "1");
    }

    /** Removes the announced wrong checksums and pending cuts. */
    public void clearFaults() {
        wrongSha.clear();
        cutAfter.clear();
    }

    /** Slows the blob store down ({@code micros} per kilobyte) so concurrent downloads overlap. */
    public void throttleBlobs(int micros) {
        this.blobDelayMicrosPerKb = micros;
    }

    /** How many requests match {@code prefix} ("GET /lfs/", "HEAD /org/name/resolve/main/config.json"...). */
    public long count(String prefix) {
        return requests.stream().filter(r -> r.startsWith(prefix)).count();
    }

    public static String sha256(byte[] bytes) {
        return hex("SHA-256", bytes, null);
    }

    /** git's blob hash: sha1 of "blob <size>\0" + content. */
    public static String gitSha1(byte[] bytes) {
        return hex("SHA-1", bytes, ("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
    }

    private static String hex(String algorithm, byte[] bytes, byte[] prefix) {
        try {
            MessageDigest d = MessageDigest.getInstance(algorithm);
            if (prefix != null) {
                d.update(prefix);
            }
            return HexFormat.of().formatHex(d.digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isLfs(String name) {
        return name.endsWith(".safetensors");
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            String line = readLine(in);
            if (line == null) {
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            String[] parts = line.split(" ");
            String method = parts[0];
            String path = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            String auth = headers.get("authorization");
            requests.add(method + " " + path + (headers.containsKey("range") ? " " + headers.get("range") : "")
                    + (auth != null ? " auth=" + auth : ""));
            answer(s.getOutputStream(), method, path, headers);
        } catch (IOException ignored) {
            // the client went away or the cut happened
        }
    }

    private void answer(OutputStream out, String method, String path, Map<String, String> headers) throws IOException {
        if (path.startsWith("/lfs/")) {
            String sha = path.substring(5).split("\\?")[0];
            byte[] bytes = blobs.get(sha);
            if (bytes == null) {
                write(out, 404, Map.of(), null, method);
                return;
            }
            sendBytes(out, method, headers, bytes, fileOfBlob(sha), Map.of());
            return;
        }
        // /{org}/{name}/resolve/{revision}/{file}
        String[] seg = path.substring(1).split("/", 5);
        if (seg.length < 5 || !seg[2].equals("resolve")) {
            write(out, 404, Map.of(), null, method);
            return;
        }
        String repoId = seg[0] + "/" + seg[1];
        String revision = seg[3];
        String file = seg[4];
        Repo repo = repos.get(repoId);
        if (repo == null) {
            write(out, 401, Map.of("X-Error-Code", "RepoNotFound", "X-Error-Message", "Repository not found"), null,
                    method);
            return;
        }
        if (repo.requiredToken != null && !("Bearer " + repo.requiredToken).equals(headers.get("authorization"))) {
            write(out, 401, Map.of("X-Error-Code", "GatedRepo", "X-Error-Message", "Access to model " + repoId
                    + " is restricted. You must have access to it and be authenticated to access it. Please log in."),
                    null, method);
            return;
        }
        if (!revision.equals("main") && !revision.equals(repo.commit)) {
            write(out, 404, Map.of("X-Error-Code", "RevisionNotFound", "X-Error-Message", "Invalid rev id: "
                    + revision), null, method);
            return;
        }
        byte[] bytes = repo.files.get(file);
        if (bytes == null) {
            write(out, 404, Map.of("X-Error-Code", "EntryNotFound", "X-Error-Message", "Entry not found",
                    "X-Repo-Commit", repo.commit), null, method);
            return;
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Repo-Commit", repo.commit);
        if (isLfs(file)) {
            String sha = wrongSha.getOrDefault(repoId + "/" + file, sha256(bytes));
            h.put("ETag", "\"" + gitSha1(("version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256(bytes)
                    + "\nsize " + bytes.length + "\n").getBytes(StandardCharsets.US_ASCII)) + "\"");
            h.put("X-Linked-Etag", "\"" + sha + "\"");
            h.put("X-Linked-Size", String.valueOf(bytes.length));
            h.put("Location", endpoint() + "/lfs/" + sha256(bytes) + "?signature=fake");
            write(out, 302, h, null, method);
            return;
        }
        h.put("ETag", "\"" + gitSha1(bytes) + "\"");
        sendBytes(out, method, headers, bytes, file, h);
    }

    private String fileOfBlob(String sha) {
        for (Repo r : repos.values()) {
            for (Map.Entry<String, byte[]> e : r.files.entrySet()) {
                if (isLfs(e.getKey()) && sha256(e.getValue()).equals(sha)) {
                    return e.getKey();
                }
            }
        }
        return sha;
    }

    private void sendBytes(OutputStream out, String method, Map<String, String> headers, byte[] bytes, String file,
            Map<String, String> extra) throws IOException {
        long from = 0;
        String range = headers.get("range");
        Map<String, String> h = new LinkedHashMap<>(extra);
        int status = 200;
        if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            from = Long.parseLong(range.substring(6, range.length() - 1));
            if (from >= bytes.length) {
                h.put("Content-Range", "bytes */" + bytes.length);
                write(out, 416, h, new byte[0], method);
                return;
            }
            status = 206;
            h.put("Content-Range", "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, (int) from, bytes.length);
        Integer cut = method.equals("GET") ? cutAfter.remove(file) : null;
        writeHead(out, status, h, body.length);
        if (method.equals("HEAD")) {
            return;
        }
        int limit = cut != null ? Math.min(cut, body.length) : body.length;
        for (int off = 0; off < limit; off += 1024) {
            out.write(body, off, Math.min(1024, limit - off));
            if (blobDelayMicrosPerKb > 0 && extra.isEmpty()) {
                out.flush();
                sleepMicros(blobDelayMicrosPerKb);
            }
        }
        out.flush();
        if (cut != null) {
            throw new IOException("cut");   // closes the socket mid-body
        }
    }

    private static void write(OutputStream out, int status, Map<String, String> headers, byte[] body, String method)
            throws IOException {
        byte[] b = body == null ? new byte[0] : body;
        writeHead(out, status, headers, b.length);
        if (!method.equals("HEAD")) {
            out.write(b);
        }
        out.flush();
    }

    private static void writeHead(OutputStream out, int status, Map<String, String> headers, long length)
            throws IOException {
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        sb.append("Content-Length: ").append(length).append("\r\nConnection: close\r\n\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 206 -> "Partial Content";
            case 302 -> "Found";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 416 -> "Range Not Satisfiable";
            default -> "Status";
        };
    }

    private static void sleepMicros(int micros) {
        try {
            Thread.sleep(micros / 1000, (micros % 1000) * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();   // pooled keep-alive connections of clients now fail, as with a real server gone
        }
    }
}
