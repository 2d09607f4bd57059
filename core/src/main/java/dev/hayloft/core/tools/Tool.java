package dev.hayloft.core.tools;

import dev.hayloft.core.errors.SerializationException;
import dev.hayloft.core.errors.ToolInvocationException;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.serde.JsonValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A function a language model can ask to call: a name, a description, a JSON schema of its
 * parameters (checked when the tool is built) and the Java {@link ToolFunction} that runs it.
 *
 * <p>To be serialisable, the function is given a registered name; {@link #toDict()} writes
 * Haystack's {@code {"type": ..., "data": {"name", "description", "parameters",
 * "function": <name>, ...}}} and {@code fromDict} looks the function up by that name in the
 * component registry (never by reflection).
 *
 * <pre>{@code
 * Tool weather = Tool.builder()
 *         .name("get_weather")
 *         .description("Current weather for a city")
 *         .parameters(Map.of("type", "object",
 *                 "properties", Map.of("city", Map.of("type", "string")),
 *                 "required", List.of("city")))
 *         .function("myapp.weather", args -> "22°C in " + args.get("city"))
 *         .build();
 * Object result = weather.invoke(Map.of("city", "Paris"));
 * }</pre>
 */
public final class Tool implements ToolSource {
    /** The type name this class serialises under. */
    public static final String TYPE = Tool.class.getName();
    /** Haystack's type name for tools, accepted when reading. */
    public static final String HAYSTACK_TYPE = "haystack.tools.tool.Tool";

    private final String name;
    private final String description;
    private final Map<String, Object> parameters;
    private final ToolFunction function;
    private final String functionName;
    private final Map<String, Object> outputsToString;
    private final Map<String, Object> inputsFromState;
    private final Map<String, Object> outputsToState;

    private Tool(Builder b) {
        this.name = requireText(b.name, "name");
        this.description = Objects.requireNonNull(b.description, "description");
        Objects.requireNonNull(b.parameters, "parameters");
        JsonSchemaCheck.checkSchema(b.parameters, "parameters");
        this.parameters = JsonValues.immutableMap(b.parameters);
        this.function = Objects.requireNonNull(b.function, "function");
        this.functionName = b.functionName;
        this.outputsToString = b.outputsToString == null ? null : JsonValues.immutableMap(b.outputsToString);
        this.inputsFromState = b.inputsFromState == null ? null : JsonValues.immutableMap(b.inputsFromState);
        this.outputsToState = b.outputsToState == null ? null : JsonValues.immutableMap(b.outputsToState);
        if (outputsToString != null && outputsToString.containsKey("source")
                && !(outputsToString.get("source") instanceof String)) {
            throw new IllegalArgumentException("outputsToString: source must be a string");
        }
        if (outputsToState != null) {
            for (Map.Entry<String, Object> e : outputsToState.entrySet()) {
                if (!(e.getValue() instanceof Map)) {
                    throw new IllegalArgumentException("outputsToState: configuration for key '" + e.getKey()
                            + "' must be a mapping");
                }
                Object src = ((Map<?, ?>) e.getValue()).get("source");
                if (src != null && !(src instanceof String)) {
                    throw new IllegalArgumentException("outputsToState: source for key '" + e.getKey()
                            + "' must be a string");
                }
            }
        }
    }

    private static String requireText(String v, String field) {
        Objects.requireNonNull(v, field);
        if (v.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return v;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this tool's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.description = description;
        b.parameters = parameters;
        b.function = function;
        b.functionName = functionName;
        b.outputsToString = outputsToString;
        b.inputsFromState = inputsFromState;
        b.outputsToState = outputsToState;
        return b;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** The JSON schema of the parameters. */
    public Map<String, Object> parameters() {
        return parameters;
    }

    public ToolFunction function() {
        return function;
    }

    /** The registered name of the function, or null when the tool is not serialisable. */
    public String functionName() {
        return functionName;
    }

    public Map<String, Object> outputsToString() {
        return outputsToString;
    }

    public Map<String, Object> inputsFromState() {
        return inputsFromState;
    }

    public Map<String, Object> outputsToState() {
        return outputsToState;
    }

    /** {@code {"name", "description", "parameters"}}: what a model is told about the tool. */
    public Map<String, Object> toolSpec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("description", description);
        m.put("parameters", JsonValues.mutableMap(parameters));
        return m;
    }

    /** Runs the function; its failure becomes a {@link ToolInvocationException} naming the tool. */
    public Object invoke(Map<String, Object> arguments) {
        try {
            return function.invoke(arguments == null ? Map.of() : arguments);
        } catch (Exception e) {
            throw new ToolInvocationException(name, "failed to invoke with parameters " + arguments + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<Tool> tools() {
        return List.of(this);
    }

    /** Haystack's shape with the function's registered name. */
    @Override
    public Map<String, Object> toDict() {
        if (functionName == null) {
            throw new SerializationException("Tool '" + name + "' cannot be serialized: its function has no "
                    + "registered name; build it with .function(\"<name>\", fn) and register the name");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("description", description);
        data.put("parameters", JsonValues.mutableMap(parameters));
        data.put("function", functionName);
        data.put("outputs_to_string", outputsToString == null ? null : JsonValues.mutableMap(outputsToString));
        data.put("inputs_from_state", inputsFromState == null ? null : JsonValues.mutableMap(inputsFromState));
        data.put("outputs_to_state", outputsToState == null ? null : JsonValues.mutableMap(outputsToState));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", TYPE);
        m.put("data", data);
        return m;
    }

    /** Reads Haystack's shape; the function comes from the context's registry by name. */
    public static Tool fromDict(DictReader r, DeserializationContext ctx) {
        String type = r.requireString("type");
        if (!TYPE.equals(type) && !HAYSTACK_TYPE.equals(type)) {
            throw r.error("type", "Unknown tool type '" + type + "'; expected " + TYPE, null);
        }
        DictReader d = r.child("data");
        String fn = d.requireString("function");
        ToolFunction function = ctx.registry().toolFunction(fn).orElseThrow(() -> d.error("function",
                "No tool function registered under '" + fn + "'; register it with "
                        + "ComponentRegistry.builder().toolFunction(\"" + fn + "\", fn)", null));
        try {
            return builder().name(d.requireString("name")).description(d.requireString("description"))
                    .parameters(d.optionalMap("parameters")).function(fn, function)
                    .outputsToString(d.optionalMap("outputs_to_string"))
                    .inputsFromState(d.optionalMap("inputs_from_state"))
                    .outputsToState(d.optionalMap("outputs_to_state")).build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw d.error(null, "invalid tool: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Tool)) {
            return false;
        }
        Tool t = (Tool) o;
        return name.equals(t.name) && description.equals(t.description) && parameters.equals(t.parameters)
                && function.equals(t.function) && Objects.equals(functionName, t.functionName)
                && Objects.equals(outputsToString, t.outputsToString)
                && Objects.equals(inputsFromState, t.inputsFromState)
                && Objects.equals(outputsToState, t.outputsToState);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, description, parameters, functionName);
    }

    @Override
    public String toString() {
        return "Tool[name=" + name + ", function=" + functionName + "]";
    }

    /** Builds {@link Tool}s. */
    public static final class Builder {
        private String name;
        private String description;
        private Map<String, Object> parameters;
        private ToolFunction function;
        private String functionName;
        private Map<String, Object> outputsToString;
        private Map<String, Object> inputsFromState;
        private Map<String, Object> outputsToState;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** The JSON schema (Draft 2020-12) of the arguments. */
        public Builder parameters(Map<String, Object> parameters) {
            this.parameters = parameters;
            return this;
        }

        /** A function that cannot be serialised (no registered name). */
        public Builder function(ToolFunction function) {
            this.function = function;
            this.functionName = null;
            return this;
        }

        /** A function serialised under {@code registeredName}. */
        public Builder function(String registeredName, ToolFunction function) {
            this.functionName = requireText(registeredName, "function name");
            this.function = function;
            return this;
        }

        public Builder outputsToString(Map<String, Object> v) {
            this.outputsToString = v;
            return this;
        }

        public Builder inputsFromState(Map<String, Object> v) {
            this.inputsFromState = v;
            return this;
        }

        public Builder outputsToState(Map<String, Object> v) {
            this.outputsToState = v;
            return this;
        }

        public Tool build() {
            return new Tool(this);
        }
    }
}
