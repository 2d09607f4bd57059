package dev.hayloft.hf.api.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;

/**
 * One OkHttp connection pool and dispatcher, and one bounded pool of daemon worker threads for
 * {@code runAsync}, per worker-pool size, shared by every Hugging Face client open with that
 * size and reference counted: the first {@link #acquire} creates them, closing the last lease
 * shuts them down. Clients derive their own OkHttp client from the shared one
 * ({@code newBuilder()}: timeouts and interceptors of their own, the pool and dispatcher
 * shared), so many generators pointing at one cluster reuse their connections.
 *
 * <pre>{@code
 * try (HfTransports.Lease lease = HfTransports.acquire(16)) {
 *     OkHttpClient client = lease.okHttpClient().newBuilder().readTimeout(Duration.ofSeconds(30)).build();
 *     lease.executor().execute(task);
 * }
 * }</pre>
 */
public final class HfTransports {
    private static final Object LOCK = new Object();
    private static final Map<Integer, Entry> ENTRIES = new HashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger();

    private HfTransports() {
    }

    /** A share of the transport whose worker pool has {@code asyncThreads} threads. */
    public static Lease acquire(int asyncThreads) {
        if (asyncThreads < 1) {
            throw new IllegalArgumentException("asyncThreads must be >= 1 but was " + asyncThreads);
        }
        synchronized (LOCK) {
            Entry e = ENTRIES.computeIfAbsent(asyncThreads, Entry::new);
            e.refs++;
            return new Lease(e);
        }
    }

    /** How many transports are open (a test hook). */
    public static int openTransports() {
        synchronized (LOCK) {
            return ENTRIES.size();
        }
    }

    /**
     * A reference to a shared transport; closing it (once) gives the reference back.
     *
     * <pre>{@code
     * HfTransports.Lease lease = HfTransports.acquire(32);
     * lease.close();
     * }</pre>
     */
    public static final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean closed;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        /** The shared OkHttp client (its pool and dispatcher are what is shared). */
        public OkHttpClient okHttpClient() {
            return entry.client;
        }

        /** The shared, bounded worker pool. */
        public ExecutorService executor() {
            return entry.executor();
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            synchronized (LOCK) {
                if (--entry.refs > 0) {
                    return;
                }
                ENTRIES.remove(entry.threads, entry);
            }
            entry.shutdown();
        }
    }

    private static final class Entry {
        final int threads;
        final int id = IDS.incrementAndGet();
        final AtomicInteger started = new AtomicInteger();
        final OkHttpClient client;
        int refs;
        private ThreadPoolExecutor executor;
        private boolean shutdown;

        Entry(int threads) {
            this.threads = threads;
            // retries are the RetryInterceptor's; OkHttp must not silently repeat a request itself
            this.client = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
            client.dispatcher().setMaxRequestsPerHost(client.dispatcher().getMaxRequests());
        }

        synchronized ExecutorService executor() {
            if (shutdown) {
                throw new RejectedExecutionException("the transport is closed");
            }
            if (executor == null) {
                executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                        r -> {
                            Thread t = new Thread(r, "hayloft-hf-api-" + id + "-" + started.incrementAndGet());
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
