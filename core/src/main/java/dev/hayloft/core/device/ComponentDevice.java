package dev.hayloft.core.device;

import dev.hayloft.core.serde.DictReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a component runs: one device ({@code cpu}, {@code cuda:0}, {@code mps}) or a
 * {@link DeviceMap} spreading a model over several. Serialises as Haystack does:
 * {@code {"type": "single", "device": "cuda:0"}} or
 * {@code {"type": "multiple", "device_map": {...}}}.
 *
 * <pre>{@code
 * ComponentDevice gpu = ComponentDevice.fromString("cuda:0");
 * ComponentDevice dev = ComponentDevice.resolveDevice(null);   // the default: cpu
 * }</pre>
 */
public final class ComponentDevice {
    private final Device single;
    private final DeviceMap multiple;

    private ComponentDevice(Device single, DeviceMap multiple) {
        if ((single == null) == (multiple == null)) {
            throw new IllegalArgumentException(
                    "The component device can neither be empty nor contain both a single device and a device map");
        }
        this.single = single;
        this.multiple = multiple;
    }

    /** One device from its string form, e.g. {@code "cuda:1"}. */
    public static ComponentDevice fromString(String device) {
        return fromSingle(Device.fromString(device));
    }

    /** One device; disks are only allowed inside device maps. */
    public static ComponentDevice fromSingle(Device device) {
        Objects.requireNonNull(device, "device");
        if (device.type() == DeviceType.DISK) {
            throw new IllegalArgumentException("The disk device can only be used as a part of device maps");
        }
        return new ComponentDevice(device, null);
    }

    /** Several devices. */
    public static ComponentDevice fromMultiple(DeviceMap map) {
        return new ComponentDevice(null, Objects.requireNonNull(map, "map"));
    }

    /** {@code device} itself, or the default device (CPU) when null. */
    public static ComponentDevice resolveDevice(ComponentDevice device) {
        return device != null ? device : fromSingle(Device.cpu());
    }

    /** Whether this is a device map. */
    public boolean hasMultipleDevices() {
        return multiple != null;
    }

    /** The single device, when this is not a map. */
    public Optional<Device> single() {
        return Optional.ofNullable(single);
    }

    /** The device map, when this is one. */
    public Optional<DeviceMap> deviceMap() {
        return Optional.ofNullable(multiple);
    }

    /** The single device or the map's first device. */
    public Device firstDevice() {
        return single != null ? single : multiple.firstDevice();
    }

    /** PyTorch's string form of the single device, e.g. {@code "cuda:0"}; maps are refused. */
    public String toTorchString() {
        if (single == null) {
            throw new IllegalStateException("Only single devices can be converted to PyTorch format");
        }
        return single.toString();
    }

    /** Haystack's dict shape. */
    public Map<String, Object> toDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (single != null) {
            m.put("type", "single");
            m.put("device", single.toString());
        } else {
            m.put("type", "multiple");
            m.put("device_map", multiple.toDict());
        }
        return m;
    }

    /** Reads Haystack's dict shape. */
    public static ComponentDevice fromDict(Map<String, ?> dict) {
        return fromDict(DictReader.of(dict, ""));
    }

    /** Reads Haystack's dict shape at a path. */
    public static ComponentDevice fromDict(DictReader r) {
        String type = r.requireString("type");
        try {
            switch (type) {
                case "single":
                    return fromString(r.requireString("device"));
                case "multiple":
                    Map<String, Object> map = r.optionalMap("device_map");
                    if (map == null) {
                        throw r.error("device_map", "missing field 'device_map'", null);
                    }
                    return fromMultiple(DeviceMap.fromDict(map));
                default:
                    throw r.error("type", "Unknown component device type '" + type + "' in serialized data", null);
            }
        } catch (IllegalArgumentException e) {
            throw r.error(null, e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComponentDevice && Objects.equals(single, ((ComponentDevice) o).single)
                && Objects.equals(multiple, ((ComponentDevice) o).multiple);
    }

    @Override
    public int hashCode() {
        return Objects.hash(single, multiple);
    }

    @Override
    public String toString() {
        return single != null ? "ComponentDevice(" + single + ")" : "ComponentDevice(" + multiple.mapping() + ")";
    }
}
