package dev.hayloft.hf.local;

import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.generation.ChatGenerator;
import dev.hayloft.core.testing.ChatGeneratorContract;
import java.util.Map;

/** The chat-generator contract on the real stories260K model (its minimal chat template). */
class HuggingFaceLocalChatGeneratorContractTest extends ChatGeneratorContract {
    @Override
    protected ChatGenerator create(StreamingCallback initCallback) {
        return HuggingFaceLocalChatGenerator.builder().model(StoriesModel.folder().toString())
                .generationKwargs(Map.of("max_new_tokens", 12, "do_sample", false)).streamingCallback(initCallback)
                .build();
    }

    @Override
    protected void expectReply(String text, boolean streaming) {
        // a local model replies what it generates
    }
}
