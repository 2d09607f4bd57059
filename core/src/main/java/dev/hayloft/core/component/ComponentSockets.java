package dev.hayloft.core.component;

import dev.hayloft.core.internal.Types;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The input and output sockets of a component, read from its {@link Run} method (and, for
 * {@link DynamicSockets} components, from the instance) without running it.
 *
 * <pre>{@code
 * ComponentSockets s = ComponentSockets.of(new PromptBuilder("Hi {{ name }}"));
 * s.input("name");        // optional, Any
 * s.output("prompt");     // String
 * }</pre>
 */
public final class ComponentSockets {
    private static final ClassValue<RunMethod> RUN_METHODS = new ClassValue<>() {
        @Override
        protected RunMethod computeValue(Class<?> type) {
            return RunMethod.inspect(type);
        }
    };

    private final Map<String, InputSocket> inputs;
    private final Map<String, OutputSocket> outputs;

    private ComponentSockets(Map<String, InputSocket> inputs, Map<String, OutputSocket> outputs) {
        this.inputs = Collections.unmodifiableMap(inputs);
        this.outputs = Collections.unmodifiableMap(outputs);
    }

    /** The sockets of {@code component}. Fails with {@link IllegalArgumentException} if it is malformed. */
    public static ComponentSockets of(Component component) {
        Objects.requireNonNull(component, "component");
        RunMethod rm = runMethod(component.getClass());
        Map<String, InputSocket> in = new LinkedHashMap<>(rm.staticInputs);
        if (rm.dynamicParameter >= 0) {
            if (!(component instanceof DynamicSockets)) {
                throw new IllegalArgumentException(component.getClass().getName()
                        + " has a @DynamicInputs parameter but does not implement DynamicSockets");
            }
            for (InputSocket s : ((DynamicSockets) component).dynamicInputSockets()) {
                if (in.containsKey(s.name())) {
                    throw new IllegalArgumentException(component.getClass().getSimpleName() + ": dynamic input '"
                            + s.name() + "' clashes with a declared input of the same name");
                }
                in.put(s.name(), s);
            }
        }
        return new ComponentSockets(in, rm.outputs);
    }

    /** The run-method description of a component class (cached). */
    static RunMethod runMethod(Class<?> type) {
        return RUN_METHODS.get(type);
    }

    /** Input sockets in declaration order. */
    public List<InputSocket> inputs() {
        return new ArrayList<>(inputs.values());
    }

    /** Output sockets in declaration order. */
    public List<OutputSocket> outputs() {
        return new ArrayList<>(outputs.values());
    }

    /** The input socket called {@code name}, or null. */
    public InputSocket input(String name) {
        return inputs.get(name);
    }

    /** The output socket called {@code name}, or null. */
    public OutputSocket output(String name) {
        return outputs.get(name);
    }

    /** Input sockets by name. */
    public Map<String, InputSocket> inputMap() {
        return inputs;
    }

    /** Output sockets by name. */
    public Map<String, OutputSocket> outputMap() {
        return outputs;
    }

    /** The reflective description of a component class's run method. */
    static final class RunMethod {
        final Method method;
        final Map<String, InputSocket> staticInputs;
        final String[] parameterSockets; // socket name per parameter, null for the dynamic map
        final int dynamicParameter;
        final Map<String, OutputSocket> outputs;
        final RecordComponent[] recordComponents; // null when the method returns Map

        private RunMethod(Method method, Map<String, InputSocket> staticInputs, String[] parameterSockets,
                int dynamicParameter, Map<String, OutputSocket> outputs, RecordComponent[] recordComponents) {
            this.method = method;
            this.staticInputs = staticInputs;
            this.parameterSockets = parameterSockets;
            this.dynamicParameter = dynamicParameter;
            this.outputs = outputs;
            this.recordComponents = recordComponents;
        }

        static RunMethod inspect(Class<?> type) {
            Method found = null;
            for (Method m : type.getMethods()) {
                if (m.isAnnotationPresent(Run.class) && !m.isBridge()) {
                    if (found != null && !found.equals(m)) {
                        throw new IllegalArgumentException(type.getName() + " has more than one @Run method");
                    }
                    found = m;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException(type.getName()
                        + " is not a valid component: it has no public method annotated @Run");
            }
            if (Modifier.isStatic(found.getModifiers())) {
                throw new IllegalArgumentException(type.getName() + ": the @Run method must not be static");
            }
            Parameter[] params = found.getParameters();
            Type[] generic = found.getGenericParameterTypes();
            Map<String, InputSocket> inputs = new LinkedHashMap<>();
            String[] names = new String[params.length];
            int dynamic = -1;
            for (int i = 0; i < params.length; i++) {
                Input in = params[i].getAnnotation(Input.class);
                if (params[i].isAnnotationPresent(DynamicInputs.class)) {
                    if (dynamic >= 0 || in != null || !Map.class.isAssignableFrom(params[i].getType())) {
                        throw new IllegalArgumentException(type.getName()
                                + ": exactly one Map parameter may be annotated @DynamicInputs");
                    }
                    dynamic = i;
                    continue;
                }
                if (in == null) {
                    throw new IllegalArgumentException(type.getName() + ": parameter " + i + " of the @Run method "
                            + "needs @Input or @DynamicInputs");
                }
                Type socketType = generic[i];
                if (in.variadic()) {
                    socketType = Types.listElement(generic[i]);
                    if (socketType == null) {
                        throw new IllegalArgumentException(type.getName() + ": variadic input '" + in.value()
                                + "' must be declared as a List");
                    }
                }
                if (inputs.containsKey(in.value())) {
                    throw new IllegalArgumentException(type.getName() + ": duplicate input socket '" + in.value() + "'");
                }
                inputs.put(in.value(), new InputSocket(in.value(), socketType, !in.optional(), in.variadic(),
                        in.greedy(), null));
                names[i] = in.value();
            }
            Map<String, OutputSocket> outputs = new LinkedHashMap<>();
            RecordComponent[] rcs = null;
            Class<?> ret = found.getReturnType();
            if (ret.isRecord()) {
                rcs = ret.getRecordComponents();
                for (RecordComponent rc : rcs) {
                    rc.getAccessor().setAccessible(true);
                    Output o = rc.getAnnotation(Output.class);
                    String name = o != null ? o.value() : Types.snakeCase(rc.getName());
                    outputs.put(name, new OutputSocket(name, rc.getGenericType()));
                }
            } else if (!Map.class.isAssignableFrom(ret)) {
                throw new IllegalArgumentException(type.getName()
                        + ": the @Run method must return a record (its components are the output sockets)");
            }
            found.setAccessible(true);
            return new RunMethod(found, Collections.unmodifiableMap(inputs), names, dynamic,
                    Collections.unmodifiableMap(outputs), rcs);
        }
    }
}
