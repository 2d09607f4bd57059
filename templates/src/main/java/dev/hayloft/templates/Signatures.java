package dev.hayloft.templates;

import java.util.Arrays;
import java.util.List;

/**
 * The argument checks of CPython's built-in methods and of Jinja2's filter functions, with the
 * {@code TypeError} messages CPython 3.11 gives when a template passes too few, too many or
 * unknown arguments. Built-in methods come in the calling conventions CPython implements them
 * with: no arguments ({@code str.upper}), exactly one ({@code str.join}), positional only with a
 * range ({@code str.replace}), old-style positional ({@code str.find}) and keyword-capable
 * ({@code str.split}). Filters are Python functions: their messages name Jinja2's function
 * ({@code do_indent}) and count the value and any context argument Jinja2 passes first.
 *
 * <pre>{@code
 * Signatures.noArgs(args, "str", "upper");            // str.upper() takes no arguments (1 given)
 * Signatures.positional(args, "str", "replace", 2, 3); // replace expected at least 2 arguments, got 0
 * }</pre>
 */
final class Signatures {
    private Signatures() {
    }

    private static TemplateException error(String message) {
        return TemplateException.runtime(message);
    }

    private static void noKeywords(Args a, String type, String name) {
        if (!a.keywords().isEmpty()) {
            throw error(type + "." + name + "() takes no keyword arguments");
        }
    }

    /** {@code METH_NOARGS}: {@code str.upper()}, {@code dict.items()}. */
    static Args noArgs(Args a, String type, String name) {
        noKeywords(a, type, name);
        if (a.positionalCount() > 0) {
            throw error(type + "." + name + "() takes no arguments (" + a.positionalCount() + " given)");
        }
        return a;
    }

    /** {@code METH_O}: {@code str.join(iterable)}, {@code list.append(x)}. */
    static Args one(Args a, String type, String name) {
        noKeywords(a, type, name);
        if (a.positionalCount() != 1) {
            throw error(type + "." + name + "() takes exactly one argument (" + a.positionalCount() + " given)");
        }
        return a;
    }

    /** Positional-only with {@code min..max} arguments: {@code str.replace}, {@code dict.get}. */
    static Args positional(Args a, String type, String name, int min, int max) {
        noKeywords(a, type, name);
        int n = a.positionalCount();
        if (n < min || n > max) {
            String bound = min == max ? "" : n < min ? "at least " : "at most ";
            int count = n < min ? min : max;
            throw error(name + " expected " + bound + count + " argument" + (count == 1 ? "" : "s") + ", got " + n);
        }
        return a;
    }

    /** Old-style positional parsing: {@code str.find}, {@code str.startswith}. */
    static Args oldStyle(Args a, String type, String name, int min, int max) {
        noKeywords(a, type, name);
        int n = a.positionalCount();
        if (n < min) {
            throw error(name + "() takes at least " + min + " argument" + (min == 1 ? "" : "s") + " (" + n + " given)");
        }
        if (n > max) {
            throw error(name + "() takes at most " + max + " argument" + (max == 1 ? "" : "s") + " (" + n + " given)");
        }
        return a;
    }

    /** Keyword-capable parameters, all optional: {@code str.split(sep, maxsplit)}. */
    static Args keywords(Args a, String name, String... names) {
        int n = a.positionalCount() + a.keywords().size();
        if (a.positionalCount() > names.length || n > names.length) {
            throw error(name + "() takes at most " + names.length + " argument" + (names.length == 1 ? "" : "s")
                    + " (" + n + " given)");
        }
        List<String> known = Arrays.asList(names);
        for (String key : a.keywords().keySet()) {
            int at = known.indexOf(key);
            if (at < 0) {
                throw error("'" + key + "' is an invalid keyword argument for " + name + "()");
            }
            if (at < a.positionalCount()) {
                throw error("argument for " + name + "() given by name ('" + key + "') and position (" + (at + 1) + ")");
            }
        }
        return a;
    }

    /**
     * A Python function's binding of {@code args} to {@code params} (the first {@code required}
     * of them without a default), after {@code hidden} leading arguments the caller supplies
     * itself (the filtered value, Jinja2's environment or context).
     */
    static Args function(Args a, String function, int hidden, int required, String... params) {
        int given = a.positionalCount() + hidden;
        int max = params.length + hidden;
        if (a.positionalCount() > params.length) {
            int min = required + hidden;
            String takes = min == max ? String.valueOf(max) : "from " + min + " to " + max;
            throw error(function + "() takes " + takes + " positional argument" + (max == 1 && min == max ? "" : "s")
                    + " but " + given + (given == 1 ? " was" : " were") + " given");
        }
        List<String> known = Arrays.asList(params);
        for (String key : a.keywords().keySet()) {
            int at = known.indexOf(key);
            if (at < 0) {
                throw error(function + "() got an unexpected keyword argument '" + key + "'");
            }
            if (at < a.positionalCount()) {
                throw error(function + "() got multiple values for argument '" + key + "'");
            }
        }
        List<String> missing = new java.util.ArrayList<>();
        for (int i = a.positionalCount(); i < required; i++) {
            if (!a.keywords().containsKey(params[i])) {
                missing.add("'" + params[i] + "'");
            }
        }
        if (!missing.isEmpty()) {
            String last = missing.get(missing.size() - 1);
            String names = missing.size() == 1 ? last : missing.size() == 2 ? missing.get(0) + " and " + last
                    : String.join(", ", missing.subList(0, missing.size() - 1)) + ", and " + last;
            throw error(function + "() missing " + missing.size() + " required positional argument"
                    + (missing.size() == 1 ? "" : "s") + ": " + names);
        }
        return a;
    }
}
