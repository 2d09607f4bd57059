package dev.hayloft.hf.local;

import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.serde.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts tool calls from a local model's reply text ({@code tool_parsing_function}).
 *
 * <p>{@link #defaultParser()} understands the JSON tool calls chat models emit: Qwen/Hermes
 * {@code <tool_call>{"name": ..., "arguments": {...}}</tool_call>} blocks (several allowed),
 * Llama 3's bare {@code {"name": ..., "parameters": {...}}} objects (also in a JSON list),
 * OpenAI-style {@code {"function": {"name": ..., "arguments": ...}}}, with arguments as an object
 * or a JSON string. The generator calls {@link #parse(String, Set)} with the names of the tools
 * it offered: the default parser keeps only calls of those tools, so a reply that merely
 * contains JSON with a {@code name} (an example, a tool that was not offered) stays text. It
 * serialises as {@value #DEFAULT_NAME}, the name Haystack gives its default parser, so a
 * Haystack YAML round-trips.
 *
 * <pre>{@code
 * ToolCallParser parser = ToolCallParser.defaultParser();
 * List<ToolCall> calls = parser.parse("<tool_call>{\"name\": \"weather\", \"arguments\": {\"city\": \"Paris\"}}</tool_call>",
 *         Set.of("weather"));
 * ToolCallParser mine = ToolCallParser.named("myapp.parser", text -> List.of());   // register "myapp.parser"
 * }</pre>
 */
@FunctionalInterface
public interface ToolCallParser {
    /** Haystack's name for its default parser. */
    String DEFAULT_NAME = "haystack.components.generators.chat.hugging_face_local.default_tool_parser";

    /** The tool calls in {@code text}; an empty list when there are none. */
    List<ToolCall> parse(String text);

    /**
     * The calls in {@code text} of the tools named {@code offeredTools}, as the generator asks
     * for them. By default {@link #parse(String)}: a custom parser sees every call it finds; the
     * default parser drops calls of tools that were not offered.
     */
    default List<ToolCall> parse(String text, Set<String> offeredTools) {
        return parse(text);
    }

    /** The built-in parser. */
    static ToolCallParser defaultParser() {
        return DefaultParser.INSTANCE;
    }

    /** Gives {@code parser} a registered name under which it serialises. */
    static ToolCallParser named(String name, ToolCallParser parser) {
        return new Named(name, parser);
    }

    /** The name a parser serialises under, or null. */
    static String nameOf(ToolCallParser parser) {
        if (parser == DefaultParser.INSTANCE) {
            return DEFAULT_NAME;
        }
        return parser instanceof Named ? ((Named) parser).name() : null;
    }

    /**
     * A parser with a serialisation name.
     *
     * @param name the registered name
     * @param delegate the parser
     */
    record Named(String name, ToolCallParser delegate) implements ToolCallParser {
        @Override
        public List<ToolCall> parse(String text) {
            return delegate.parse(text);
        }

        @Override
        public List<ToolCall> parse(String text, Set<String> offeredTools) {
            return delegate.parse(text, offeredTools);
        }
    }

    /** The default parser's implementation. */
    final class DefaultParser implements ToolCallParser {
        static final DefaultParser INSTANCE = new DefaultParser();
        private static final Pattern TAGGED = Pattern.compile("<tool_call>(.*?)</tool_call>", Pattern.DOTALL);

        private DefaultParser() {
        }

        @Override
        public List<ToolCall> parse(String text, Set<String> offeredTools) {
            List<ToolCall> calls = new ArrayList<>();
            for (ToolCall call : parse(text)) {
                if (offeredTools.contains(call.toolName())) {
                    calls.add(call);
                }
            }
            return calls;
        }

        @Override
        public List<ToolCall> parse(String text) {
            List<ToolCall> calls = new ArrayList<>();
            if (text == null) {
                return calls;
            }
            Matcher m = TAGGED.matcher(text);
            boolean tagged = false;
            while (m.find()) {
                tagged = true;
                addCalls(m.group(1).trim(), calls);
            }
            if (!tagged) {
                for (String json : jsonValues(text)) {
                    addCalls(json, calls);
                }
            }
            return calls;
        }

        private static void addCalls(String json, List<ToolCall> calls) {
            Object v;
            try {
                v = Json.parse(json);
            } catch (IllegalArgumentException e) {
                return;
            }
            if (v instanceof List) {
                for (Object o : (List<?>) v) {
                    add(o, calls);
                }
            } else {
                add(v, calls);
            }
        }

        @SuppressWarnings("unchecked")
        private static void add(Object o, List<ToolCall> calls) {
            if (!(o instanceof Map)) {
                return;
            }
            Map<String, Object> m = (Map<String, Object>) o;
            if (m.get("function") instanceof Map) {
                m = (Map<String, Object>) m.get("function");
            }
            Object name = m.get("name");
            Object args = m.containsKey("arguments") ? m.get("arguments") : m.get("parameters");
            if (!(name instanceof String) || args == null) {
                return;
            }
            if (args instanceof String) {
                try {
                    args = Json.parseObject((String) args);
                } catch (IllegalArgumentException e) {
                    return;
                }
            }
            if (args instanceof Map) {
                calls.add(new ToolCall((String) name, (Map<String, Object>) args, (String) null));
            }
        }

        /** The top-level JSON objects and arrays embedded in free text, by bracket matching. */
        private static List<String> jsonValues(String text) {
            List<String> out = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c != '{' && c != '[') {
                    i++;
                    continue;
                }
                int end = matching(text, i);
                if (end < 0) {
                    i++;
                    continue;
                }
                out.add(text.substring(i, end + 1));
                i = end + 1;
            }
            return out;
        }

        private static int matching(String s, int start) {
            int depth = 0;
            boolean inString = false;
            for (int i = start; i < s.length(); i++) {
                char c = s.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    if (--depth == 0) {
                        return i;
                    }
                }
            }
            return -1;
        }
    }
}
