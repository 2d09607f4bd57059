package dev.hayloft.serialization;

import dev.hayloft.core.component.Component;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.component.ComponentType;
import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.errors.SerializationException;
import dev.hayloft.core.pipeline.Pipeline;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.serialization.internal.HaystackNames;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Saves pipelines to YAML or JSON and loads them back, in Haystack's layout
 * ({@code components: {name: {type, init_parameters}}}, {@code connections: [{sender,
 * receiver}]}, {@code max_runs_per_component}, {@code metadata},
 * {@code connection_type_validation}).
 *
 * <p>Loading resolves component types only through the {@link ComponentRegistry} (Hayloft's
 * names and Haystack's aliases, plus what you register or allow-list); anything else — an
 * unknown type, a JDK class, a YAML tag, an alias bomb, a too deep or too large document, a
 * wrong value type, a token secret — fails with a {@link DeserializationException} naming the
 * path of the offending node, and nothing is instantiated. Thread-safe.
 *
 * <pre>{@code
 * PipelineSerializer yaml = PipelineSerializer.builder().build();
 * String text = yaml.dumps(pipeline);
 * Pipeline copy = yaml.loads(text);
 *
 * PipelineSerializer forPython = PipelineSerializer.builder().typeNames(TypeNames.HAYSTACK).build();
 * forPython.dump(pipeline, Path.of("pipeline.yaml"));
 * }</pre>
 */
public final class PipelineSerializer {
    private final Marshaller marshaller;
    private final ComponentRegistry registry;
    private final TypeNames typeNames;
    private final DeserializationCallbacks callbacks;
    private final Map<String, Component> reuse;
    private final int maxChars;

    private PipelineSerializer(Builder b) {
        this.marshaller = b.marshaller;
        this.registry = b.registry;
        this.typeNames = b.typeNames;
        this.callbacks = b.callbacks;
        this.reuse = Map.copyOf(b.reuse);
        this.maxChars = b.limits.maxChars();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The pipeline as text. */
    public String dumps(Pipeline pipeline) {
        Objects.requireNonNull(pipeline, "pipeline");
        Map<String, Object> dict = JsonValues.mutableMap(pipeline.toDict());
        if (typeNames == TypeNames.HAYSTACK) {
            HaystackNames.toHaystack(dict, registry);
        }
        return marshaller.marshal(dict);
    }

    /** Writes the pipeline to {@code out}. */
    public void dump(Pipeline pipeline, Writer out) {
        try {
            out.write(dumps(pipeline));
            out.flush();
        } catch (IOException e) {
            throw new SerializationException("Cannot write the pipeline: " + e.getMessage(), e);
        }
    }

    /** Writes the pipeline to a UTF-8 file. */
    public void dump(Pipeline pipeline, Path file) {
        try {
            Files.writeString(file, dumps(pipeline), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SerializationException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads a pipeline from text. */
    public Pipeline loads(String text) {
        Map<String, Object> dict = marshaller.unmarshal(text);
        try {
            return fromDict(dict);
        } catch (DeserializationException e) {
            throw e;
        } catch (RuntimeException e) {
            // loading is the boundary to untrusted input: every failure is reported as one type
            throw new DeserializationException("Cannot load the pipeline: " + e.getMessage(), null, e);
        }
    }

    /** Loads a pipeline from {@code in}, reading at most the configured number of characters. */
    public Pipeline load(Reader in) {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                sb.append(buf, 0, n);
                if (sb.length() > maxChars) {
                    throw new DeserializationException("document is larger than the limit of " + maxChars
                            + " characters");
                }
            }
        } catch (IOException e) {
            throw new DeserializationException("Cannot read the pipeline: " + e.getMessage(), null, e);
        }
        return loads(sb.toString());
    }

    /** Loads a pipeline from a UTF-8 file. */
    public Pipeline load(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(r);
        } catch (IOException e) {
            throw new DeserializationException("Cannot read " + file + ": " + e.getMessage(), null, e);
        }
    }

    /** Builds a pipeline from an already parsed dict (callbacks and reuse applied). */
    public Pipeline fromDict(Map<String, Object> dict) {
        Map<String, Object> data = JsonValues.mutableMap(dict);
        if (callbacks != null) {
            applyCallbacks(data);
        }
        return Pipeline.fromDict(data, registry, reuse);
    }

    @SuppressWarnings("unchecked")
    private void applyCallbacks(Map<String, Object> data) {
        DictReader comps = DictReader.of(data, "").child("components");
        for (String name : comps.map().keySet()) {
            if (reuse.containsKey(name)) {
                continue;
            }
            DictReader c = comps.child(name);
            String type = c.requireString("type");
            ComponentType ct = registry.lookup(type).orElseThrow(() -> new DeserializationException(
                    "Unknown component type '" + type + "': it is not in the component registry", c.pathOf("type"),
                    null));
            Object init = c.raw("init_parameters");
            Map<String, Object> params = init == null ? new LinkedHashMap<>()
                    : (Map<String, Object>) DictReader.ofValue(init, c.pathOf("init_parameters")).map();
            callbacks.componentPreInit(name, ct, params);
            c.map().put("init_parameters", params);
        }
    }

    /** Configures {@link PipelineSerializer}s. */
    public static final class Builder {
        private Marshaller marshaller = YamlMarshaller.create();
        private ComponentRegistry registry = ComponentRegistry.defaults();
        private TypeNames typeNames = TypeNames.HAYLOFT;
        private DeserializationCallbacks callbacks;
        private final Map<String, Component> reuse = new LinkedHashMap<>();
        private Limits limits = Limits.DEFAULT;

        private Builder() {
        }

        /** YAML (default) or JSON. */
        public Builder marshaller(Marshaller marshaller) {
            this.marshaller = Objects.requireNonNull(marshaller, "marshaller");
            return this;
        }

        /** The registry that resolves types, callbacks and tool functions (default: discovered). */
        public Builder registry(ComponentRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Type names to write (default {@link TypeNames#HAYLOFT}). */
        public Builder typeNames(TypeNames typeNames) {
            this.typeNames = Objects.requireNonNull(typeNames, "typeNames");
            return this;
        }

        /** Hooks run while loading. */
        public Builder callbacks(DeserializationCallbacks callbacks) {
            this.callbacks = callbacks;
            return this;
        }

        /** Uses {@code instance} for the component called {@code name} instead of building one. */
        public Builder component(String name, Component instance) {
            reuse.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(instance, "instance"));
            return this;
        }

        /** Size limit for {@link #load(Reader)} (the marshaller has its own limits). */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        public PipelineSerializer build() {
            return new PipelineSerializer(this);
        }
    }
}
