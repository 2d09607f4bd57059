package dev.hayloft.hf.local;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.component.Component;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.Components;
import dev.hayloft.core.component.Input;
import dev.hayloft.core.component.PipelineNameSlot;
import dev.hayloft.core.component.PipelineNamed;
import dev.hayloft.core.component.Run;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ComponentInfo;
import dev.hayloft.core.dataclasses.FinishReason;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.device.ComponentDevice;
import dev.hayloft.core.generation.GenerationKwargs;
import dev.hayloft.core.listener.GenerationListener;
import dev.hayloft.core.listener.Listenable;
import dev.hayloft.core.listener.ListenerSlot;
import dev.hayloft.core.listener.GenerationObservation;
import dev.hayloft.core.listener.TokenUsage;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.hf.local.internal.component.LocalRun;
import dev.hayloft.hf.local.internal.component.LocalSettings;
import dev.hayloft.hf.local.internal.component.ModelHandle;
import dev.hayloft.hf.local.internal.config.TaskDetection;
import dev.hayloft.hf.local.internal.generation.GenerationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Generates text with a Hugging Face causal language model running in-process on DJL's
 * PyTorch engine (CPU or GPU), Haystack's {@code HuggingFaceLocalGenerator}: socket
 * {@code prompt} (plus {@code streaming_callback}, {@code generation_kwargs}) →
 * {@code replies}.
 *
 * <p>{@code model} is a folder in Hugging Face layout ({@code config.json},
 * {@code model.safetensors} or a sharded index, {@code tokenizer.json},
 * {@code tokenizer_config.json}, {@code generation_config.json}) or a Hub id
 * ({@code org/name[@revision]}) that {@link HuggingFaceHub} downloads into the standard Hugging
 * Face cache at warm-up. The model loads in {@link #warmUp()} (or on the first run), is
 * shared by all threads, and is freed by {@link #close()}. Supported architectures: Llama
 * (2/3, SmolLM, TinyLlama), Qwen2, Qwen3, Mistral, GPT-2 ({@code text-generation}) and T5 /
 * flan-T5 ({@code text2text-generation}: the prompt is the encoder's input, and the reply is the
 * decoder's output alone). The task, when not given, is read from the model's
 * {@code config.json}; a given task that does not suit the model fails at warm-up.
 * {@code generation_kwargs}:
 * {@code max_new_tokens} (default 512), {@code max_length}, {@code do_sample},
 * {@code temperature}, {@code top_k}, {@code top_p}, {@code repetition_penalty},
 * {@code num_return_sequences}, {@code seed}, {@code stop_sequences}, {@code return_full_text},
 * {@code truncation}. {@link Builder#listener} attaches {@link GenerationListener}s (request,
 * first token and chunks when streaming, response with token usage, error; run-time only).
 *
 * <pre>{@code
 * try (HuggingFaceLocalGenerator llm = HuggingFaceLocalGenerator.builder()
 *         .model("/models/SmolLM2-135M")
 *         .generationKwargs(Map.of("max_new_tokens", 64, "do_sample", false))
 *         .stopWords(List.of("\n\n"))
 *         .build()) {
 *     llm.warmUp();
 *     String text = llm.run("Once upon a time").replies().get(0);
 *     llm.run("Hay is", chunk -> System.out.print(chunk.content()), null);
 * }
 * }</pre>
 */
public final class HuggingFaceLocalGenerator implements Component, PipelineNamed, Listenable, AutoCloseable {
    /** Haystack's default model, an encoder-decoder model ({@code text2text-generation}). */
    public static final String DEFAULT_MODEL = "google/flan-t5-base";

    /** The output: the generated texts. */
    public record Result(List<String> replies) {
    }

    private final LocalSettings settings;
    private final ModelHandle handle;
    private final LocalRun runner;
    private final PipelineNameSlot name = new PipelineNameSlot();
    private final ListenerSlot listeners;

    private HuggingFaceLocalGenerator(Builder b) {
        // the default model's task is known without asking the Hub (Haystack's to_dict shows it)
        this.settings = b.settings.taskOf(DEFAULT_MODEL, TaskDetection.TEXT2TEXT_GENERATION).build(Map.of());
        this.handle = settings.newHandle();
        this.runner = new LocalRun(handle, b.executor, "hf-local-generator");
        this.listeners = new ListenerSlot(b.listeners);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void warmUp() {
        handle.warmUp();
    }

    /** Generates replies to {@code prompt} with the build-time settings; an empty prompt has none (as in Haystack). */
    public Result run(String prompt) {
        return run(prompt, null, null);
    }

    /**
     * Generates replies to {@code prompt}. A non-null {@code streamingCallback} replaces the
     * build-time one; {@code generationKwargs} are merged over the build-time ones.
     */
    @Run
    public Result run(@Input("prompt") String prompt,
            @Input(value = "streaming_callback", optional = true) StreamingCallback streamingCallback,
            @Input(value = "generation_kwargs", optional = true) Map<String, Object> generationKwargs) {
        return generate(prompt, streamingCallback, generationKwargs, null);
    }

    /** Generates on the async executor; cancelling the future stops generation. */
    public CompletableFuture<Result> runAsync(String prompt, StreamingCallback streamingCallback,
            Map<String, Object> generationKwargs) {
        return runner.async(listeners.get().carry(null),
                cancelled -> generate(prompt, streamingCallback, generationKwargs, cancelled));
    }

    private Result generate(String prompt, StreamingCallback runtimeCallback, Map<String, Object> kwargs,
            java.util.function.BooleanSupplier cancelled) {
        if (prompt == null) {
            throw new IllegalArgumentException("prompt must not be null");
        }
        if (prompt.isEmpty()) {
            handle.get();   // as Haystack: not warmed up is an error, then an empty prompt has no replies
            return new Result(List.of());
        }
        StreamingCallback callback = StreamingCallback.select(settings.streamingCallback(), runtimeCallback);
        Map<String, Object> merged = GenerationKwargs.merge(settings.generationKwargs(), kwargs);
        GenerationObservation obs = listeners.get().start(this, LocalRun.PROVIDER, settings.model(), callback != null,
                List.of(ChatMessage.fromUser(prompt)), () -> merged);
        try {
            LocalRun.Outcome out = runner.run(merged, settings.stopWords(), obs.wrap(callback), info(), cancelled,
                    prompt, model -> model.encode(prompt, true).length,
                    (model, params, listener) -> model.generate(prompt, params, listener));
            GenerationResult r = out.result();
            out.finish(FinishReason.fromValue(r.sequences().get(0).finishReason().wireName()));
            List<String> replies = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            for (var seq : r.sequences()) {
                replies.add(out.text(prompt, seq.text()));
                reasons.add(seq.finishReason().wireName());
            }
            if (obs.isActive()) {
                List<ChatMessage> messages = new ArrayList<>();
                replies.forEach(t -> messages.add(ChatMessage.fromAssistant(t)));
                obs.succeeded(messages, TokenUsage.fromMeta(out.usage()), reasons, out.model());
            }
            return new Result(replies);
        } catch (RuntimeException e) {
            obs.failed(e);
            throw e;
        }
    }

    private ComponentInfo info() {
        return new ComponentInfo(getClass().getName(), name.get().orElse(null));
    }

    /** The attached listeners, in calling order. */
    @Override
    public List<GenerationListener> listeners() {
        return listeners.get().asList();
    }

    /** Adds listeners after the builder's (e.g. with {@link Listenable#attach}); run-time only. */
    @Override
    public void addListeners(List<? extends GenerationListener> more) {
        listeners.add(more);
    }

    @Override
    public void assignPipelineName(String pipelineName) {
        name.assign(pipelineName);
    }

    @Override
    public Optional<String> pipelineName() {
        return name.get();
    }

    /** Frees the model and stops the generator's own async executor. */
    @Override
    public void close() {
        runner.close();
        handle.close();
    }

    @Override
    public Map<String, Object> toDict() {
        Map<String, Object> init = new LinkedHashMap<>();
        settings.toDict(init, handle.task());
        init.put("stop_words", settings.stopWords() == null ? null : new ArrayList<>(settings.stopWords()));
        return Components.dict(this, init);
    }

    /** Rebuilds from {@link #toDict()} output (or Haystack's). */
    public static HuggingFaceLocalGenerator fromDict(Map<String, ?> data) {
        return ComponentRegistry.defaults().fromDict(data, HuggingFaceLocalGenerator.class);
    }

    static HuggingFaceLocalGenerator fromInitParameters(DictReader init, DeserializationContext ctx) {
        Builder b = new Builder();
        b.settings = LocalSettings.fromDict(init, ctx, DEFAULT_MODEL);
        return b.build();
    }

    /** Builds {@link HuggingFaceLocalGenerator}s with Haystack's defaults. */
    public static final class Builder {
        private LocalSettings.Builder settings = LocalSettings.builder().model(DEFAULT_MODEL);
        private ExecutorService executor;
        private List<GenerationListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** A model folder, or a Hub id ({@code org/name[@revision]}) downloaded into the Hugging Face cache at warm-up. */
        public Builder model(String model) {
            settings.model(model);
            return this;
        }

        /**
         * The pipeline task; default: {@code text2text-generation} for the default model
         * ({@code google/flan-t5-base}), else read from the model's {@code config.json} at warm-up.
         */
        public Builder task(String task) {
            settings.task(task);
            return this;
        }

        /** The device ({@code cpu}, {@code cuda:0}); default: the first GPU if one is visible, else the CPU. */
        public Builder device(ComponentDevice device) {
            settings.device(device);
            return this;
        }

        /** The Hugging Face token (default {@code HF_API_TOKEN} or {@code HF_TOKEN}, not strict). */
        public Builder token(Secret token) {
            settings.token(token);
            return this;
        }

        /**
         * The Hub client that downloads a Hub id {@code model} (its endpoint, cache, offline mode and
         * progress listener; the generator's {@code token} is tried before the client's). Not closed by
         * the generator. Default: one configured by the environment at {@code build()}.
         */
        public Builder hub(HuggingFaceHub hub) {
            settings.hub(hub == null ? null : hub.client());
            return this;
        }

        public Builder generationKwargs(Map<String, Object> generationKwargs) {
            settings.generationKwargs(generationKwargs);
            return this;
        }

        /** Haystack's {@code huggingface_pipeline_kwargs}: {@code model}, {@code task}, {@code device} override. */
        public Builder huggingfacePipelineKwargs(Map<String, Object> kwargs) {
            settings.pipelineKwargs(kwargs);
            return this;
        }

        /** Strings that end generation; they are cut from the reply (also while streaming). */
        public Builder stopWords(List<String> stopWords) {
            settings.stopWords(stopWords);
            return this;
        }

        public Builder streamingCallback(StreamingCallback callback) {
            settings.streamingCallback(callback);
            return this;
        }


        /** The executor for {@code runAsync}; default: the generator's own, shut down by {@code close()}. */
        public Builder asyncExecutor(ExecutorService executor) {
            this.executor = executor;
            return this;
        }

        /** Adds a listener of every request (run-time only: not in {@code toDict}). */
        public Builder listener(GenerationListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Replaces the listeners (run-time only: not in {@code toDict}). */
        public Builder listeners(List<? extends GenerationListener> listeners) {
            this.listeners = new ArrayList<>(listeners);
            return this;
        }

        public HuggingFaceLocalGenerator build() {
            return new HuggingFaceLocalGenerator(this);
        }
    }
}
