package dev.hayloft.hf.api;

import dev.hayloft.core.auth.Secret;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Builders pointed at a loopback server, with a test token and recorded (not slept) back-off waits. */
final class Generators {
    static final String TOKEN = "hf_" + "TestTokenAbCdEfGhIjKlMnOpQrStUvWx";
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    HuggingFaceAPIChatGenerator.Builder chat(HfMock server) {
        return chat(server.url());
    }

    HuggingFaceAPIChatGenerator.Builder chat(String url) {
        return HuggingFaceAPIChatGenerator.builder().apiType(HFGenerationAPIType.TEXT_GENERATION_INFERENCE)
                .url(url).token(Secret.fromEnvVar(List.of("HF_TEST_TOKEN"), false))
                .environment(name -> name.equals("HF_TEST_TOKEN") ? TOKEN : null)
                .waiter((delay, scope) -> waits.add(delay));
    }

    HuggingFaceAPIChatGenerator.Builder router(HfMock server) {
        return chat(server).apiType(HFGenerationAPIType.SERVERLESS_INFERENCE_API).url(null)
                .model("HuggingFaceH4/zephyr-7b-beta").routerUrl(server.url());
    }

    HuggingFaceAPIGenerator.Builder text(HfMock server) {
        return HuggingFaceAPIGenerator.builder().apiType(HFGenerationAPIType.TEXT_GENERATION_INFERENCE)
                .url(server.url()).token(Secret.fromEnvVar(List.of("HF_TEST_TOKEN"), false))
                .environment(name -> name.equals("HF_TEST_TOKEN") ? TOKEN : null)
                .waiter((delay, scope) -> waits.add(delay));
    }
}
