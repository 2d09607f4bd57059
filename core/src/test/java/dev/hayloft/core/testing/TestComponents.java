package dev.hayloft.core.testing;

import dev.hayloft.core.component.Component;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.ComponentType;
import dev.hayloft.core.component.Components;
import dev.hayloft.core.component.Input;
import dev.hayloft.core.component.Run;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.serde.JsonValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Small components for pipeline tests, and a registry that knows them.
 *
 * <pre>{@code
 * Pipeline p = new Pipeline();
 * p.addComponent("llm", new TestComponents.Parrot("Echo: "));
 * }</pre>
 */
public final class TestComponents {
    private TestComponents() {
    }

    /** The default registry plus these components. */
    public static ComponentRegistry registry() {
        return ComponentRegistry.defaults().toBuilder()
                .register(ComponentType.of(Parrot.class, (i, c) -> new Parrot(i.string("prefix", ""))))
                .register(ComponentType.of(AddValue.class, (i, c) -> new AddValue(i.optionalInt("add"))))
                .register(ComponentType.of(Joiner.class, (i, c) -> new Joiner()))
                .register(ComponentType.of(Threshold.class, (i, c) -> new Threshold(i.optionalInt("threshold"))))
                .build();
    }

    /** A text "generator": replies with the prompt behind a prefix; meta holds the prompt length. */
    public static final class Parrot implements Component {
        public record Result(List<String> replies, List<Map<String, Object>> meta) {
        }

        private final String prefix;

        public Parrot(String prefix) {
            this.prefix = prefix;
        }

        @Run
        public Result run(@Input("prompt") String prompt) {
            return new Result(List.of(prefix + prompt), List.of(Map.of("prompt_length", prompt.length())));
        }

        @Override
        public Map<String, Object> toDict() {
            return Components.dict(this, JsonValues.map("prefix", prefix));
        }
    }

    /** value + add. */
    public static final class AddValue implements Component {
        public record Result(Integer result) {
        }

        private final int add;
        public final List<String> calls = new CopyOnWriteArrayList<>();

        public AddValue(Integer add) {
            this.add = add == null ? 1 : add;
        }

        @Run
        public Result run(@Input("value") Integer value, @Input(value = "add", optional = true) Integer extra) {
            calls.add(Thread.currentThread().getName());
            return new Result(value + (extra == null ? add : extra));
        }

        @Override
        public Map<String, Object> toDict() {
            return Components.dict(this, JsonValues.map("add", add));
        }
    }

    /** Forwards the first value any sender delivers (greedy variadic), like Haystack's BranchJoiner. */
    public static final class Joiner implements Component {
        public record Result(Integer value) {
        }

        @Run
        public Result run(@Input(value = "value", variadic = true, greedy = true) List<Integer> values) {
            return new Result(values.get(0));
        }

        @Override
        public Map<String, Object> toDict() {
            return Components.dict(this, Map.of());
        }
    }

    /** Routes a value to {@code above} or {@code below}; the other output is not produced. */
    public static final class Threshold implements Component {
        public record Result(Integer above, Integer below) {
        }

        private final int threshold;

        public Threshold(Integer threshold) {
            this.threshold = threshold == null ? 10 : threshold;
        }

        @Run
        public Result run(@Input("value") Integer value) {
            return value >= threshold ? new Result(value, null) : new Result(null, value);
        }

        @Override
        public Map<String, Object> toDict() {
            return Components.dict(this, JsonValues.map("threshold", threshold));
        }
    }

    /** Sums every delivered value (lazy variadic). */
    public static final class Sum implements Component {
        public record Result(Integer total) {
        }

        @Run
        public Result run(@Input(value = "values", variadic = true) List<Integer> values) {
            int t = 0;
            for (Integer v : values) {
                t += v;
            }
            return new Result(t);
        }

        @Override
        public Map<String, Object> toDict() {
            return Components.dict(this, Map.of());
        }
    }

    /** Emits a fixed chat message. */
    public static final class MessageSource implements Component {
        public record Result(ChatMessage message, List<ChatMessage> messages) {
        }

        private final ChatMessage message;

        public MessageSource(ChatMessage message) {
            this.message = message;
        }

        @Run
        public Result run() {
            return new Result(message, List.of(message));
        }

        @Override
        public Map<String, Object> toDict() {
            return Components.dict(this, Map.of());
        }
    }

    /** Records what it receives. */
    public static final class Sink implements Component {
        public record Result(String seen) {
        }

        public final List<Object> received = new ArrayList<>();

        @Run
        public Result run(@Input(value = "text", optional = true) String text,
                @Input(value = "texts", optional = true) List<String> texts,
                @Input(value = "messages", optional = true) List<ChatMessage> messages) {
            received.add(text != null ? text : texts != null ? texts : messages);
            return new Result(String.valueOf(received.get(received.size() - 1)));
        }

        @Override
        public Map<String, Object> toDict() {
            return Components.dict(this, Map.of());
        }
    }

    /** Sleeps, then returns its input; for concurrency tests. */
    public static final class Slow implements Component {
        public record Result(String out) {
        }

        private final long millis;

        public Slow(long millis) {
            this.millis = millis;
        }

        @Run
        public Result run(@Input("in") String in) throws InterruptedException {
            Thread.sleep(millis);
            return new Result(in);
        }

        @Override
        public Map<String, Object> toDict() {
            return Components.dict(this, JsonValues.map("millis", millis));
        }
    }
}
