package dev.hayloft.core.device;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A mapping from model parts (e.g. layer names) to devices, for models spread over several
 * devices. Keeps insertion order.
 *
 * <pre>{@code
 * DeviceMap map = DeviceMap.fromDict(Map.of("model.layers.0", "cuda:0", "lm_head", "cpu"));
 * }</pre>
 *
 * @param mapping part name → device
 */
public record DeviceMap(Map<String, Device> mapping) {
    public DeviceMap {
        Objects.requireNonNull(mapping, "mapping");
        mapping = Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
    }

    /** The first device, or null when empty. */
    public Device firstDevice() {
        return mapping.isEmpty() ? null : mapping.values().iterator().next();
    }

    /** {@code {part: "cuda:0", ...}}. */
    public Map<String, Object> toDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        mapping.forEach((k, v) -> m.put(k, v.toString()));
        return m;
    }

    /** Reads {@code {part: "device", ...}}. */
    public static DeviceMap fromDict(Map<String, ?> dict) {
        Map<String, Device> m = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : dict.entrySet()) {
            if (!(e.getValue() instanceof String)) {
                throw new IllegalArgumentException("device_map." + e.getKey() + " must be a device string");
            }
            m.put(e.getKey(), Device.fromString((String) e.getValue()));
        }
        return new DeviceMap(m);
    }
}
