package dev.hayloft.hf.local.internal.generation;

import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.errors.InvalidRequestException;
import java.util.List;

/**
 * Per-request generation settings, named after transformers' {@code generate()} kwargs.
 * Every field may be {@code null}, meaning "use the model's {@code generation_config.json},
 * else transformers' default" (see {@link ResolvedParams}). Values are range-checked at
 * {@link Builder#build()}; checks that depend on the resolved values (a temperature of 0
 * with sampling, several sequences without sampling) happen when a request resolves them.
 * Invalid values fail with an {@link InvalidRequestException} naming the field.
 *
 * <pre>{@code
 * GenerationParams p = GenerationParams.builder()
 *         .maxNewTokens(64).doSample(true).temperature(0.7).topP(0.9).seed(42L)
 *         .stopWords(List.of("\n\n"))
 *         .build();
 * }</pre>
 *
 * @param maxNewTokens {@code max_new_tokens}, at least 1
 * @param doSample {@code do_sample}: sample instead of greedy argmax
 * @param temperature {@code temperature}, finite and &gt;= 0 (must be &gt; 0 when sampling)
 * @param topK {@code top_k}, &gt;= 0 (0 disables)
 * @param topP {@code top_p}, in (0, 1]
 * @param repetitionPenalty {@code repetition_penalty}, &gt; 0 (1 disables)
 * @param numReturnSequences {@code num_return_sequences}, at least 1 (more than 1 needs sampling)
 * @param seed random seed making sampling reproducible; {@code null} draws a fresh one
 * @param stopWords strings that end generation when they appear; cut from the returned text
 * @param truncatePrompt keep the rightmost prompt tokens when the prompt does not fit the
 *     context window, instead of failing with {@code ContextLengthExceededException}
 */
public record GenerationParams(Integer maxNewTokens, Boolean doSample, Double temperature, Integer topK,
                               Double topP, Double repetitionPenalty, Integer numReturnSequences, Long seed,
                               List<String> stopWords, Boolean truncatePrompt) {

    public GenerationParams {
        stopWords = stopWords == null ? List.of() : List.copyOf(stopWords);
        if (maxNewTokens != null && maxNewTokens < 1) {
            throw invalid("max_new_tokens must be >= 1, got " + maxNewTokens);
        }
        if (temperature != null && (!Double.isFinite(temperature) || temperature < 0)) {
            throw invalid("temperature must be a finite number >= 0, got " + temperature);
        }
        if (topK != null && topK < 0) {
            throw invalid("top_k must be >= 0, got " + topK);
        }
        if (topP != null && !(topP > 0 && topP <= 1)) {
            throw invalid("top_p must be in (0, 1], got " + topP);
        }
        if (repetitionPenalty != null && !(repetitionPenalty > 0 && Double.isFinite(repetitionPenalty))) {
            throw invalid("repetition_penalty must be a finite number > 0, got " + repetitionPenalty);
        }
        if (numReturnSequences != null && numReturnSequences < 1) {
            throw invalid("num_return_sequences must be >= 1, got " + numReturnSequences);
        }
        for (String s : stopWords) {
            if (s.isEmpty()) {
                throw invalid("stop_words must not contain an empty string");
            }
        }
    }

    /** Parameters with nothing set: the model's defaults apply. */
    public static GenerationParams defaults() {
        return builder().build();
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this object's values. */
    public Builder toBuilder() {
        return new Builder().maxNewTokens(maxNewTokens).doSample(doSample).temperature(temperature).topK(topK)
                .topP(topP).repetitionPenalty(repetitionPenalty).numReturnSequences(numReturnSequences).seed(seed)
                .stopWords(stopWords).truncatePrompt(truncatePrompt);
    }

    static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("Invalid generation parameter: " + message,
                GenerationException.details("local"), null);
    }

    /** Mutable builder of {@link GenerationParams}; not thread-safe. */
    public static final class Builder {
        private Integer maxNewTokens;
        private Boolean doSample;
        private Double temperature;
        private Integer topK;
        private Double topP;
        private Double repetitionPenalty;
        private Integer numReturnSequences;
        private Long seed;
        private List<String> stopWords;
        private Boolean truncatePrompt;

        private Builder() {
        }

        public Builder maxNewTokens(Integer v) {
            this.maxNewTokens = v;
            return this;
        }

        public Builder doSample(Boolean v) {
            this.doSample = v;
            return this;
        }

        public Builder temperature(Double v) {
            this.temperature = v;
            return this;
        }

        public Builder topK(Integer v) {
            this.topK = v;
            return this;
        }

        public Builder topP(Double v) {
            this.topP = v;
            return this;
        }

        public Builder repetitionPenalty(Double v) {
            this.repetitionPenalty = v;
            return this;
        }

        public Builder numReturnSequences(Integer v) {
            this.numReturnSequences = v;
            return this;
        }

        public Builder seed(Long v) {
            this.seed = v;
            return this;
        }

        public Builder stopWords(List<String> v) {
            this.stopWords = v;
            return this;
        }

        public Builder truncatePrompt(Boolean v) {
            this.truncatePrompt = v;
            return this;
        }

        /** Validates and builds; an out-of-range value fails naming its field. */
        public GenerationParams build() {
            return new GenerationParams(maxNewTokens, doSample, temperature, topK, topP, repetitionPenalty,
                    numReturnSequences, seed, stopWords, truncatePrompt);
        }
    }
}
