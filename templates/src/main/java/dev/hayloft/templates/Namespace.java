package dev.hayloft.templates;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Jinja2's {@code namespace(...)}: a mutable bag of attributes that, unlike plain variables,
 * can be changed from inside a loop with {@code {% set ns.name = value %}}.
 *
 * <pre>{@code
 * {%- set ns = namespace(found=false) %}
 * {%- for m in messages %}{% if m.role == 'system' %}{% set ns.found = true %}{% endif %}{% endfor %}
 * }</pre>
 */
final class Namespace {
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    boolean has(String name) {
        return attributes.containsKey(name);
    }

    Object get(String name) {
        return attributes.containsKey(name) ? attributes.get(name) : Undefined.of(this, name);
    }

    void set(String name, Object value) {
        attributes.put(name, value);
    }

    /** The attributes, in insertion order (read-only use). */
    Map<String, Object> attributes() {
        return attributes;
    }
}
