package dev.hayloft.examples.core;

import dev.hayloft.core.builders.AnswerBuilder;
import dev.hayloft.core.builders.PromptBuilder;
import dev.hayloft.core.component.Component;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.ComponentSockets;
import dev.hayloft.core.component.ComponentType;
import dev.hayloft.core.component.Components;
import dev.hayloft.core.component.Input;
import dev.hayloft.core.component.Run;
import dev.hayloft.core.dataclasses.Document;
import dev.hayloft.core.dataclasses.GeneratedAnswer;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.serde.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a component, wires it between a PromptBuilder and an AnswerBuilder, runs the
 * pipeline, and round-trips it through its dict form. No API key needed.
 *
 * <pre>
 * ./mvnw -q -pl examples -am package -DskipTests exec:java \
 *     -Dexec.mainClass=dev.hayloft.examples.core.CustomComponentExample
 * </pre>
 */
public final class CustomComponentExample {
    private CustomComponentExample() {
    }

    /** A stand-in "generator" that answers by shouting the prompt's last line. */
    public static final class Shouter implements Component {
        /** Output sockets: {@code replies} and {@code meta}. */
        public record Result(List<String> replies, List<Map<String, Object>> meta) {
        }

        private final String suffix;

        public Shouter(String suffix) {
            this.suffix = suffix;
        }

        @Run
        public Result run(@Input("prompt") String prompt) {
            String[] lines = prompt.split("\n");
            String answer = lines[lines.length - 1].toUpperCase() + suffix;
            return new Result(List.of(answer), List.of(Map.of("prompt_chars", prompt.length())));
        }

        @Override
        public Map<String, Object> toDict() {
            Map<String, Object> init = new LinkedHashMap<>();
            init.put("suffix", suffix);
            return Components.dict(this, init);
        }

        static Shouter fromInitParameters(DictReader init, DeserializationContext ctx) {
            return new Shouter(init.string("suffix", "!"));
        }
    }

    public static void main(String[] args) {
        Pipeline pipeline = new Pipeline();
        pipeline.addComponent("prompt", PromptBuilder.builder(
                "Context:{% for d in documents %}\n- {{ d.content }}{% endfor %}\nQuestion: {{ question }}")
                .requiredVariables(List.of("question")).build());
        pipeline.addComponent("llm", new Shouter("!"));
        pipeline.addComponent("answers", new AnswerBuilder());
        pipeline.connect("prompt.prompt", "llm.prompt");
        pipeline.connect("llm.replies", "answers.replies");
        pipeline.connect("llm.meta", "answers.meta");

        System.out.println("Sockets of the Shouter: " + ComponentSockets.of(new Shouter("!")).inputs());

        List<Document> docs = List.of(Document.of("Paris is the capital of France."));
        Map<String, Map<String, Object>> out = pipeline.run(Map.of(
                "prompt", Map.of("question", "what is the capital of France?", "documents", docs),
                "answers", Map.of("query", "What is the capital of France?", "documents", docs)));
        @SuppressWarnings("unchecked")
        List<GeneratedAnswer> answers = (List<GeneratedAnswer>) out.get("answers").get("answers");
        System.out.println("Answer: " + answers.get(0).data());

        // Serialise, then rebuild through a registry that knows the custom component.
        Map<String, Object> dict = pipeline.toDict();
        System.out.println(Json.writePretty(dict));
        ComponentRegistry registry = ComponentRegistry.defaults().toBuilder()
                .register(ComponentType.of(Shouter.class, Shouter::fromInitParameters))
                .build();
        Pipeline copy = Pipeline.fromDict(dict, registry, Map.of());
        System.out.println("Round trip equal: " + copy.toDict().equals(dict));
    }
}
