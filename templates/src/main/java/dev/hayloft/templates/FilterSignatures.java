package dev.hayloft.templates;

import java.util.HashMap;
import java.util.Map;

/**
 * The Python signatures of Jinja2 3.1's filter functions, so that a filter called with too many,
 * too few or unknown arguments fails with the {@code TypeError} Jinja2 raises
 * ({@code do_indent() takes from 1 to 4 positional arguments but 5 were given}). Each entry names
 * the function, how many arguments Jinja2 passes before the template's own (the value, and the
 * environment or context for some filters), how many of the template's are required, and the
 * parameter names. Filters taking {@code *args, **kwargs} ({@code format}, {@code map},
 * {@code select}...) check their arguments themselves.
 *
 * <pre>{@code
 * FilterSignatures.check("truncate", args, false);   // do_truncate(env, s, length, killwords, end, leeway)
 * }</pre>
 */
final class FilterSignatures {
    private record Signature(String function, int hidden, int required, String... params) {
    }

    private static final Map<String, Signature> JINJA2 = new HashMap<>();

    static {
        add("attr", "do_attr", 2, 1, "name");
        add("batch", "do_batch", 1, 1, "linecount", "fill_with");
        add("capitalize", "do_capitalize", 1, 0);
        add("center", "do_center", 1, 0, "width");
        add("default", "do_default", 1, 0, "default_value", "boolean");
        add("d", "do_default", 1, 0, "default_value", "boolean");
        add("dictsort", "do_dictsort", 1, 0, "case_sensitive", "by", "reverse");
        add("e", "escape", 1, 0);
        add("escape", "escape", 1, 0);
        add("filesizeformat", "do_filesizeformat", 1, 0, "binary");
        add("first", "sync_do_first", 2, 0);
        add("float", "do_float", 1, 0, "default");
        add("forceescape", "do_forceescape", 1, 0);
        add("groupby", "sync_do_groupby", 2, 1, "attribute", "default", "case_sensitive");
        add("indent", "do_indent", 1, 0, "width", "first", "blank");
        add("int", "do_int", 1, 0, "default", "base");
        add("items", "do_items", 1, 0);
        add("join", "sync_do_join", 2, 0, "d", "attribute");
        add("last", "do_last", 2, 0);
        add("list", "sync_do_list", 1, 0);
        add("lower", "do_lower", 1, 0);
        add("max", "do_max", 2, 0, "case_sensitive", "attribute");
        add("min", "do_min", 2, 0, "case_sensitive", "attribute");
        add("pprint", "do_pprint", 1, 0);
        add("random", "do_random", 2, 0);
        add("replace", "do_replace", 2, 2, "old", "new", "count");
        add("reverse", "do_reverse", 1, 0);
        add("round", "do_round", 1, 0, "precision", "method");
        add("safe", "do_mark_safe", 1, 0);
        add("slice", "sync_do_slice", 1, 1, "slices", "fill_with");
        add("sort", "do_sort", 2, 0, "reverse", "case_sensitive", "attribute");
        add("string", "soft_str", 1, 0);
        add("striptags", "do_striptags", 1, 0);
        add("sum", "sync_do_sum", 2, 0, "attribute", "start");
        add("title", "do_title", 1, 0);
        add("tojson", "do_tojson", 2, 0, "indent");
        add("trim", "do_trim", 1, 0, "chars");
        add("truncate", "do_truncate", 2, 0, "length", "killwords", "end", "leeway");
        add("unique", "sync_do_unique", 2, 0, "case_sensitive", "attribute");
        add("upper", "do_upper", 1, 0);
        add("urlencode", "do_urlencode", 1, 0);
        add("urlize", "do_urlize", 2, 0, "trim_url_limit", "nofollow", "target", "rel", "extra_schemes");
        add("wordcount", "do_wordcount", 1, 0);
        add("wordwrap", "do_wordwrap", 2, 0, "width", "break_long_words", "wrapstring", "break_on_hyphens");
        add("xmlattr", "do_xmlattr", 2, 0, "autospace");
    }

    /** transformers' {@code tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False)}. */
    private static final Signature TRANSFORMERS_TOJSON = new Signature("tojson", 1, 0, "ensure_ascii", "indent",
            "separators", "sort_keys");

    private FilterSignatures() {
    }

    /** How Python names the filter's function in messages ({@code jinja2.filters.do_join()}). */
    static String qualifiedName(String filter) {
        if (filter.equals("abs")) {
            return "abs()";
        }
        if (filter.equals("length") || filter.equals("count")) {
            return "len()";
        }
        Signature s = JINJA2.get(filter);
        if (s == null) {
            return filter + "()";
        }
        String function = s.function().startsWith("sync_") ? s.function().substring(5) : s.function();
        return (function.equals("escape") || function.equals("soft_str") ? "markupsafe." : "jinja2.filters.") + function + "()";
    }

    private static void add(String filter, String function, int hidden, int required, String... params) {
        JINJA2.put(filter, new Signature(function, hidden, required, params));
    }

    /** Fails like Python when {@code args} do not fit the filter's signature. */
    static void check(String filter, Args args, boolean transformersJson) {
        if (filter.equals("abs") || filter.equals("length") || filter.equals("count")) {
            String function = filter.equals("abs") ? "abs" : "len";
            if (!args.keywords().isEmpty()) {
                throw TemplateException.runtime(function + "() takes no keyword arguments");
            }
            if (args.positionalCount() > 0) {
                throw TemplateException.runtime(function + "() takes exactly one argument (" + (args.positionalCount() + 1)
                        + " given)");
            }
            return;
        }
        Signature s = transformersJson && filter.equals("tojson") ? TRANSFORMERS_TOJSON : JINJA2.get(filter);
        if (s != null) {
            Signatures.function(args, s.function(), s.hidden(), s.required(), s.params());
        }
    }
}
