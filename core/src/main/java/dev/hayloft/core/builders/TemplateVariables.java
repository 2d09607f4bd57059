package dev.hayloft.core.builders;

import dev.hayloft.core.component.InputSocket;
import dev.hayloft.core.serde.DictReader;
import dev.hayloft.templates.Python;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;

/**
 * The variables of a prompt template and which of them are required: Haystack's
 * {@code variables} / {@code required_variables} semantics shared by the prompt builders.
 *
 * @param variables the template's variables (declared explicitly, or found in the template)
 * @param declared the explicitly declared variables, or null (serialised as given)
 * @param required the required variables, or null (serialised as given)
 * @param allRequired whether {@code required_variables} is {@code "*"}
 */
record TemplateVariables(List<String> variables, List<String> declared, List<String> required, boolean allRequired) {

    static TemplateVariables of(List<String> found, List<String> declared, List<String> required, boolean allRequired,
            String component, Logger log) {
        List<String> vars = declared != null && !declared.isEmpty() ? List.copyOf(declared) : List.copyOf(found);
        if (!vars.isEmpty() && required == null && !allRequired) {
            log.warn("{} has {} prompt variables, but `required_variables` is not set. By default, all prompt "
                    + "variables are treated as optional, which may lead to unintended behavior in multi-branch "
                    + "pipelines. To avoid unexpected execution, set `required_variables`.", component, vars.size());
        }
        return new TemplateVariables(vars, declared == null ? null : List.copyOf(declared),
                required == null ? null : List.copyOf(required), allRequired);
    }

    /** One {@code Any} socket per variable: mandatory when required, otherwise defaulting to "". */
    List<InputSocket> sockets() {
        List<InputSocket> out = new ArrayList<>();
        for (String v : variables) {
            out.add(isRequired(v) ? InputSocket.mandatory(v, Object.class) : InputSocket.optional(v, Object.class, ""));
        }
        return out;
    }

    private boolean isRequired(String v) {
        return allRequired || (required != null && required.contains(v));
    }

    /** Fails naming the required variables missing from {@code provided}. */
    void validate(Collection<String> provided, String component) {
        List<String> req = allRequired ? new ArrayList<>(new TreeSet<>(variables))
                : required == null ? List.of() : required;
        List<String> missing = new ArrayList<>();
        for (String r : req) {
            if (!provided.contains(r)) {
                missing.add(r);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Missing required input variables in " + component + ": "
                    + String.join(", ", missing) + ". Required variables: " + Python.repr(req)
                    + ". Provided variables: " + pySet(provided) + ".");
        }
    }

    /** Python's repr of a set of names (sorted here; Python's order is arbitrary). */
    private static String pySet(Collection<String> names) {
        if (names.isEmpty()) {
            return "set()";
        }
        String list = Python.repr(new ArrayList<>(new TreeSet<>(names)));
        return "{" + list.substring(1, list.length() - 1) + "}";
    }

    /** The values to render with: socket values overridden by {@code template_variables}. */
    static Map<String, Object> combine(Map<String, Object> socketValues, Map<String, Object> templateVariables) {
        Map<String, Object> combined = new LinkedHashMap<>();
        if (socketValues != null) {
            combined.putAll(socketValues);
        }
        if (templateVariables != null) {
            combined.putAll(templateVariables);
        }
        return combined;
    }

    /** {@code "*"}, a list, or null, as Haystack writes {@code required_variables}. */
    Object requiredForDict() {
        return allRequired ? "*" : required == null ? null : new ArrayList<>(required);
    }

    /** {@code required_variables} as read from a dict: names, or all ({@code "*"}). */
    record Required(List<String> names, boolean all) {
    }

    /** Reads {@code required_variables}: {@code "*"} or a list of names. */
    static Required readRequired(DictReader init) {
        Object raw = init.raw("required_variables");
        if ("*".equals(raw)) {
            return new Required(null, true);
        }
        if (raw instanceof String) {
            throw init.error("required_variables", "must be \"*\" or a list of variable names", null);
        }
        return new Required(init.optionalStringList("required_variables"), false);
    }
}
