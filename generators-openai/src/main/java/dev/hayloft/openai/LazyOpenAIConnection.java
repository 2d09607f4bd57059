package dev.hayloft.openai;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Opens an {@link OpenAIConnection} on first use (or {@code warmUp()}) and closes it on
 * {@link #close()}; a later use opens a fresh one. Thread-safe. Connections opened with the
 * same settings share their HTTP transport and worker pool (see {@link OpenAIConnection}), so
 * many components cost one connection pool.
 *
 * <pre>{@code
 * LazyOpenAIConnection connection = new LazyOpenAIConnection(options, System::getenv);
 * LazyOpenAIConnection custom = new LazyOpenAIConnection(
 *         () -> OpenAIConnection.builder(options).executor(myExecutor).build());
 * ChatCompletion c = connection.get().call(OpenAIClient.class, client -> client.chat().completions().create(params));
 * connection.close();
 * }</pre>
 */
public final class LazyOpenAIConnection implements AutoCloseable {
    private final Supplier<OpenAIConnection> opener;
    private volatile OpenAIConnection connection;

    /** Opens connections from {@code options}, reading the API key's variables from {@code environment}. */
    public LazyOpenAIConnection(OpenAIClientOptions options, Function<String, String> environment) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(environment, "environment");
        this.opener = () -> OpenAIConnection.builder(options).environment(environment).build();
    }

    /** Opens connections with {@code opener} (e.g. a configured {@link OpenAIConnection.Builder}'s {@code build}). */
    public LazyOpenAIConnection(Supplier<OpenAIConnection> opener) {
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    /** The open connection, opening it if needed. */
    public OpenAIConnection get() {
        OpenAIConnection c = connection;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (connection == null) {
                connection = Objects.requireNonNull(opener.get(), "the opener returned null");
            }
            return connection;
        }
    }

    @Override
    public void close() {
        OpenAIConnection c;
        synchronized (this) {
            c = connection;
            connection = null;
        }
        if (c != null) {
            c.close();
        }
    }
}
