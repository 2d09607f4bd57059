package dev.hayloft.hf.local.internal.component;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.device.ComponentDevice;
import dev.hayloft.core.device.DeviceMap;
import dev.hayloft.core.errors.SerializationException;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.hf.local.internal.config.TaskDetection;
import dev.hayloft.hf.local.internal.hub.HubClient;
import dev.hayloft.hf.local.internal.runtime.LoadOptions;
import dev.hayloft.hf.local.internal.weights.WeightPrecision;
import dev.hayloft.hf.local.internal.runtime.Natives;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The settings both local generators share, resolved the way Haystack's
 * {@code resolve_hf_pipeline_kwargs} resolves them: {@code huggingface_pipeline_kwargs} win
 * over {@code model}, {@code task} and {@code device}; {@code generation_kwargs} get
 * {@code max_new_tokens=512} and (for text generation) {@code return_full_text=false}.
 * {@code text2text-generation} is for encoder-decoder models (T5, flan-T5); whether the task
 * suits the model is checked when the model is found, at warm-up.
 *
 * <pre>{@code
 * LocalSettings s = LocalSettings.builder().model("/models/SmolLM2").build(Map.of("stop_sequences", List.of()));
 * ModelHandle handle = s.newHandle();
 * }</pre>
 */
public final class LocalSettings {
    /** The tasks Haystack's local generators accept: decoder-only and encoder-decoder models. */
    public static final Set<String> TASKS = Set.of("text-generation", "text2text-generation");

    private final Map<String, Object> pipelineKwargs;
    private final Map<String, Object> generationKwargs;
    private final Secret token;
    private final List<String> stopWords;
    private final StreamingCallback streamingCallback;
    private final HubClient hub;
    private final WeightPrecision precision;
    /** Whether {@code return_full_text=false} was added by default (dropped again for text2text models). */
    private final boolean impliedReturnFullText;

    private LocalSettings(Builder b, Map<String, Object> extraGenerationDefaults) {
        Map<String, Object> pk = JsonValues.mutableMap(b.pipelineKwargs);
        pk.remove("token");
        pk.putIfAbsent("model", Objects.requireNonNull(b.model, "model"));
        if (!(pk.get("model") instanceof String) || ((String) pk.get("model")).isBlank()) {
            throw new IllegalArgumentException("model must be a non-blank folder path or Hub id");
        }
        if (b.device != null && !pk.containsKey("device") && !pk.containsKey("device_map")) {
            if (b.device.hasMultipleDevices()) {
                Map<String, Object> map = new LinkedHashMap<>();
                b.device.deviceMap().map(DeviceMap::mapping).orElseThrow()
                        .forEach((k, d) -> map.put(k, d.type().value().equals("cuda") && d.id() != null ? d.id()
                                : d.toString()));
                pk.put("device_map", map);
            } else {
                pk.put("device", b.device.toTorchString());
            }
        }
        if (!pk.containsKey("device") && !pk.containsKey("device_map")) {
            pk.put("device", Natives.defaultDevice()); // written always, resolved as Haystack resolves it
        }
        String task = b.task != null ? b.task : (String) pk.get("task");
        if (task != null) {
            if (!TASKS.contains(task)) {
                throw new IllegalArgumentException("task '" + task + "' is not supported; the supported tasks are "
                        + TASKS);
            }
            pk.put("task", task);
        }
        this.precision = precision(pk.get("model_kwargs"));
        this.pipelineKwargs = JsonValues.immutableMap(pk);
        Map<String, Object> gk = JsonValues.mutableMap(b.generationKwargs);
        if (b.stopWords != null && !b.stopWords.isEmpty() && gk.containsKey("stopping_criteria")) {
            throw new IllegalArgumentException("Found both the `stop_words` init parameter and the `stopping_criteria` "
                    + "key in `generation_kwargs`. Please specify only one of them.");
        }
        // Haystack sets it for text-generation only; an undetected task gets it until warm-up tells
        this.impliedReturnFullText = !TaskDetection.TEXT2TEXT_GENERATION.equals(task)
                && !gk.containsKey("return_full_text");
        if (impliedReturnFullText) {
            gk.put("return_full_text", false);
        }
        gk.putIfAbsent("max_new_tokens", 512);
        extraGenerationDefaults.forEach(gk::putIfAbsent);
        try {
            KwargsMapper.map(gk, b.stopWords, 0); // validates the keys and values now, not at the first run
        } catch (dev.hayloft.core.errors.InvalidRequestException e) {
            throw new IllegalArgumentException(e.getMessage().replaceFirst("^\\[local[^]]*] ", ""), e);
        }
        this.generationKwargs = JsonValues.immutableMap(gk);
        this.token = b.token;
        this.stopWords = b.stopWords == null ? null : List.copyOf(b.stopWords);
        this.streamingCallback = b.streamingCallback;
        this.hub = b.hub;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code model_kwargs.quantization} ({@code "int8"} or {@code "none"}), validated. */
    private static WeightPrecision precision(Object modelKwargs) {
        if (modelKwargs == null) {
            return WeightPrecision.F32;
        }
        if (!(modelKwargs instanceof Map)) {
            throw new IllegalArgumentException("huggingface_pipeline_kwargs.model_kwargs must be a map, got "
                    + modelKwargs.getClass().getSimpleName());
        }
        Object q = ((Map<?, ?>) modelKwargs).get("quantization");
        if (q != null && !(q instanceof String)) {
            throw new IllegalArgumentException("huggingface_pipeline_kwargs.model_kwargs.quantization must be a "
                    + "string (\"int8\" or \"none\"), got " + q);
        }
        return WeightPrecision.parse((String) q);
    }

    /** How the model's linear layers are held ({@code model_kwargs.quantization}). */
    public WeightPrecision precision() {
        return precision;
    }

    /** The model folder or Hub id. */
    public String model() {
        return (String) pipelineKwargs.get("model");
    }

    public Map<String, Object> pipelineKwargs() {
        return pipelineKwargs;
    }

    public Map<String, Object> generationKwargs() {
        return generationKwargs;
    }

    public List<String> stopWords() {
        return stopWords;
    }

    public StreamingCallback streamingCallback() {
        return streamingCallback;
    }

    public Secret token() {
        return token;
    }

    /** The device string for the runtime ({@code cpu}, {@code cuda:0}), or null to pick the default. */
    String deviceString() {
        Object d = pipelineKwargs.get("device");
        if (d instanceof Integer) {
            return (Integer) d < 0 ? "cpu" : "cuda:" + d;
        }
        if (d instanceof String) {
            return (String) d;
        }
        Object map = pipelineKwargs.get("device_map");
        if (map instanceof Map && !((Map<?, ?>) map).isEmpty()) {
            Object first = ((Map<?, ?>) map).values().iterator().next();
            return first instanceof Integer ? "cuda:" + first : String.valueOf(first);
        }
        return null;
    }

    /**
     * A handle that loads the model on {@code warmUp()}; Hub ids download through the Hub
     * client given to the builder, else through one configured by the environment (read now)
     * that the handle closes.
     */
    public ModelHandle newHandle() {
        LoadOptions options = LoadOptions.builder().device(deviceString()).precision(precision).build();
        ModelLocator locator = hub != null ? new ModelLocator(hub, token, false)
                : new ModelLocator(HubClient.fromEnvironment(System::getenv), token, true);
        return new ModelHandle(model(), (String) pipelineKwargs.get("task"), locator, options);
    }

    /**
     * Writes the shared init parameters in Haystack's shape into {@code init}; {@code task}
     * (given or detected at warm-up, may be null) goes into {@code huggingface_pipeline_kwargs}.
     */
    public void toDict(Map<String, Object> init, String task) {
        Map<String, Object> pk = JsonValues.mutableMap(pipelineKwargs);
        if (task != null) {
            pk.put("task", task);
        }
        init.put("huggingface_pipeline_kwargs", pk);
        Map<String, Object> gk = JsonValues.mutableMap(generationKwargs);
        if (impliedReturnFullText && TaskDetection.TEXT2TEXT_GENERATION.equals(task)) {
            gk.remove("return_full_text");
        }
        init.put("generation_kwargs", gk);
        if (streamingCallback == null) {
            init.put("streaming_callback", null);
        } else {
            String name = StreamingCallback.nameOf(streamingCallback);
            if (name == null) {
                throw new SerializationException("streaming_callback has no registered name: wrap it with "
                        + "StreamingCallback.named(\"<name>\", callback) to serialise the generator");
            }
            init.put("streaming_callback", name);
        }
        init.put("token", token == null ? null : token.toDict());
    }

    /** Reads the shared init parameters written by {@link #toDict}. */
    public static Builder fromDict(DictReader init, DeserializationContext ctx, String defaultModel) {
        Builder b = builder().model(defaultModel);
        Map<String, Object> pk = init.optionalMap("huggingface_pipeline_kwargs");
        b.pipelineKwargs(pk == null ? Map.of() : pk);
        b.model(pk != null && pk.get("model") instanceof String ? (String) pk.get("model")
                : init.string("model", defaultModel));
        b.task(init.string("task", null));
        b.device(ctx.device(init, "device"));
        b.token(init.has("token") ? ctx.secret(init, "token") : Builder.DEFAULT_TOKEN);
        Map<String, Object> gk = init.optionalMap("generation_kwargs");
        b.generationKwargs(gk == null ? Map.of() : gk);
        b.stopWords(init.optionalStringList("stop_words"));
        b.streamingCallback(ctx.streamingCallback(init, "streaming_callback"));
        return b;
    }

    /** Collects the shared settings. */
    public static final class Builder {
        /** Haystack's default: {@code HF_API_TOKEN} or {@code HF_TOKEN}, not strict. */
        public static final Secret DEFAULT_TOKEN = Secret.fromEnvVar(List.of("HF_API_TOKEN", "HF_TOKEN"), false);

        private String model;
        private String task;
        private ComponentDevice device;
        private Secret token = DEFAULT_TOKEN;
        private Map<String, Object> generationKwargs = Map.of();
        private Map<String, Object> pipelineKwargs = Map.of();
        private List<String> stopWords;
        private StreamingCallback streamingCallback;
        private HubClient hub;

        private Builder() {
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder task(String task) {
            this.task = task;
            return this;
        }

        public Builder device(ComponentDevice device) {
            this.device = device;
            return this;
        }

        public Builder token(Secret token) {
            this.token = token;
            return this;
        }

        public Builder generationKwargs(Map<String, Object> kwargs) {
            this.generationKwargs = kwargs == null ? Map.of() : kwargs;
            return this;
        }

        public Builder pipelineKwargs(Map<String, Object> kwargs) {
            this.pipelineKwargs = kwargs == null ? Map.of() : kwargs;
            return this;
        }

        public Builder stopWords(List<String> stopWords) {
            if (stopWords != null) {
                for (String s : stopWords) {
                    if (s == null || s.isEmpty()) {
                        throw new IllegalArgumentException("stop_words must be non-empty strings");
                    }
                }
            }
            this.stopWords = stopWords == null ? null : new ArrayList<>(stopWords);
            return this;
        }

        public Builder streamingCallback(StreamingCallback callback) {
            this.streamingCallback = callback;
            return this;
        }

        /** The Hub client that downloads Hub ids (not closed by the generator); default: one from the environment. */
        public Builder hub(HubClient hub) {
            this.hub = hub;
            return this;
        }

        /**
         * Uses {@code knownTask} when the model is {@code knownModel} and no task was given (as
         * {@code task} or in the pipeline kwargs): what Haystack would learn from the Hub's API.
         */
        public Builder taskOf(String knownModel, String knownTask) {
            Object pkModel = pipelineKwargs.get("model");
            String effective = pkModel instanceof String ? (String) pkModel : model;
            if (task == null && !pipelineKwargs.containsKey("task") && knownModel.equals(effective)) {
                task = knownTask;
            }
            return this;
        }

        /** Whether a build-time streaming callback is set. */
        public boolean hasStreamingCallback() {
            return streamingCallback != null;
        }

        /**
         * Moves the stop words into {@code generation_kwargs.stop_sequences}, where Haystack's chat
         * generator keeps them.
         */
        public Builder moveStopWordsToStopSequences() {
            if (stopWords != null && !stopWords.isEmpty()) {
                Map<String, Object> gk = JsonValues.mutableMap(generationKwargs);
                List<Object> seqs = new ArrayList<>();
                Object existing = gk.get("stop_sequences");
                if (existing instanceof List) {
                    seqs.addAll((List<?>) existing);
                }
                seqs.addAll(stopWords);
                gk.put("stop_sequences", seqs);
                generationKwargs = gk;
            }
            stopWords = null;
            return this;
        }

        /** Builds; {@code extraGenerationDefaults} are added to generation_kwargs when absent. */
        public LocalSettings build(Map<String, Object> extraGenerationDefaults) {
            return new LocalSettings(this, extraGenerationDefaults);
        }
    }
}
