package dev.hayloft.hf.local.internal.runtime;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a model runs: {@code "cpu"} or a CUDA GPU, parsed from the strings Hayloft's
 * {@code ComponentDevice} (and torch) use: {@code "cpu"}, {@code "cuda"}, {@code "cuda:1"}
 * ({@code "gpu"}/{@code "gpu:1"} are accepted as aliases).
 *
 * <pre>{@code
 * DeviceSpec d = DeviceSpec.parse("cuda:0");   // gpu, index 0
 * String s = d.toString();                      // "cuda:0"
 * }</pre>
 *
 * @param gpu whether this is a GPU
 * @param index the GPU index (0 for the CPU)
 */
public record DeviceSpec(boolean gpu, int index) {
    /** The CPU. */
    public static final DeviceSpec CPU = new DeviceSpec(false, 0);

    public DeviceSpec {
        if (index < 0 || (!gpu && index != 0)) {
            throw new IllegalArgumentException("invalid device index " + index);
        }
    }

    /** The {@code index}-th CUDA GPU. */
    public static DeviceSpec cuda(int index) {
        return new DeviceSpec(true, index);
    }

    /** Parses {@code cpu}, {@code cuda}, {@code cuda:N}, {@code gpu}, {@code gpu:N} (case-insensitive). */
    public static DeviceSpec parse(String text) {
        Objects.requireNonNull(text, "device");
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("cpu")) {
            return CPU;
        }
        String rest = null;
        if (s.startsWith("cuda")) {
            rest = s.substring(4);
        } else if (s.startsWith("gpu")) {
            rest = s.substring(3);
        }
        if (rest != null) {
            if (rest.isEmpty()) {
                return cuda(0);
            }
            if (rest.startsWith(":") && rest.length() > 1 && rest.substring(1).chars().allMatch(Character::isDigit)
                    && rest.length() < 8) {
                return cuda(Integer.parseInt(rest.substring(1)));
            }
        }
        throw new IllegalArgumentException("Unsupported device '" + text
                + "': expected \"cpu\", \"cuda\" or \"cuda:N\" (the local runtime runs on CPU or CUDA GPUs)");
    }

    @Override
    public String toString() {
        return gpu ? "cuda:" + index : "cpu";
    }
}
