package dev.hayloft.core.component;

import dev.hayloft.core.dataclasses.StreamingCallback;
import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.core.tools.ToolFunction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The known component types, streaming callbacks and tool functions, by name. {@code fromDict}
 * resolves types only through a registry: a type that is not registered is refused with a
 * {@link DeserializationException} and nothing is instantiated (no {@code Class.forName}).
 *
 * <p>{@link #defaults()} holds what the modules on the class path contribute through
 * {@link ComponentProvider} (ServiceLoader). Registries are immutable; add your own types and
 * functions with a builder.
 *
 * <pre>{@code
 * ComponentRegistry registry = ComponentRegistry.builder()
 *         .discover()
 *         .register(ComponentType.of(MyComponent.class, MyComponent::fromInitParameters))
 *         .toolFunction("myapp.weather", args -> "sunny")
 *         .build();
 * Component c = registry.fromDict(dict);
 * }</pre>
 */
public final class ComponentRegistry {
    private final Map<String, ComponentType> byName;
    private final Map<Class<?>, ComponentType> byClass;
    private final Map<String, StreamingCallback> callbacks;
    private final Map<String, ToolFunction> toolFunctions;
    private final Map<String, Object> functions;
    private final java.util.List<String> allowedPackages;
    private final java.util.concurrent.ConcurrentMap<String, ComponentType> allowListed =
            new java.util.concurrent.ConcurrentHashMap<>();

    private ComponentRegistry(Builder b) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(b.byName));
        this.byClass = Collections.unmodifiableMap(new LinkedHashMap<>(b.byClass));
        this.callbacks = Collections.unmodifiableMap(new LinkedHashMap<>(b.callbacks));
        this.toolFunctions = Collections.unmodifiableMap(new LinkedHashMap<>(b.toolFunctions));
        this.functions = Collections.unmodifiableMap(new LinkedHashMap<>(b.functions));
        this.allowedPackages = java.util.List.copyOf(b.allowedPackages);
    }

    /** The registry of everything the class path's {@link ComponentProvider}s contribute (computed once). */
    public static ComponentRegistry defaults() {
        return Defaults.INSTANCE;
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this registry's content. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.byName.putAll(byName);
        b.byClass.putAll(byClass);
        b.callbacks.putAll(callbacks);
        b.toolFunctions.putAll(toolFunctions);
        b.functions.putAll(functions);
        b.allowedPackages.addAll(allowedPackages);
        return b;
    }

    /**
     * The type registered under {@code name} (canonical or alias), or a component class in an
     * allow-listed package (see {@link Builder#allowPackage}).
     */
    public Optional<ComponentType> lookup(String name) {
        ComponentType t = byName.get(name);
        if (t != null) {
            return Optional.of(t);
        }
        if (name == null || !isAllowListed(name)) {
            return Optional.empty();
        }
        return Optional.ofNullable(allowListed.computeIfAbsent(name, AllowListedTypes::load));
    }

    private boolean isAllowListed(String name) {
        if (!AllowListedTypes.isClassName(name)) {
            return false;
        }
        for (String p : allowedPackages) {
            if (name.startsWith(p + ".")) {
                return true;
            }
        }
        return false;
    }

    /** The packages whose component classes resolve without registration. */
    public java.util.List<String> allowedPackages() {
        return allowedPackages;
    }

    /** The registered type of {@code componentClass}. */
    public Optional<ComponentType> typeOf(Class<?> componentClass) {
        return Optional.ofNullable(byClass.get(componentClass));
    }

    /** All registered type names and aliases, sorted. */
    public java.util.SortedSet<String> typeNames() {
        return new TreeSet<>(byName.keySet());
    }

    /** A streaming callback by registered name. */
    public Optional<StreamingCallback> streamingCallback(String name) {
        return Optional.ofNullable(callbacks.get(name));
    }

    /** A tool function by registered name. */
    public Optional<ToolFunction> toolFunction(String name) {
        return Optional.ofNullable(toolFunctions.get(name));
    }

    /**
     * Builds a component of an expected class, e.g. from a component's own {@code fromDict};
     * a dict of another type is refused.
     */
    public <T extends Component> T fromDict(Map<String, ?> data, Class<T> expected) {
        DictReader r = DictReader.of(data, "");
        String type = r.requireString("type");
        ComponentType ct = byName.get(type);
        if (ct != null && !expected.isAssignableFrom(ct.componentClass())) {
            throw new DeserializationException("Expected a " + expected.getSimpleName() + " but the dict describes '"
                    + type + "'", r.pathOf("type"), null);
        }
        return expected.cast(fromDict(r));
    }

    /** A named function of the given type (see {@link ComponentProvider#namedFunctions()}). */
    public <T> Optional<T> function(String name, Class<T> type) {
        Object f = functions.get(name);
        return type.isInstance(f) ? Optional.of(type.cast(f)) : Optional.empty();
    }

    /** Builds a component from {@code {"type": ..., "init_parameters": {...}}}. */
    public Component fromDict(Map<String, ?> data) {
        return fromDict(DictReader.of(data, ""));
    }

    /**
     * Builds a component from a dict at a path. Unknown types, and failures of the component's
     * factory, become {@link DeserializationException}s naming the path.
     */
    public Component fromDict(DictReader r) {
        String type = r.requireString("type");
        ComponentType ct = lookup(type).orElse(null);
        if (ct == null) {
            throw new DeserializationException("Unknown component type '" + type + "': it is not in the component "
                    + "registry. Register it (ComponentRegistry.builder().register(...)), allow-list its package, or "
                    + "check the name; known types: " + typeNames(), r.pathOf("type"), null);
        }
        Object init = r.raw("init_parameters");
        DictReader initReader = init == null ? DictReader.of(Map.of(), r.pathOf("init_parameters"))
                : DictReader.ofValue(init, r.pathOf("init_parameters"));
        try {
            Component c = ct.factory().create(initReader, DeserializationContext.of(this));
            if (!ct.componentClass().isInstance(c)) {
                throw new DeserializationException("Factory of '" + type + "' returned "
                        + (c == null ? "null" : c.getClass().getName()), r.path(), null);
            }
            return c;
        } catch (DeserializationException e) {
            throw e;
        } catch (RuntimeException e) {
            // the factory is the boundary between untrusted input and component code: every
            // failure becomes a DeserializationException naming the node, with the cause chained
            throw new DeserializationException("Couldn't deserialize component of type '" + type + "': "
                    + e.getMessage(), initReader.path(), e);
        }
    }

    /** Builds immutable registries. */
    public static final class Builder {
        private final Map<String, ComponentType> byName = new LinkedHashMap<>();
        private final Map<Class<?>, ComponentType> byClass = new LinkedHashMap<>();
        private final Map<String, StreamingCallback> callbacks = new LinkedHashMap<>();
        private final Map<String, ToolFunction> toolFunctions = new LinkedHashMap<>();
        private final Map<String, Object> functions = new LinkedHashMap<>();
        private final java.util.List<String> allowedPackages = new java.util.ArrayList<>();

        private Builder() {
        }

        /**
         * Lets component classes in {@code packageName} (and its subpackages) resolve by class
         * name without registration. Such a class must implement {@link Component} and have a
         * {@code public static} method {@code fromDict(Map<String, ?>)} returning it; anything
         * else is refused before the class is initialised.
         */
        public Builder allowPackage(String packageName) {
            Objects.requireNonNull(packageName, "packageName");
            if (!AllowListedTypes.isClassName(packageName)) {
                throw new IllegalArgumentException("not a package name: '" + packageName + "'");
            }
            if (packageName.equals("java") || packageName.startsWith("java.") || packageName.startsWith("javax.")
                    || packageName.startsWith("jdk.") || packageName.startsWith("sun.")) {
                throw new IllegalArgumentException("JDK packages cannot be allow-listed: '" + packageName + "'");
            }
            allowedPackages.add(packageName);
            return this;
        }

        /** Adds everything the class path's {@link ComponentProvider}s contribute. */
        public Builder discover() {
            for (ComponentProvider p : ServiceLoader.load(ComponentProvider.class,
                    ComponentRegistry.class.getClassLoader())) {
                provider(p);
            }
            return this;
        }

        /** Adds one provider's contributions. */
        public Builder provider(ComponentProvider p) {
            p.componentTypes().forEach(this::register);
            p.streamingCallbacks().forEach(this::streamingCallback);
            p.toolFunctions().forEach(this::toolFunction);
            p.namedFunctions().forEach(this::function);
            return this;
        }

        /** Registers a type under its name and aliases; a name already taken by another class is refused. */
        public Builder register(ComponentType type) {
            Objects.requireNonNull(type, "type");
            put(type.name(), type);
            for (String a : type.aliases()) {
                put(a, type);
            }
            byClass.put(type.componentClass(), type);
            return this;
        }

        private void put(String name, ComponentType type) {
            ComponentType prev = byName.get(name);
            if (prev != null && prev.componentClass() != type.componentClass()) {
                throw new IllegalArgumentException("Component type name '" + name + "' is already registered for "
                        + prev.componentClass().getName());
            }
            byName.put(name, type);
        }

        /** Registers a streaming callback under {@code name}. */
        public Builder streamingCallback(String name, StreamingCallback callback) {
            callbacks.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(callback, "callback"));
            return this;
        }

        /** Registers a tool function under {@code name}. */
        public Builder toolFunction(String name, ToolFunction function) {
            toolFunctions.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(function, "function"));
            return this;
        }

        /** Registers another kind of named function (e.g. a tool-call parser) under {@code name}. */
        public Builder function(String name, Object function) {
            functions.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(function, "function"));
            return this;
        }

        public ComponentRegistry build() {
            return new ComponentRegistry(this);
        }
    }

    private static final class Defaults {
        static final ComponentRegistry INSTANCE = builder().discover().build();
    }
}
