package dev.hayloft.openai;

import java.util.function.Function;

/**
 * Opens an {@link OpenAIConnection} on first use (or {@code warmUp()}) and closes it on
 * {@link #close()}; a later use opens a fresh one. Thread-safe.
 *
 * <pre>{@code
 * LazyOpenAIConnection connection = new LazyOpenAIConnection(options, System::getenv);
 * ChatCompletion c = connection.get().call(OpenAIClient.class, client -> client.chat().completions().create(params));
 * connection.close();
 * }</pre>
 */
public final class LazyOpenAIConnection implements AutoCloseable {
    private final OpenAIClientOptions options;
    private final Function<String, String> environment;
    private volatile OpenAIConnection connection;

    public LazyOpenAIConnection(OpenAIClientOptions options, Function<String, String> environment) {
        this.options = options;
        this.environment = environment;
    }

    /** The open connection, opening it if needed. */
    public OpenAIConnection get() {
        OpenAIConnection c = connection;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (connection == null) {
                connection = OpenAIConnection.builder(options).environment(environment).build();
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
