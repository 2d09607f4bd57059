package dev.hayloft.core.device;

import java.util.Objects;

/**
 * One device: a type and an optional index, written {@code cpu}, {@code cuda:1}, {@code mps}.
 *
 * <pre>{@code
 * Device gpu = Device.fromString("cuda:0");
 * Device cpu = Device.cpu();
 * }</pre>
 *
 * @param type the device type
 * @param id the device index, or null
 */
public record Device(DeviceType type, Integer id) {
    public Device {
        Objects.requireNonNull(type, "type");
        if (id != null && id < 0) {
            throw new IllegalArgumentException("Device id must be >= 0, got " + id);
        }
    }

    public static Device cpu() {
        return new Device(DeviceType.CPU, null);
    }

    public static Device gpu(int id) {
        return new Device(DeviceType.GPU, id);
    }

    public static Device mps() {
        return new Device(DeviceType.MPS, null);
    }

    public static Device xpu() {
        return new Device(DeviceType.XPU, null);
    }

    public static Device disk() {
        return new Device(DeviceType.DISK, null);
    }

    /** Parses {@code type} or {@code type:index}. */
    public static Device fromString(String s) {
        Objects.requireNonNull(s, "device string");
        int colon = s.indexOf(':');
        if (colon < 0) {
            return new Device(DeviceType.fromValue(s), null);
        }
        String idText = s.substring(colon + 1);
        int id;
        try {
            id = Integer.parseInt(idText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Device id must be an integer in '" + s + "'", e);
        }
        return new Device(DeviceType.fromValue(s.substring(0, colon)), id);
    }

    @Override
    public String toString() {
        return id == null ? type.value() : type.value() + ":" + id;
    }
}
