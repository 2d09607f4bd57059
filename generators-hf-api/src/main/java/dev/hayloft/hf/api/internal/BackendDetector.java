package dev.hayloft.hf.api.internal;

import dev.hayloft.hf.api.ServerBackend;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out which server is behind a URL, once per generator, the first time a request needs
 * to know (a structured output): TGI answers {@code GET /info} with its router's name
 * ({@code "router": "text-generation-router"}); vLLM and SGLang name themselves as the
 * {@code owned_by} of their models in {@code GET /v1/models}; any other server is taken as
 * OpenAI-compatible. A backend given in {@code api_params.backend} is used as it is.
 *
 * <pre>{@code
 * BackendDetector detector = new BackendDetector(endpoint);
 * ServerBackend backend = detector.backend(client, scope);
 * }</pre>
 */
public final class BackendDetector {
    private static final Logger LOG = LoggerFactory.getLogger(BackendDetector.class);

    private final HfEndpoint endpoint;
    private final AtomicReference<ServerBackend> known = new AtomicReference<>();

    public BackendDetector(HfEndpoint endpoint) {
        this.endpoint = endpoint;
        known.set(endpoint.backend());
    }

    /** The backend: configured, detected before, or detected now with {@code client}. */
    public ServerBackend backend(HfClient client, CallScope scope) {
        ServerBackend b = known.get();
        if (b != null) {
            return b;
        }
        b = detect(client, scope);
        known.compareAndSet(null, b);
        return known.get();
    }

    private ServerBackend detect(HfClient client, CallScope scope) {
        Map<String, Object> info = client.getObject(endpoint.infoUrl(), scope);
        if (info != null && (String.valueOf(info.get("router")).contains("text-generation")
                || (info.containsKey("model_id") && info.containsKey("max_total_tokens")))) {
            return log(ServerBackend.TGI, "/info");
        }
        Map<String, Object> models = client.getObject(endpoint.modelsUrl(), scope);
        if (models != null && models.get("data") instanceof List && !((List<?>) models.get("data")).isEmpty()
                && ((List<?>) models.get("data")).get(0) instanceof Map) {
            Object owner = ((Map<?, ?>) ((List<?>) models.get("data")).get(0)).get("owned_by");
            if ("vllm".equals(owner)) {
                return log(ServerBackend.VLLM, "/v1/models");
            }
            if ("sglang".equals(owner)) {
                return log(ServerBackend.SGLANG, "/v1/models");
            }
        }
        return log(ServerBackend.OPENAI, info == null && models == null ? "no answer from /info or /v1/models"
                : "/v1/models");
    }

    private ServerBackend log(ServerBackend b, String from) {
        LOG.info("The server at {} is taken as {} ({}); set api_params.backend to skip the detection", endpoint.url(),
                b.value(), from);
        return b;
    }
}
