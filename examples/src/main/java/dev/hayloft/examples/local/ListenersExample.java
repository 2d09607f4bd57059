package dev.hayloft.examples.local;

import dev.hayloft.core.builders.PromptBuilder;
import dev.hayloft.core.listener.ErrorEvent;
import dev.hayloft.core.listener.FirstTokenEvent;
import dev.hayloft.core.listener.GenerationListener;
import dev.hayloft.core.listener.Listenable;
import dev.hayloft.core.listener.RequestEvent;
import dev.hayloft.core.listener.ResponseEvent;
import dev.hayloft.core.listener.RetryEvent;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.hf.local.HuggingFaceLocalGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Observes generations with a {@link GenerationListener}: time to first token, duration,
 * token usage and failures of every request, printed to standard error. The listener is given
 * to every generator of a pipeline with {@link Listenable#attach}; a generator's builder takes
 * one with {@code .listener(..)} too.
 *
 * <p>The model folder is the first argument, else {@code HAYLOFT_MODEL}, else
 * {@code ../shared/models/stories260K}.
 *
 * <pre>
 * ./mvnw -q -pl examples -am package -DskipTests exec:java -Dexec.mainClass=dev.hayloft.examples.local.ListenersExample
 * </pre>
 */
public final class ListenersExample {
    private ListenersExample() {
    }

    /** Prints one line per request event; thread-safe (it keeps no state). */
    static final class PrintingListener implements GenerationListener {
        @Override
        public void onRequest(RequestEvent e) {
            System.err.printf("[%s] %s request %s to %s%n", e.context().componentName(), e.context().provider(),
                    e.context().requestId(), e.context().model());
        }

        @Override
        public void onFirstToken(FirstTokenEvent e) {
            System.err.printf("[%s] first token after %d ms%n", e.context().componentName(),
                    e.timeToFirstToken().toMillis());
        }

        @Override
        public void onRetry(RetryEvent e) {
            System.err.printf("[%s] attempt %d after %s%n", e.context().componentName(), e.attempt(),
                    e.previousError().getMessage());
        }

        @Override
        public void onResponse(ResponseEvent e) {
            System.err.printf("%n[%s] done in %d ms: %s input + %s output tokens, finish %s%n",
                    e.context().componentName(), e.duration().toMillis(), e.usage().inputTokens(),
                    e.usage().outputTokens(), e.finishReasons());
        }

        @Override
        public void onError(ErrorEvent e) {
            System.err.printf("[%s] failed on attempt %d (retryable: %s): %s%n", e.context().componentName(),
                    e.attempt(), e.retryable(), e.error());
        }
    }

    public static void main(String[] args) {
        Path model = args.length > 0 ? Path.of(args[0])
                : System.getenv("HAYLOFT_MODEL") != null ? Path.of(System.getenv("HAYLOFT_MODEL"))
                : Path.of("../shared/models/stories260K");
        if (!Files.isDirectory(model)) {
            System.err.println("No model folder at " + model + ": pass one as the first argument (a Hugging Face "
                    + "model folder, see LocalGenerationExample).");
            System.exit(2);
        }
        try (HuggingFaceLocalGenerator llm = HuggingFaceLocalGenerator.builder().model(model.toString())
                .generationKwargs(Map.of("max_new_tokens", 40, "do_sample", false))
                .streamingCallback(chunk -> System.out.print(chunk.content()))
                .build()) {
            Pipeline pipeline = new Pipeline();
            pipeline.addComponent("prompt", new PromptBuilder("{{ beginning }}"));
            pipeline.addComponent("storyteller", llm);
            pipeline.connect("prompt.prompt", "storyteller.prompt");
            Listenable.attach(pipeline, List.of(new PrintingListener()));

            pipeline.run(Map.of("prompt", Map.of("beginning", "Once upon a time")));
        }
    }
}
