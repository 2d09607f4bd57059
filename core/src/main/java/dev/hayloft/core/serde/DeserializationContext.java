package dev.hayloft.core.serde;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.device.ComponentDevice;
import dev.hayloft.core.tools.ToolSource;
import dev.hayloft.core.tools.Tools;
import java.util.List;
import java.util.Objects;

/**
 * What {@code fromDict} needs besides the dict: the {@link ComponentRegistry} that resolves
 * component types, named streaming callbacks and tool functions. Also reads the value shapes
 * that many components share (secrets, devices, callbacks, tools) with path-aware errors.
 *
 * <pre>{@code
 * DeserializationContext ctx = DeserializationContext.of(ComponentRegistry.defaults());
 * Secret key = ctx.secret(init, "api_key");
 * StreamingCallback cb = ctx.streamingCallback(init, "streaming_callback");
 * }</pre>
 *
 * @param registry the registry to resolve names through
 */
public record DeserializationContext(ComponentRegistry registry) {
    public DeserializationContext {
        Objects.requireNonNull(registry, "registry");
    }

    /** A context over {@code registry}. */
    public static DeserializationContext of(ComponentRegistry registry) {
        return new DeserializationContext(registry);
    }

    /** A context over the ServiceLoader-discovered default registry. */
    public static DeserializationContext defaults() {
        return new DeserializationContext(ComponentRegistry.defaults());
    }

    /** A serialised {@link Secret} under {@code key}, or null; token secrets are refused. */
    public Secret secret(DictReader r, String key) {
        Object v = r.raw(key);
        if (v == null) {
            return null;
        }
        return Secret.fromDict(DictReader.ofValue(v, r.pathOf(key)));
    }

    /** A serialised {@link ComponentDevice} under {@code key}, or null. */
    public ComponentDevice device(DictReader r, String key) {
        Object v = r.raw(key);
        if (v == null) {
            return null;
        }
        return ComponentDevice.fromDict(DictReader.ofValue(v, r.pathOf(key)));
    }

    /**
     * A streaming callback named under {@code key}, resolved through the registry, or null.
     * The callback carries the name it was read under (also when that is an alias such as
     * Haystack's {@code haystack.components.generators.utils.print_streaming_chunk}), so
     * {@code toDict} writes back what was read.
     */
    public StreamingCallback streamingCallback(DictReader r, String key) {
        String name = r.string(key, null);
        if (name == null) {
            return null;
        }
        StreamingCallback cb = registry.streamingCallback(name).orElseThrow(() -> r.error(key,
                "No streaming callback registered under '" + name + "'; register it with "
                        + "ComponentRegistry.builder().streamingCallback(\"" + name + "\", callback)", null));
        if (name.equals(StreamingCallback.nameOf(cb))) {
            return cb;
        }
        return StreamingCallback.named(name, cb instanceof StreamingCallback.Named
                ? ((StreamingCallback.Named) cb).delegate() : cb);
    }

    /** Tools and toolsets under {@code key}, or null. */
    public List<ToolSource> tools(DictReader r, String key) {
        return Tools.deserialize(r, key, this);
    }
}
