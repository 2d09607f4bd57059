package dev.hayloft.hf.api.internal;

import dev.hayloft.core.listener.GenerationObservation;
import dev.hayloft.hf.api.ServerBackend;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What a Hugging Face generator holds at run time: its {@link HfClient}, opened on first use
 * (or {@code warmUp()}) and closed by {@link #close()} (a later use opens a fresh one), and the
 * backend detection of its server. Thread-safe.
 *
 * <pre>{@code
 * HfRuntime runtime = new HfRuntime(settings);
 * List<ChatMessage> replies = runtime.run(observation, scope -> ChatReplies.toMessages(
 *         runtime.client().post(url, body, scope), label));
 * runtime.close();
 * }</pre>
 */
public final class HfRuntime implements AutoCloseable {
    private final HfSettings settings;
    private final BackendDetector detector;
    private volatile HfClient client;

    public HfRuntime(HfSettings settings) {
        this.settings = settings;
        this.detector = new BackendDetector(settings.endpoint());
    }

    /** The settings. */
    public HfSettings settings() {
        return settings;
    }

    /** The open client, opening it (and resolving the token) if needed. */
    public HfClient client() {
        HfClient c = client;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (client == null) {
                client = settings.openClient();
            }
            return client;
        }
    }

    /** The server's dialect: configured, or detected once (within {@code scope}'s request). */
    public ServerBackend backend(CallScope scope) {
        return detector.backend(client(), scope);
    }

    /** Runs {@code work} on this thread for a request observed by {@code observation}. */
    public <T> T run(GenerationObservation observation, Function<CallScope, T> work) {
        CallScope scope = new CallScope(observation);
        HfClient c = client();
        return c.call(scope, () -> work.apply(scope));
    }

    /** Runs {@code work} on the worker pool (or the builder's executor); cancelling the future closes the connection. */
    public <T> CompletableFuture<T> runAsync(GenerationObservation observation, Function<CallScope, T> work) {
        CallScope scope = new CallScope(observation);
        HfClient c = client();
        return c.callAsync(scope, () -> work.apply(scope), settings.options().executor());
    }

    /** Closes the client (cancelling its calls in flight); a later use opens a new one. Idempotent. */
    @Override
    public void close() {
        HfClient c;
        synchronized (this) {
            c = client;
            client = null;
        }
        if (c != null) {
            c.close();
        }
    }
}
