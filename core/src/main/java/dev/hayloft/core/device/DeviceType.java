package dev.hayloft.core.device;

import java.util.Arrays;

/**
 * Kinds of device, named as PyTorch names them: {@code cpu}, {@code cuda}, {@code mps},
 * {@code xpu}, and {@code disk} (only inside device maps, for offloaded weights).
 *
 * <pre>{@code
 * DeviceType t = DeviceType.fromValue("cuda");   // DeviceType.GPU
 * }</pre>
 */
public enum DeviceType {
    CPU("cpu"),
    GPU("cuda"),
    DISK("disk"),
    MPS("mps"),
    XPU("xpu");

    private final String value;

    DeviceType(String value) {
        this.value = value;
    }

    /** The string form, e.g. {@code "cuda"}. */
    public String value() {
        return value;
    }

    /** Parses the string form. */
    public static DeviceType fromValue(String value) {
        for (DeviceType t : values()) {
            if (t.value.equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown device type string '" + value + "'; expected one of "
                + Arrays.stream(values()).map(DeviceType::value).toList());
    }

    @Override
    public String toString() {
        return value;
    }
}
