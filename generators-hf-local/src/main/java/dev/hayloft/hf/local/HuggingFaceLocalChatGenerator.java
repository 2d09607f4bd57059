package dev.hayloft.hf.local;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.Components;
import dev.hayloft.core.component.Input;
import dev.hayloft.core.component.PipelineNameSlot;
import dev.hayloft.core.component.PipelineNamed;
import dev.hayloft.core.component.Run;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ComponentInfo;
import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.device.ComponentDevice;
import dev.hayloft.core.errors.SerializationException;
import dev.hayloft.core.generation.ChatGenerator;
import dev.hayloft.core.generation.ChatGeneratorResult;
import dev.hayloft.core.generation.GenerationKwargs;
import dev.hayloft.core.generation.TokenCounter;
import dev.hayloft.core.generation.TokenCounting;
import dev.hayloft.core.listener.GenerationListener;
import dev.hayloft.core.listener.Listenable;
import dev.hayloft.core.listener.ListenerSlot;
import dev.hayloft.core.listener.GenerationObservation;
import dev.hayloft.core.listener.TokenUsage;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.tools.Tool;
import dev.hayloft.core.tools.ToolSource;
import dev.hayloft.core.tools.Tools;
import dev.hayloft.hf.local.internal.component.ChatPrompts;
import dev.hayloft.hf.local.internal.component.ChatReplies;
import dev.hayloft.hf.local.internal.component.LocalRun;
import dev.hayloft.hf.local.internal.component.LocalSettings;
import dev.hayloft.hf.local.internal.component.LocalTokenCounter;
import dev.hayloft.hf.local.internal.component.ModelHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

/**
 * Chats with a Hugging Face model running in-process on DJL's PyTorch engine, Haystack's
 * {@code HuggingFaceLocalChatGenerator}: sockets {@code messages}, {@code generation_kwargs},
 * {@code streaming_callback}, {@code tools} → {@code replies}.
 *
 * <p>The conversation is rendered with the model's Jinja {@code chat_template} (from
 * {@code tokenizer_config.json}, or the {@code chatTemplate} override) exactly as
 * transformers' {@code apply_chat_template} renders it, with {@code add_generation_prompt}
 * and the tools' specs, plus any template variables: {@link Builder#enableThinking} and, per
 * request, {@code generation_kwargs.chat_template_kwargs} (e.g. {@code {"enable_thinking": false}}
 * for Qwen3). A thinking model's reasoning stays in the reply text ({@code <think>...</think>}),
 * as in Haystack. Tool calls in the reply are extracted by the
 * {@link ToolCallParser}. Replies carry meta {@code model}, {@code index},
 * {@code finish_reason} and {@code usage}. {@link Builder#listener} attaches
 * {@link GenerationListener}s (request, first token and chunks when streaming, response, error). Loading, devices and {@code generation_kwargs} as
 * for {@link HuggingFaceLocalGenerator}. Thread-safe; {@code AutoCloseable}.
 *
 * <pre>{@code
 * try (HuggingFaceLocalChatGenerator chat = HuggingFaceLocalChatGenerator.builder()
 *         .model("/models/Qwen2.5-0.5B-Instruct")
 *         .generationKwargs(Map.of("max_new_tokens", 128))
 *         .build()) {
 *     chat.warmUp();
 *     ChatMessage reply = chat.run(List.of(ChatMessage.fromUser("Name three grasses."))).replies().get(0);
 *     System.out.println(reply.text() + " " + reply.meta().get("usage"));
 * }
 * }</pre>
 */
public final class HuggingFaceLocalChatGenerator implements ChatGenerator, TokenCounting, PipelineNamed, Listenable,
        AutoCloseable {
    /** Haystack's default model. */
    public static final String DEFAULT_MODEL = "HuggingFaceH4/zephyr-7b-beta";

    private final LocalSettings settings;
    private final ModelHandle handle;
    private final LocalRun runner;
    private final String chatTemplate;
    private final Boolean enableThinking;
    private final ChatPrompts prompts;
    private final List<ToolSource> tools;
    private final ToolCallParser toolParser;
    private final PipelineNameSlot name = new PipelineNameSlot();
    private final ListenerSlot listeners;

    private HuggingFaceLocalChatGenerator(Builder b) {
        this.tools = b.tools == null ? null : List.copyOf(b.tools);
        if (!Tools.flatten(this.tools).isEmpty() && b.settings.hasStreamingCallback()) {
            throw new IllegalArgumentException("Using tools and streaming at the same time is not supported. Please "
                    + "choose one.");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("stop_sequences", List.of());
        this.settings = b.settings.moveStopWordsToStopSequences().build(extra);
        this.handle = settings.newHandle();
        this.runner = new LocalRun(handle, b.executor, "hf-local-chat");
        this.chatTemplate = b.chatTemplate;
        this.enableThinking = b.enableThinking;
        this.prompts = new ChatPrompts(chatTemplate,
                enableThinking == null ? Map.of() : Map.of("enable_thinking", enableThinking));
        this.toolParser = b.toolParser == null ? ToolCallParser.defaultParser() : b.toolParser;
        this.listeners = new ListenerSlot(b.listeners);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The model folder or Hub id ({@code huggingface_pipeline_kwargs.model}). */
    @Override
    public String model() {
        return settings.model();
    }

    @Override
    public void warmUp() {
        handle.warmUp();
    }

    /**
     * Generates replies; a run-time callback or non-empty tool list replaces the build-time one
     * ({@code tools or self.tools}), kwargs are merged over the build-time ones. No messages, no
     * replies. {@code generation_kwargs.continue_final_message=true} continues the last
     * (assistant) message instead of starting a new turn; {@code generation_kwargs.chat_template_kwargs}
     * adds template variables (over {@code enable_thinking}).
     */
    @Run
    @Override
    public ChatGeneratorResult run(@Input("messages") List<ChatMessage> messages,
            @Input(value = "generation_kwargs", optional = true) Map<String, Object> generationKwargs,
            @Input(value = "tools", optional = true) List<? extends ToolSource> tools,
            @Input(value = "streaming_callback", optional = true) StreamingCallback streamingCallback) {
        return generate(messages, generationKwargs, tools, streamingCallback, null);
    }

    /** Generates on the async executor; cancelling the future stops generation at the next step. */
    @Override
    public CompletableFuture<ChatGeneratorResult> runAsync(List<ChatMessage> messages,
            Map<String, Object> generationKwargs, List<? extends ToolSource> tools,
            StreamingCallback streamingCallback) {
        Objects.requireNonNull(messages, "messages");
        if (messages.isEmpty()) {
            return CompletableFuture.completedFuture(new ChatGeneratorResult(List.of()));
        }
        return runner.async(listeners.get().carry(null),
                cancelled -> generate(messages, generationKwargs, tools, streamingCallback, cancelled));
    }

    private ChatGeneratorResult generate(List<ChatMessage> messages, Map<String, Object> kwargs,
            List<? extends ToolSource> runtimeTools, StreamingCallback runtimeCallback, BooleanSupplier cancelled) {
        Objects.requireNonNull(messages, "messages");
        if (messages.isEmpty()) {
            return new ChatGeneratorResult(List.of()); // as the OpenAI generator: nothing to answer
        }
        // Haystack's `tools or self.tools`: an empty run-time list does not remove the build-time tools
        List<Tool> flatTools = Tools.flatten(runtimeTools != null && !runtimeTools.isEmpty() ? runtimeTools : tools);
        StreamingCallback callback = StreamingCallback.select(settings.streamingCallback(), runtimeCallback);
        if (!flatTools.isEmpty() && callback != null) {
            throw new IllegalArgumentException("Using tools and streaming at the same time is not supported. Please "
                    + "choose one.");
        }
        Map<String, Object> merged = GenerationKwargs.merge(settings.generationKwargs(), kwargs);
        GenerationObservation obs = listeners.get().start(this, LocalRun.PROVIDER, settings.model(), callback != null,
                messages, () -> merged);
        try {
            List<ChatMessage> replies = complete(messages, merged, flatTools, obs.wrap(callback), cancelled);
            if (obs.isActive()) {
                // per-sequence usage in meta; the request's is the shared prompt plus every sequence's tokens
                int completion = 0;
                for (ChatMessage r : replies) {
                    completion += TokenUsage.fromMeta(r.meta().get("usage")).outputTokens();
                }
                obs.succeeded(replies, new TokenUsage(TokenUsage.fromMeta(replies.get(0).meta().get("usage"))
                        .inputTokens(), completion));
            }
            return new ChatGeneratorResult(replies);
        } catch (RuntimeException e) {
            obs.failed(e);
            throw e;
        }
    }

    private List<ChatMessage> complete(List<ChatMessage> messages, Map<String, Object> merged, List<Tool> flatTools,
            StreamingCallback callback, BooleanSupplier cancelled) {
        handle.warmUp();
        String prompt = prompts.render(handle.get(), messages, flatTools, merged);
        int[] ids = handle.get().encode(prompt, false);
        LocalRun.Outcome out = runner.run(merged, null, callback, info(), cancelled, prompt, model -> ids.length,
                (model, params, listener) -> model.generate(ids, params, listener));
        return ChatReplies.build(out, prompt, flatTools, toolParser, settings.model());
    }

    private ComponentInfo info() {
        return new ComponentInfo(getClass().getName(), name.get().orElse(null));
    }

    /**
     * A counter using this model's tokenizer; chat prompts are counted as {@code run} sends them
     * (the chat template with the generation prompt, the build-time tools, {@code enable_thinking} and
     * {@code generation_kwargs}' template settings). Loads the model on first use.
     */
    @Override
    public TokenCounter tokenCounter() {
        return new LocalTokenCounter(handle, prompts, Tools.flatten(tools), settings.generationKwargs());
    }

    /** The model's context window in tokens (prompt plus generated). Loads the model. */
    @Override
    public int contextLength() {
        handle.warmUp();
        return handle.get().info().contextLength();
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

    /** Frees the model and stops the generator's own async executor (Haystack's {@code shutdown}). */
    @Override
    public void close() {
        runner.close();
        handle.close();
    }

    @Override
    public Map<String, Object> toDict() {
        Map<String, Object> init = new LinkedHashMap<>();
        settings.toDict(init, handle.task());
        init.put("chat_template", chatTemplate);
        init.put("tools", Tools.serialize(tools));
        if (enableThinking != null) {
            init.put("enable_thinking", enableThinking); // Haystack 2.22+; left out when unset, as 2.19 has no such key
        }
        String parser = ToolCallParser.nameOf(toolParser);
        if (parser == null) {
            throw new SerializationException("tool_parsing_function has no registered name: wrap it with "
                    + "ToolCallParser.named(\"<name>\", parser) and register the name to serialise the generator");
        }
        init.put("tool_parsing_function", parser);
        return Components.dict(this, init);
    }

    /** Rebuilds from {@link #toDict()} output (or Haystack's). */
    public static HuggingFaceLocalChatGenerator fromDict(Map<String, ?> data) {
        return ComponentRegistry.defaults().fromDict(data, HuggingFaceLocalChatGenerator.class);
    }

    static HuggingFaceLocalChatGenerator fromInitParameters(DictReader init, DeserializationContext ctx) {
        Builder b = new Builder();
        b.settings = LocalSettings.fromDict(init, ctx, DEFAULT_MODEL);
        b.chatTemplate = init.string("chat_template", null);
        b.enableThinking = init.optionalBool("enable_thinking");
        b.tools = ctx.tools(init, "tools");
        String parser = init.string("tool_parsing_function", null);
        if (parser != null && !parser.equals(ToolCallParser.DEFAULT_NAME)) {
            ToolCallParser p = ctx.registry().function(parser, ToolCallParser.class).orElseThrow(() -> init.error(
                    "tool_parsing_function", "No tool parsing function registered under '" + parser + "'", null));
            b.toolParser = ToolCallParser.named(parser, p);
        }
        return b.build();
    }

    /** Builds {@link HuggingFaceLocalChatGenerator}s with Haystack's defaults. */
    public static final class Builder {
        private LocalSettings.Builder settings = LocalSettings.builder().model(DEFAULT_MODEL);
        private String chatTemplate;
        private Boolean enableThinking;
        private List<ToolSource> tools;
        private ToolCallParser toolParser;
        private ExecutorService executor;
        private List<GenerationListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** A model folder, or a Hub id ({@code org/name[@revision]}) downloaded into the Hugging Face cache at warm-up. */
        public Builder model(String model) {
            settings.model(model);
            return this;
        }

        /** The pipeline task; default: read from the model's {@code config.json} at warm-up. */
        public Builder task(String task) {
            settings.task(task);
            return this;
        }

        /** The device ({@code cpu}, {@code cuda:0}); default: the first GPU if one is visible, else the CPU. */
        public Builder device(ComponentDevice device) {
            settings.device(device);
            return this;
        }

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

        /** A Jinja chat template replacing the tokenizer's. */
        public Builder chatTemplate(String chatTemplate) {
            this.chatTemplate = chatTemplate;
            return this;
        }

        /**
         * Passes {@code enable_thinking} to the chat template (Haystack 2.22's init parameter; read
         * by Qwen3's template: {@code false} ends the prompt with an empty {@code <think>} block so
         * the model answers directly, {@code true} lets it reason first). Default {@code null}: not
         * passed, the template decides (Qwen3 thinks), as Haystack 2.19.
         */
        public Builder enableThinking(Boolean enableThinking) {
            this.enableThinking = enableThinking;
            return this;
        }

        public Builder generationKwargs(Map<String, Object> generationKwargs) {
            settings.generationKwargs(generationKwargs);
            return this;
        }

        public Builder huggingfacePipelineKwargs(Map<String, Object> kwargs) {
            settings.pipelineKwargs(kwargs);
            return this;
        }

        /** Stop words; kept in {@code generation_kwargs.stop_sequences} as Haystack does. */
        public Builder stopWords(List<String> stopWords) {
            settings.stopWords(stopWords);
            return this;
        }

        public Builder streamingCallback(StreamingCallback callback) {
            settings.streamingCallback(callback);
            return this;
        }

        public Builder tools(List<? extends ToolSource> tools) {
            this.tools = tools == null ? null : new ArrayList<>(tools);
            return this;
        }

        /** Extracts tool calls from replies (default {@link ToolCallParser#defaultParser()}). */
        public Builder toolParsingFunction(ToolCallParser parser) {
            this.toolParser = parser;
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

        public HuggingFaceLocalChatGenerator build() {
            return new HuggingFaceLocalChatGenerator(this);
        }
    }
}
