package dev.hayloft.observability.internal;

import dev.hayloft.core.listener.GenerationContext;
import java.net.URI;

/**
 * A request's {@code server.address} and {@code server.port}, from its context's endpoint (the
 * port defaults by scheme: 443 for https, 80 for http).
 *
 * <pre>{@code
 * Server s = Server.of(context);   // Server[address=api.openai.com, port=443], or null
 * }</pre>
 *
 * @param address the host
 * @param port the port
 */
public record Server(String address, long port) {

    /** The context's server, or null when it has none. */
    public static Server of(GenerationContext context) {
        URI u = context.server();
        if (u == null || u.getHost() == null) {
            return null;
        }
        int port = u.getPort();
        if (port < 0) {
            port = "http".equalsIgnoreCase(u.getScheme()) ? 80 : 443;
        }
        return new Server(u.getHost(), port);
    }
}
