package dev.hayloft.core.component;

import java.util.List;
import java.util.Objects;

/**
 * A registered component type: its canonical type name (the Java class name), the class,
 * the factory that builds it from {@code init_parameters}, and aliases such as Haystack's type
 * name ({@code haystack.components.builders.prompt_builder.PromptBuilder}).
 *
 * <pre>{@code
 * ComponentType t = ComponentType.of(PromptBuilder.class, PromptBuilder::fromInitParameters,
 *         "haystack.components.builders.prompt_builder.PromptBuilder");
 * }</pre>
 *
 * @param name canonical type name written by {@code toDict}
 * @param componentClass the component class
 * @param factory builds instances from init parameters
 * @param aliases other names that resolve to this type (first alias = Haystack's name, if any)
 */
public record ComponentType(String name, Class<? extends Component> componentClass, ComponentFactory factory,
        List<String> aliases) {
    public ComponentType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(componentClass, "componentClass");
        Objects.requireNonNull(factory, "factory");
        aliases = List.copyOf(aliases == null ? List.of() : aliases);
    }

    /** A type named after its class, with aliases. */
    public static ComponentType of(Class<? extends Component> type, ComponentFactory factory, String... aliases) {
        return new ComponentType(type.getName(), type, factory, List.of(aliases));
    }

    /** Haystack's type name: the first alias starting with {@code haystack.}, if any. */
    public String haystackName() {
        for (String a : aliases) {
            if (a.startsWith("haystack.")) {
                return a;
            }
        }
        return null;
    }
}
