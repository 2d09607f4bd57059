package dev.hayloft.openai.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;

/**
 * One HTTP transport (OkHttp connection pool and dispatcher) and one bounded worker pool per
 * distinct connection settings, shared by every connection opened with those settings and
 * reference counted: the first {@link #acquire} creates them, the {@link Lease#close() close}
 * of the last lease shuts them down (idle sockets closed, threads stopped). Nothing else is
 * kept between leases, and nothing is configured from outside.
 *
 * <pre>{@code
 * try (SharedTransports.Lease lease = SharedTransports.acquire(new SharedTransports.Key(
 *         HttpClientKwargs.transportPart(kwargs), List.of(), 32))) {
 *     OkHttpClient base = lease.okHttpClient();   // give to OpenAIOkHttpClient.builder().okHttpClient(base)
 *     lease.executor().execute(task);
 * }
 * }</pre>
 */
public final class SharedTransports {
    private static final Object LOCK = new Object();
    private static final Map<Key, Entry> ENTRIES = new HashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final long THREAD_KEEP_ALIVE_SECONDS = 30;

    private SharedTransports() {
    }

    /**
     * What makes two transports interchangeable.
     *
     * @param transport the connection-shaping {@code http_client_kwargs} ({@link HttpClientKwargs#transportPart})
     * @param customizers the connection's client customisations (compared with {@code equals})
     * @param asyncThreads the bound of the worker pool
     */
    public record Key(Map<String, Object> transport, List<?> customizers, int asyncThreads) {
        public Key {
            transport = Map.copyOf(transport);
            customizers = List.copyOf(customizers);
            if (asyncThreads < 1) {
                throw new IllegalArgumentException("asyncThreads must be >= 1 but was " + asyncThreads);
            }
        }
    }

    /** A share of the transport for {@code key}, created if none is open. */
    public static Lease acquire(Key key) {
        Objects.requireNonNull(key, "key");
        synchronized (LOCK) {
            Entry e = ENTRIES.get(key);
            if (e == null) {
                e = new Entry(key);
                ENTRIES.put(key, e);
            }
            e.refs++;
            return new Lease(e);
        }
    }

    /** How many transports are open now (a test hook). */
    public static int openTransports() {
        synchronized (LOCK) {
            return ENTRIES.size();
        }
    }

    private static void release(Entry e) {
        synchronized (LOCK) {
            if (--e.refs > 0) {
                return;
            }
            ENTRIES.remove(e.key, e);
        }
        e.shutdown();
    }

    /**
     * A reference to a shared transport; closing it (once) gives the reference back.
     *
     * <pre>{@code
     * SharedTransports.Lease lease = SharedTransports.acquire(key);
     * lease.close();
     * }</pre>
     */
    public static final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean closed;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        /** The shared OkHttp client: its pool and dispatcher are what is shared. */
        public OkHttpClient okHttpClient() {
            return entry.client;
        }

        /** The shared, bounded worker pool of daemon threads (created on first use). */
        public ExecutorService executor() {
            return entry.executor();
        }

        /** Whether this lease and {@code other} share one transport. */
        public boolean sharesWith(Lease other) {
            return other != null && other.entry == entry;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            release(entry);
        }
    }

    private static final class Entry {
        final Key key;
        final OkHttpClient client;
        final int id = IDS.incrementAndGet();
        final AtomicInteger threads = new AtomicInteger();
        int refs;
        private ThreadPoolExecutor executor;
        private boolean shutdown;

        Entry(Key key) {
            this.key = key;
            OkHttpClient.Builder b = new OkHttpClient.Builder().retryOnConnectionFailure(false);
            HttpClientKwargs.applyTransport(key.transport(), b);
            this.client = b.build();
            // requests go to one host, so the per-host limit is the overall one (as openai-java does)
            client.dispatcher().setMaxRequestsPerHost(client.dispatcher().getMaxRequests());
        }

        synchronized ExecutorService executor() {
            if (shutdown) {
                throw new java.util.concurrent.RejectedExecutionException("the transport is closed");
            }
            if (executor == null) {
                int n = key.asyncThreads();
                executor = new ThreadPoolExecutor(n, n, THREAD_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(), r -> {
                            Thread t = new Thread(r, "hayloft-openai-" + id + "-" + threads.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
                executor.allowCoreThreadTimeOut(true);
            }
            return executor;
        }

        void shutdown() {
            ThreadPoolExecutor e;
            synchronized (this) {
                shutdown = true;
                e = executor;
            }
            if (e != null) {
                e.shutdownNow();
            }
            client.dispatcher().cancelAll();
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}
