package dev.hayloft.azure.internal;

import dev.hayloft.openai.OpenAIConnection;

/**
 * Opens the Azure {@link OpenAIConnection} of a generator on first use (or {@code warmUp()})
 * and closes it on {@link #close()}; a later use opens a fresh one. Thread-safe.
 *
 * <pre>{@code
 * LazyAzureConnection connection = new LazyAzureConnection(settings);
 * List<ChatMessage> replies = OpenAIChatMapping.complete(connection.get(), body, null, info, obs);
 * connection.close();
 * }</pre>
 */
public final class LazyAzureConnection implements AutoCloseable {
    private final AzureSettings settings;
    private volatile OpenAIConnection connection;

    public LazyAzureConnection(AzureSettings settings) {
        this.settings = settings;
    }

    /** The open connection, opening it if needed. */
    public OpenAIConnection get() {
        OpenAIConnection c = connection;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (connection == null) {
                connection = AzureConnections.open(settings);
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
