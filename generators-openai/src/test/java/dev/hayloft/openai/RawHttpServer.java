package dev.hayloft.openai;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A minimal HTTP/1.1 server on a raw loopback socket, for what WireMock cannot script: a
 * stream cut in the middle of an event, slow streams, noticing that the client hung up, and
 * counting the TCP connections clients open. Each connection serves one request (the handler
 * answers with {@code Connection: close}), or, built with {@code keepAlive}, requests until the
 * client closes it (the handler answers with a {@code Content-Length}).
 */
final class RawHttpServer implements AutoCloseable {
    @FunctionalInterface
    interface Handler {
        void handle(Exchange exchange) throws Exception;
    }

    private final ServerSocket socket;
    private final Thread acceptor;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    /** Request line and headers of each request, one string per request. */
    final List<String> heads = new CopyOnWriteArrayList<>();
    /** Counted down when a write to the client fails (the client closed the connection). */
    final CountDownLatch clientGone = new CountDownLatch(1);
    volatile long clientGoneAtNanos;
    /** How many TCP connections clients opened. */
    final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
    private final boolean keepAlive;

    RawHttpServer(Handler handler) throws IOException {
        this(handler, false);
    }

    RawHttpServer(Handler handler, boolean keepAlive) throws IOException {
        this.keepAlive = keepAlive;
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    Thread t = new Thread(() -> serve(s, handler), "raw-http-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "raw-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }

    private void serve(Socket s, Handler handler) {
        try (s) {
            InputStream in = s.getInputStream();
            do {
                String line = readLine(in);
                if (line == null) {
                    return;   // the client closed an idle connection
                }
                int length = 0;
                StringBuilder head = new StringBuilder();
                for (; line != null && !line.isEmpty(); line = readLine(in)) {
                    head.append(line).append('\n');
                    String lower = line.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                heads.add(head.toString());
                bodies.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
                handler.handle(new Exchange(s));
            } while (keepAlive);
        } catch (IOException e) {
            clientGoneAtNanos = System.nanoTime();
            clientGone.countDown();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        boolean any = false;
        while ((c = in.read()) != -1) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return any ? b.toString(StandardCharsets.UTF_8) : null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The response side of one request. */
    static final class Exchange {
        private final Socket socket;
        private final OutputStream out;

        Exchange(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        /** Status line and headers of a chunked SSE response. */
        void startChunkedStream() throws IOException {
            write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nTransfer-Encoding: chunked\r\n"
                    + "x-request-id: req_raw\r\nConnection: close\r\n\r\n");
        }

        /** Status line and headers of a response delimited by the end of the connection. */
        void startUndelimitedStream() throws IOException {
            write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nx-request-id: req_raw\r\nConnection: close\r\n\r\n");
        }

        /** One HTTP chunk. */
        void chunk(String data) throws IOException {
            byte[] b = data.getBytes(StandardCharsets.UTF_8);
            write(Integer.toHexString(b.length) + "\r\n");
            out.write(b);
            write("\r\n");
        }

        void endChunks() throws IOException {
            write("0\r\n\r\n");
        }

        /** A whole response delimited by its {@code Content-Length}, so the connection can be reused. */
        void respond(int status, String body) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            write("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nx-request-id: req_raw\r\n"
                    + "Content-Length: " + b.length + "\r\n\r\n");
            out.write(b);
            out.flush();
        }

        void raw(String data) throws IOException {
            write(data);
        }

        /** Waits up to {@code millis} for the client to close the connection; true when it did. */
        boolean clientClosedWithin(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                return socket.getInputStream().read() == -1;
            } catch (java.net.SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true;   // reset by the client
            }
        }

        /** Closes the connection abruptly. */
        void cut() throws IOException {
            socket.close();
        }

        private void write(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
