package dev.hayloft.hf.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * A one-connection HTTP server on a raw socket, for what WireMock cannot show: when the client
 * closes the connection (a reader sees end-of-stream), a stream cut mid-body, a server that
 * never answers. The handler writes the reply; {@link #clientGone} opens when the client's side
 * of the connection is closed.
 */
final class SocketServer implements AutoCloseable {
    /** Writes the reply to the client. */
    @FunctionalInterface
    interface Handler {
        void reply(OutputStream out) throws Exception;
    }

    final CountDownLatch clientGone = new CountDownLatch(1);
    private final ServerSocket socket;
    private final Thread thread;

    SocketServer(Handler handler) throws IOException {
        socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> serve(handler), "socket-server");
        thread.setDaemon(true);
        thread.start();
    }

    String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void serve(Handler handler) {
        try (Socket s = socket.accept()) {
            InputStream in = s.getInputStream();
            readRequest(in);
            Thread watcher = new Thread(() -> {
                try {
                    while (in.read() != -1) {
                        // the client sends nothing more; end-of-stream means it closed the connection
                    }
                } catch (IOException e) {
                    // reset: gone as well
                }
                clientGone.countDown();
            }, "socket-server-watcher");
            watcher.setDaemon(true);
            watcher.start();
            handler.reply(s.getOutputStream());
        } catch (Exception e) {
            clientGone.countDown();   // writing failed: the client is gone
        }
    }

    /** Reads the request head and its Content-Length body. */
    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String h = head.toString(StandardCharsets.ISO_8859_1);
            if (h.endsWith("\r\n\r\n")) {
                int length = 0;
                for (String line : h.split("\r\n")) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                in.readNBytes(length);
                return;
            }
        }
    }

    /** The head of a chunked SSE reply. */
    static void startStream(OutputStream out) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** One chunk of a chunked body. */
    static void chunk(OutputStream out, String text) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        thread.interrupt();
    }
}
