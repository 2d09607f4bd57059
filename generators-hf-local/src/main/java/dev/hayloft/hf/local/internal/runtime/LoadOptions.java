package dev.hayloft.hf.local.internal.runtime;

import dev.hayloft.hf.local.internal.weights.WeightPrecision;

/**
 * How {@link LocalModel#load} loads a model. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * LoadOptions options = LoadOptions.builder()
 *         .device("cuda:0")          // default: first GPU if visible, else "cpu"
 *         .precision(WeightPrecision.INT8)
 *         .build();
 * }</pre>
 *
 * @param device {@code "cpu"}, {@code "cuda"}, {@code "cuda:N"}, or {@code null} for the default
 * @param useKvCache KV-cache decoding (default) or full recomputation per token (for testing)
 * @param cleanUpTokenizationSpaces overrides tokenizer_config's {@code clean_up_tokenization_spaces}, or {@code null}
 * @param maxContextLength caps the context window below the model's, or {@code null}
 * @param precision how linear layers hold their weights (default {@link WeightPrecision#F32})
 */
public record LoadOptions(String device, boolean useKvCache,
                          Boolean cleanUpTokenizationSpaces, Integer maxContextLength, WeightPrecision precision) {

    public LoadOptions {
        if (precision == null) {
            precision = WeightPrecision.F32;
        }
        if (device != null) {
            DeviceSpec.parse(device);
        }
        if (maxContextLength != null && maxContextLength < 2) {
            throw new IllegalArgumentException("maxContextLength must be >= 2, got " + maxContextLength);
        }
    }

    /** Default options: default device, KV cache on. */
    public static LoadOptions defaults() {
        return builder().build();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        return new Builder().device(device).useKvCache(useKvCache)
                .cleanUpTokenizationSpaces(cleanUpTokenizationSpaces).maxContextLength(maxContextLength)
                .precision(precision);
    }

    /** Mutable builder of {@link LoadOptions}. */
    public static final class Builder {
        private String device;
        private boolean useKvCache = true;
        private Boolean cleanUpTokenizationSpaces;
        private Integer maxContextLength;
        private WeightPrecision precision = WeightPrecision.F32;

        private Builder() {
        }

        public Builder precision(WeightPrecision v) {
            this.precision = v;
            return this;
        }

        public Builder device(String v) {
            this.device = v;
            return this;
        }

        public Builder useKvCache(boolean v) {
            this.useKvCache = v;
            return this;
        }

        public Builder cleanUpTokenizationSpaces(Boolean v) {
            this.cleanUpTokenizationSpaces = v;
            return this;
        }

        public Builder maxContextLength(Integer v) {
            this.maxContextLength = v;
            return this;
        }

        /** Validates (the device string included) and builds. */
        public LoadOptions build() {
            return new LoadOptions(device, useKvCache, cleanUpTokenizationSpaces, maxContextLength, precision);
        }
    }
}
