package dev.hayloft.hf.local.internal.runtime;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import dev.hayloft.core.errors.ContextLengthExceededException;
import dev.hayloft.core.errors.GenerationException;
import dev.hayloft.core.errors.InvalidRequestException;
import dev.hayloft.core.errors.ModelLoadException;
import dev.hayloft.hf.local.internal.weights.WeightPrecision;
import dev.hayloft.hf.local.internal.config.ConfigReader;
import dev.hayloft.hf.local.internal.config.GenerationDefaults;
import dev.hayloft.hf.local.internal.config.ModelConfig;
import dev.hayloft.hf.local.internal.config.T5Config;
import dev.hayloft.hf.local.internal.config.TokenizerSettings;
import dev.hayloft.hf.local.internal.generation.GenerationLoop;
import dev.hayloft.hf.local.internal.generation.GenerationParams;
import dev.hayloft.hf.local.internal.generation.GenerationResult;
import dev.hayloft.hf.local.internal.generation.ResolvedParams;
import dev.hayloft.hf.local.internal.generation.TokenStreamListener;
import dev.hayloft.hf.local.internal.model.Architectures;
import dev.hayloft.hf.local.internal.model.CausalLM;
import dev.hayloft.hf.local.internal.model.InferenceSession;
import dev.hayloft.hf.local.internal.model.Seq2SeqLM;
import dev.hayloft.hf.local.internal.tokenizer.LocalTokenizer;
import dev.hayloft.hf.local.internal.weights.WeightSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A Hugging Face causal LM loaded in-process from a local folder ({@code config.json},
 * safetensors weights, {@code tokenizer.json}, optional {@code generation_config.json} and
 * {@code tokenizer_config.json}) onto DJL's PyTorch engine: the runtime behind the
 * {@code HuggingFaceLocal*Generator} components. No DJL type appears in its API.
 *
 * <p>Thread-safe: the weights are shared read-only, and every {@link #generate} call runs
 * in its own native-memory scope with its own KV cache, so one model serves many threads.
 * {@link #close()} waits for running requests, then frees the weights.
 *
 * <p>Encoder-decoder models (T5, flan-T5: {@code text2text-generation}) run the prompt through
 * the encoder and generate with the decoder; the result holds the decoder's text only. Their
 * encoder input has no context limit (relative positions), so such prompts are never cut, and
 * their text is decoded without {@code clean_up_tokenization_spaces} (as transformers'
 * {@code text2text-generation} pipeline decodes) unless {@link LoadOptions} say otherwise.
 *
 * <pre>{@code
 * try (LocalModel model = LocalModel.load(Path.of("/models/SmolLM2-135M"), LoadOptions.defaults())) {
 *     GenerationParams params = GenerationParams.builder().maxNewTokens(40).doSample(false).build();
 *     GenerationResult r = model.generate("Once upon a time", params,
 *             (seq, delta) -> System.out.print(delta));
 *     System.out.println(r.sequences().get(0).finishReason() + " " + r.usage());
 * }
 * }</pre>
 */
public final class LocalModel implements AutoCloseable {
    private final CausalLM lm;
    private final Seq2SeqLM seq2seq;
    private final LocalTokenizer tokenizer;
    private final ModelInfo info;
    private final GenerationLoop loop;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private LocalModel(CausalLM lm, Seq2SeqLM seq2seq, LocalTokenizer tokenizer, ModelInfo info,
                       boolean useKvCache) {
        this.lm = lm;
        this.seq2seq = seq2seq;
        this.tokenizer = tokenizer;
        this.info = info;
        this.loop = seq2seq != null
                ? new GenerationLoop(seq2seq, ids -> tokenizer.decode(ids, true), tokenizer.cleansUpSpaces(),
                        useKvCache, info.contextLength())
                : new GenerationLoop(lm, ids -> tokenizer.decode(ids, true), tokenizer.cleansUpSpaces(),
                        useKvCache, info.contextLength());
    }

    /**
     * Loads the model in {@code folder}. Fails with a {@link ModelLoadException} naming the
     * culprit: a missing folder or file, an unsupported {@code model_type}, a corrupt
     * safetensors header, a missing tensor or one of the wrong shape, an unavailable device.
     */
    public static LocalModel load(Path folder, LoadOptions options) {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(options, "options");
        if (!Files.isDirectory(folder)) {
            throw new ModelLoadException("Model folder " + folder + " does not exist or is not a directory");
        }
        ModelConfig config = ConfigReader.read(folder);
        GenerationDefaults defaults = GenerationDefaults.read(folder);
        TokenizerSettings settings = TokenizerSettings.read(folder);
        Device device = Engines.resolve(options.device() == null ? null : DeviceSpec.parse(options.device()));
        Boolean cleanUp = options.cleanUpTokenizationSpaces();
        if (cleanUp == null && Architectures.isEncoderDecoder(config.modelType())) {
            cleanUp = false; // transformers' text2text pipeline decodes without clean-up, whatever the config says
        }
        LocalTokenizer tokenizer = LocalTokenizer.load(folder, settings, cleanUp);
        CausalLM lm = null;
        Seq2SeqLM seq2seq = null;
        try (WeightSource weights = WeightSource.open(folder)) {
            if (Architectures.isEncoderDecoder(config.modelType())) {
                if (options.precision() != WeightPrecision.F32) {
                    throw new ModelLoadException("huggingface_pipeline_kwargs.model_kwargs.quantization "
                            + options.precision().name().toLowerCase(java.util.Locale.ROOT) + " is not supported for "
                            + "encoder-decoder models (model_type " + config.modelType() + "); leave it out for "
                            + "float32");
                }
                seq2seq = Architectures.loadT5(T5Config.read(folder), weights, device);
            } else {
                lm = Architectures.load(config, weights, device, options.precision());
            }
        } catch (RuntimeException e) {
            tokenizer.close();
            if (e instanceof ModelLoadException) {
                throw e;
            }
            throw new ModelLoadException("Cannot load the weights of " + folder + ": " + e.getMessage(), e);
        }
        int context = config.maxPositions();
        if (options.maxContextLength() != null) {
            context = Math.min(context, options.maxContextLength());
        }
        ModelInfo info = new ModelInfo(config.modelType(), context, config.vocabSize(),
                device.isGpu() ? "cuda:" + device.getDeviceId() : "cpu",
                eosIds(defaults, config, tokenizer), firstNonNull(defaults.bosTokenId(), config.bosTokenId(),
                tokenizer.bosTokenId()), firstNonNull(defaults.padTokenId(), tokenizer.padTokenId(), null),
                settings, defaults);
        return new LocalModel(lm, seq2seq, tokenizer, info, options.useKvCache());
    }

    /** The model's description. */
    public ModelInfo info() {
        return info;
    }

    /**
     * Whether this is an encoder-decoder model ({@code text2text-generation}): the prompt is the
     * encoder's input and replies never contain it.
     */
    public boolean isEncoderDecoder() {
        return seq2seq != null;
    }

    /**
     * Generates a continuation of {@code prompt}, encoded with the tokenizer's special tokens
     * (e.g. BOS) as transformers would. {@code listener} (may be {@code null}) receives text
     * deltas as they become stable.
     */
    public GenerationResult generate(String prompt, GenerationParams params, TokenStreamListener listener) {
        if (prompt == null || prompt.isEmpty()) {
            throw invalid("prompt must not be empty");
        }
        lock.readLock().lock();
        try {
            return generate(encode(prompt, true), params, listener);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Generates a continuation of already tokenized {@code promptIds} (e.g. a rendered chat
     * template encoded with {@code addSpecialTokens=false}). An encoder-decoder model's input
     * gets the EOS token appended when it does not end with it.
     */
    public GenerationResult generate(int[] promptIds, GenerationParams params, TokenStreamListener listener) {
        Objects.requireNonNull(params, "params");
        if (promptIds == null || promptIds.length == 0) {
            throw invalid("prompt must contain at least one token");
        }
        for (int id : promptIds) {
            if (id < 0 || id >= info.vocabSize()) {
                throw invalid("prompt token id " + id + " is outside the vocabulary (0.." + (info.vocabSize() - 1) + ")");
            }
        }
        lock.readLock().lock();
        try {
            ensureOpen();
            int[] ids = seq2seq != null ? endWithEos(promptIds) : promptIds;
            // max_length counts the decoder's tokens, i.e. the start token for an encoder-decoder model
            ResolvedParams resolved = ResolvedParams.resolve(params, info.generationDefaults(),
                    Set.copyOf(info.eosTokenIds()), seq2seq != null ? 1 : ids.length);
            boolean truncated = false;
            int context = info.contextLength();
            if (seq2seq == null && ids.length >= context) {
                if (!resolved.truncatePrompt()) {
                    throw new ContextLengthExceededException("The prompt has " + ids.length + " tokens but the "
                            + info.modelType() + " model's context window is " + context + " tokens, leaving no room"
                            + " for new tokens; shorten the prompt or set generation_kwargs truncation=true (keeps the"
                            + " last tokens)",
                            GenerationException.details("local"), null);
                }
                ids = truncateLeft(ids, context - 1);
                truncated = true;
            }
            return loop.run(ids, resolved, listener, truncated);
        } catch (EngineException e) {
            throw new GenerationException("Local inference failed: " + e.getMessage(),
                    GenerationException.details("local"), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Token ids of {@code text}, with or without the tokenizer's special tokens. */
    public int[] encode(String text, boolean addSpecialTokens) {
        Objects.requireNonNull(text, "text");
        lock.readLock().lock();
        try {
            ensureOpen();
            return tokenizer.encode(text, addSpecialTokens);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Text of {@code ids} (clean-up of spaces applied if the tokenizer config asks for it). */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        lock.readLock().lock();
        try {
            ensureOpen();
            return tokenizer.decode(ids, skipSpecialTokens);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Diagnostic: the logits at the last position of {@code ids} after one forward pass
     * (the distribution of the next token), as a {@code float[vocabSize]}. For an
     * encoder-decoder model {@code ids} are the encoder input and the logits those of the
     * first decoder step.
     */
    public float[] lastPositionLogits(int[] ids) {
        lock.readLock().lock();
        try {
            ensureOpen();
            if (ids.length == 0 || (seq2seq == null && ids.length > info.contextLength())) {
                throw invalid("ids must hold 1.." + info.contextLength() + " tokens");
            }
            if (seq2seq != null) { // the first decoder step's distribution for encoder input ids
                try (InferenceSession s = seq2seq.newSession(ids, 1, true)) {
                    return s.forward(new int[][] {{seq2seq.decoderStartTokenId()}})[0];
                }
            }
            try (InferenceSession s = lm.newSession(ids.length, true)) {
                return s.forward(new int[][] {ids})[0];
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Waits for running requests, then frees the weights and the tokenizer. Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                if (lm != null) {
                    lm.close();
                } else {
                    seq2seq.close();
                }
                tokenizer.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * An encoder input ending with EOS, as transformers' tokenizer makes every T5 input end
     * (ids encoded without special tokens, e.g. a rendered chat template, get it appended).
     */
    private int[] endWithEos(int[] ids) {
        Integer eos = tokenizer.eosTokenId() != null ? tokenizer.eosTokenId()
                : info.eosTokenIds().isEmpty() ? null : info.eosTokenIds().get(0);
        if (eos == null || ids[ids.length - 1] == eos) {
            return ids;
        }
        int[] out = Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = eos;
        return out;
    }

    /** Keeps a leading BOS token, then the rightmost tokens, {@code keep} in all. */
    private int[] truncateLeft(int[] ids, int keep) {
        Integer bos = info.bosTokenId();
        if (bos != null && ids[0] == bos && keep > 1) {
            int[] out = new int[keep];
            out[0] = bos;
            System.arraycopy(ids, ids.length - (keep - 1), out, 1, keep - 1);
            return out;
        }
        return Arrays.copyOfRange(ids, ids.length - keep, ids.length);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the model has been closed");
        }
    }

    private static List<Integer> eosIds(GenerationDefaults d, ModelConfig c, LocalTokenizer t) {
        Set<Integer> ids = new LinkedHashSet<>(d.eosTokenIds());
        if (ids.isEmpty()) {
            ids.addAll(c.eosTokenIds());
        }
        if (ids.isEmpty() && t.eosTokenId() != null) {
            ids.add(t.eosTokenId());
        }
        return List.copyOf(ids);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("Invalid request: " + message, GenerationException.details("local"), null);
    }
}
