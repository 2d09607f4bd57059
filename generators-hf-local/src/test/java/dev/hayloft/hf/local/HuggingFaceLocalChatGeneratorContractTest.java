package dev.hayloft.hf.local;

import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.generation.ChatGenerator;
import dev.hayloft.core.testing.ChatGeneratorContract;
import dev.hayloft.core.tools.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;

/** The chat-generator contract on the real stories260K model (its minimal chat template). */
class HuggingFaceLocalChatGeneratorContractTest extends ChatGeneratorContract {
    /** The tools offered to the last request, as the generator handed them to its tool parser. */
    private volatile List<String> offered = List.of();
    private final List<HuggingFaceLocalChatGenerator> created = new ArrayList<>();

    @AfterEach
    void closeGenerators() {
        created.forEach(HuggingFaceLocalChatGenerator::close);
    }

    private HuggingFaceLocalChatGenerator track(HuggingFaceLocalChatGenerator g) {
        created.add(g);
        return g;
    }

    @Override
    protected ChatGenerator create(StreamingCallback initCallback) {
        return track(HuggingFaceLocalChatGenerator.builder().model(StoriesModel.folder().toString())
                .generationKwargs(Map.of("max_new_tokens", 12, "do_sample", false)).streamingCallback(initCallback)
                .build());
    }

    @Override
    protected ChatGenerator createWithTools(List<Tool> tools) {
        ToolCallParser recording = new ToolCallParser() {
            @Override
            public List<ToolCall> parse(String text) {
                return List.of();
            }

            @Override
            public List<ToolCall> parse(String text, Set<String> offeredTools) {
                offered = new ArrayList<>(new TreeSet<>(offeredTools));
                return List.of();
            }
        };
        return track(HuggingFaceLocalChatGenerator.builder().model(StoriesModel.folder().toString())
                .generationKwargs(Map.of("max_new_tokens", 4, "do_sample", false)).tools(tools)
                .toolParsingFunction(recording).build());
    }

    @Override
    protected void expectReply(String text, boolean streaming) {
        // a local model replies what it generates; forget the tools of the previous request
        offered = List.of();
    }

    @Override
    protected List<String> lastRequestToolNames() {
        return offered;
    }
}
