package dev.hayloft.templates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluated arguments of a call, filter or test: positional values plus keyword values,
 * with Python-like binding of parameters by position or by name.
 *
 * <pre>{@code
 * // for split(sep=None, maxsplit=-1)
 * args.check("split", "sep", "maxsplit");
 * Object sep = args.get(0, "sep", null);
 * }</pre>
 */
final class Args {
    static final Args EMPTY = new Args(List.of(), Map.of());

    private final List<Object> positional;
    private final Map<String, Object> keywords;

    Args(List<Object> positional, Map<String, Object> keywords) {
        this.positional = Collections.unmodifiableList(new ArrayList<>(positional));
        this.keywords = Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
    }

    static Args of(Object... positional) {
        return new Args(Arrays.asList(positional), Map.of());
    }

    List<Object> positional() {
        return positional;
    }

    Map<String, Object> keywords() {
        return keywords;
    }

    int positionalCount() {
        return positional.size();
    }

    boolean isEmpty() {
        return positional.isEmpty() && keywords.isEmpty();
    }

    /** The parameter at {@code index} or named {@code name}, else {@code fallback}. */
    Object get(int index, String name, Object fallback) {
        if (index >= 0 && index < positional.size()) {
            return positional.get(index);
        }
        if (name != null && keywords.containsKey(name)) {
            return keywords.get(name);
        }
        return fallback;
    }

    /** Whether the parameter at {@code index} or named {@code name} was passed. */
    boolean has(int index, String name) {
        return (index >= 0 && index < positional.size()) || (name != null && keywords.containsKey(name));
    }

    /** The parameter, or a TypeError naming the function when it is missing. */
    Object require(int index, String name, String function) {
        if (!has(index, name)) {
            throw TemplateException.runtime(function + "() missing required argument: '" + name + "'");
        }
        return get(index, name, null);
    }

    /** Fails like Python when more positional values or unknown keywords than {@code names} were passed. */
    Args check(String function, String... names) {
        if (positional.size() > names.length) {
            throw TemplateException.runtime(function + "() takes at most " + names.length
                    + " argument" + (names.length == 1 ? "" : "s") + " (" + positional.size() + " given)");
        }
        for (String key : keywords.keySet()) {
            int at = Arrays.asList(names).indexOf(key);
            if (at < 0) {
                throw TemplateException.runtime(function + "() got an unexpected keyword argument '" + key + "'");
            }
            if (at < positional.size()) {
                throw TemplateException.runtime(function + "() got multiple values for argument '" + key + "'");
            }
        }
        return this;
    }

    /** These arguments with {@code first} in front (the value a filter or test applies to). */
    Args prepend(Object first) {
        List<Object> all = new ArrayList<>(positional.size() + 1);
        all.add(first);
        all.addAll(positional);
        return new Args(all, keywords);
    }

    /** These arguments without the first {@code n} positional values. */
    Args drop(int n) {
        return new Args(positional.subList(Math.min(n, positional.size()), positional.size()), keywords);
    }
}
