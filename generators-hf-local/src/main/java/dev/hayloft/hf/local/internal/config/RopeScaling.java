package dev.hayloft.hf.local.internal.config;

/**
 * A {@code rope_scaling} block of {@code config.json}. Supported types: {@code "llama3"}
 * (Llama 3.1/3.2 frequency-dependent scaling) and {@code "linear"} (position
 * interpolation); {@code null}/{@code "default"} configs have no {@code RopeScaling}.
 *
 * <pre>{@code
 * RopeScaling s = new RopeScaling("llama3", 32.0, 1.0, 4.0, 8192);
 * }</pre>
 *
 * @param type {@code "llama3"} or {@code "linear"}
 * @param factor scaling factor
 * @param lowFreqFactor llama3 {@code low_freq_factor} (ignored for linear)
 * @param highFreqFactor llama3 {@code high_freq_factor} (ignored for linear)
 * @param originalMaxPositions llama3 {@code original_max_position_embeddings} (ignored for linear)
 */
public record RopeScaling(String type, double factor, double lowFreqFactor, double highFreqFactor,
                          int originalMaxPositions) {
    public static final String LLAMA3 = "llama3";
    public static final String LINEAR = "linear";

    public RopeScaling {
        if (!LLAMA3.equals(type) && !LINEAR.equals(type)) {
            throw new IllegalArgumentException("unsupported rope_scaling type " + type);
        }
        if (!(factor > 0)) {
            throw new IllegalArgumentException("rope_scaling factor must be > 0");
        }
    }
}
