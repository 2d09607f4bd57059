package dev.hayloft.core.component;

import dev.hayloft.core.errors.HayloftException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Helpers for writing and invoking components.
 *
 * <pre>{@code
 * public Map<String, Object> toDict() {
 *     Map<String, Object> init = new LinkedHashMap<>();
 *     init.put("template", template);
 *     return Components.dict(this, init);
 * }
 *
 * Map<String, Object> out = Components.invoke(builder, Map.of("name", "Ada"));   // {"prompt": "Hi Ada"}
 * }</pre>
 */
public final class Components {
    private Components() {
    }

    /** {@code {"type": <class name>, "init_parameters": initParameters}}. */
    public static Map<String, Object> dict(Component component, Map<String, Object> initParameters) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", component.getClass().getName());
        m.put("init_parameters", initParameters == null ? new LinkedHashMap<>() : initParameters);
        return m;
    }

    /**
     * Calls {@code component}'s run method with inputs given by socket name. Missing optional
     * inputs receive their default (null for declared sockets); variadic inputs must be lists.
     * Returns the outputs by socket name, omitting outputs the component left null.
     * A component's own unchecked exception propagates unchanged.
     */
    public static Map<String, Object> invoke(Component component, Map<String, ?> inputs) {
        Objects.requireNonNull(component, "component");
        return invoke(component, ComponentSockets.of(component), inputs);
    }

    /** {@link #invoke(Component, Map)} with the component's sockets already read (as a pipeline holds them). */
    public static Map<String, Object> invoke(Component component, ComponentSockets sockets, Map<String, ?> inputs) {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(sockets, "sockets");
        Objects.requireNonNull(inputs, "inputs");
        ComponentSockets.RunMethod rm = ComponentSockets.runMethod(component.getClass());
        for (String name : inputs.keySet()) {
            if (sockets.input(name) == null) {
                throw new IllegalArgumentException("Input " + name + " not found in component "
                        + component.getClass().getSimpleName() + "; its inputs are " + sockets.inputMap().keySet());
            }
        }
        Object[] args = new Object[rm.parameterSockets.length];
        for (int i = 0; i < args.length; i++) {
            if (i == rm.dynamicParameter) {
                Map<String, Object> dyn = new LinkedHashMap<>();
                for (InputSocket s : sockets.inputs()) {
                    if (rm.staticInputs.containsKey(s.name())) {
                        continue;
                    }
                    if (inputs.containsKey(s.name())) {
                        dyn.put(s.name(), inputs.get(s.name()));
                    } else if (!s.mandatory()) {
                        dyn.put(s.name(), s.defaultValue());
                    }
                }
                args[i] = dyn;
            } else {
                String name = rm.parameterSockets[i];
                InputSocket s = sockets.input(name);
                Object v = inputs.containsKey(name) ? inputs.get(name) : s.defaultValue();
                if (v == null && s.mandatory()) {
                    throw new IllegalArgumentException("Missing input for component "
                            + component.getClass().getSimpleName() + ": " + name);
                }
                args[i] = v;
            }
        }
        Object result;
        try {
            result = rm.method.invoke(component, args);
        } catch (IllegalAccessException e) {
            throw new HayloftException("Cannot call the @Run method of " + component.getClass().getName(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Inputs of the wrong type for " + component.getClass().getSimpleName()
                    + ": " + e.getMessage(), e);
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            throw new HayloftException(component.getClass().getSimpleName() + " failed: " + t, t);
        }
        return outputsOf(rm, result);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> outputsOf(ComponentSockets.RunMethod rm, Object result) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (result == null) {
            return out;
        }
        if (rm.recordComponents == null) {
            out.putAll((Map<String, Object>) result);
            return out;
        }
        List<String> names = new ArrayList<>(rm.outputs.keySet());
        RecordComponent[] rcs = rm.recordComponents;
        for (int i = 0; i < rcs.length; i++) {
            try {
                Object v = rcs[i].getAccessor().invoke(result);
                if (v != null) {
                    out.put(names.get(i), v);
                }
            } catch (ReflectiveOperationException e) {
                throw new HayloftException("Cannot read output " + names.get(i), e);
            }
        }
        return out;
    }
}
