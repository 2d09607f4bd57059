package dev.hayloft.templates;

import java.time.Clock;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The settings templates are compiled and rendered with, as a Jinja2 {@code Environment} holds
 * them: whitespace control, extensions, the {@code tojson} flavour, extra globals, filters and
 * block tags, render limits and the clock. Immutable and thread-safe; {@link #toBuilder()}
 * derives a changed copy. Three presets reproduce the environments Hayloft needs:
 * <ul>
 *   <li>{@link #jinja2()} — Jinja2 3.1's {@code SandboxedEnvironment()} with its defaults
 *       ({@code trim_blocks}/{@code lstrip_blocks} off, {@code keep_trailing_newline} off,
 *       undefined values print as {@code ""});</li>
 *   <li>{@link #haystack()} — what Haystack's {@code PromptBuilder} and {@code ChatPromptBuilder}
 *       use: {@link #jinja2()} plus the {@code {% now %}} tag of Haystack's
 *       {@code Jinja2TimeExtension};</li>
 *   <li>{@link #transformers()} — what transformers' {@code apply_chat_template} uses:
 *       {@code ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)} with the loop
 *       controls and {@code generation} extensions, its own {@code tojson},
 *       {@code raise_exception(msg)} and {@code strftime_now(fmt)}.</li>
 * </ul>
 *
 * <pre>{@code
 * TemplateEnvironment env = TemplateEnvironment.haystack();
 * Template t = env.compile("Hello {{ name }}!{% if docs %} {{ docs | length }} docs{% endif %}");
 * t.render(Map.of("name", "Ada", "docs", List.of("a", "b")));        // "Hello Ada! 2 docs"
 *
 * TemplateEnvironment chat = TemplateEnvironment.transformers().toBuilder()
 *         .limits(TemplateLimits.DEFAULT.withMaxOutputChars(1_000_000)).build();
 * }</pre>
 */
public final class TemplateEnvironment {
    /** Built-in extensions an environment may enable. */
    public enum Extension {
        /** {@code {% break %}} and {@code {% continue %}} ({@code jinja2.ext.loopcontrols}). */
        LOOP_CONTROLS,
        /** transformers' {@code {% generation %}...{% endgeneration %}} (renders its body). */
        GENERATION,
        /** Haystack's {@code {% now 'UTC' %}}, {@code {% now 'UTC' + 'hours=2', '%H:%M' %}} ({@code Jinja2TimeExtension}). */
        NOW
    }

    /** Which {@code tojson} filter templates get. */
    public enum JsonFilter {
        /** Jinja2's: {@code sort_keys=True}, {@code <>&'} escaped as {@code \u003c}... (HTML-safe). */
        JINJA2,
        /** transformers': {@code json.dumps(x, ensure_ascii=False, indent=, separators=, sort_keys=False)}. */
        TRANSFORMERS
    }

    private final boolean trimBlocks;
    private final boolean lstripBlocks;
    private final boolean keepTrailingNewline;
    private final boolean immutable;
    private final Set<Extension> extensions;
    private final JsonFilter jsonFilter;
    private final Map<String, Object> globals;
    private final Map<String, TemplateFilter> filters;
    private final Map<String, TemplateTag> tags;
    private final TemplateLimits limits;
    private final Clock clock;
    private final Long randomSeed;

    private TemplateEnvironment(Builder b) {
        this.trimBlocks = b.trimBlocks;
        this.lstripBlocks = b.lstripBlocks;
        this.keepTrailingNewline = b.keepTrailingNewline;
        this.immutable = b.immutable;
        this.extensions = Collections.unmodifiableSet(b.extensions.isEmpty()
                ? EnumSet.noneOf(Extension.class) : EnumSet.copyOf(b.extensions));
        this.jsonFilter = b.jsonFilter;
        this.globals = Collections.unmodifiableMap(new LinkedHashMap<>(b.globals));
        this.filters = Collections.unmodifiableMap(new LinkedHashMap<>(b.filters));
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(b.tags));
        this.limits = b.limits;
        this.clock = b.clock;
        this.randomSeed = b.randomSeed;
    }

    /** Jinja2's {@code SandboxedEnvironment()} with its default settings. */
    public static TemplateEnvironment jinja2() {
        return new Builder().build();
    }

    /** The environment of Haystack's prompt builders: {@link #jinja2()} plus the {@code now} tag. */
    public static TemplateEnvironment haystack() {
        return new Builder().extension(Extension.NOW).build();
    }

    /** The environment of transformers' {@code apply_chat_template}. */
    public static TemplateEnvironment transformers() {
        Builder b = new Builder().trimBlocks(true).lstripBlocks(true).immutable(true).extension(Extension.LOOP_CONTROLS)
                .extension(Extension.GENERATION).jsonFilter(JsonFilter.TRANSFORMERS);
        Globals.transformers().forEach((name, fn) -> b.globals.put(name, fn));
        return b.build();
    }

    /** A builder starting from Jinja2's defaults (the settings of {@link #jinja2()}). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this environment's settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Parses {@code source} in this environment.
     *
     * @throws TemplateException of kind {@code SYNTAX} when the source does not parse (an unknown
     *         filter or tag included)
     */
    public Template compile(String source) {
        return Template.compile(source, this);
    }

    /** Whether the first newline after a block tag is removed ({@code trim_blocks}). */
    public boolean trimBlocks() {
        return trimBlocks;
    }

    /** Whether whitespace before a block tag at the start of a line is removed ({@code lstrip_blocks}). */
    public boolean lstripBlocks() {
        return lstripBlocks;
    }

    /** Whether a single trailing newline of the source is kept ({@code keep_trailing_newline}). */
    public boolean keepTrailingNewline() {
        return keepTrailingNewline;
    }

    /**
     * Whether values are immutable to templates, as in Jinja2's {@code ImmutableSandboxedEnvironment}:
     * {@code list.append}, {@code dict.update} and the other mutating methods are refused
     * ({@code access to attribute 'append' of 'list' object is unsafe.}).
     */
    public boolean immutable() {
        return immutable;
    }

    /** The enabled extensions. */
    public Set<Extension> extensions() {
        return extensions;
    }

    /** Whether {@code extension} is enabled. */
    public boolean has(Extension extension) {
        return extensions.contains(extension);
    }

    /** The {@code tojson} flavour. */
    public JsonFilter jsonFilter() {
        return jsonFilter;
    }

    /** The names of the extra globals (beyond Jinja2's {@code range}, {@code dict}, {@code namespace}...). */
    public Set<String> globalNames() {
        return globals.keySet();
    }

    /** The extra filters, by name. */
    public Map<String, TemplateFilter> filters() {
        return filters;
    }

    /** The extra block tags, by name. */
    public Map<String, TemplateTag> tags() {
        return tags;
    }

    /** The render limits. */
    public TemplateLimits limits() {
        return limits;
    }

    /** The clock {@code strftime_now} and {@code now} read. */
    public Clock clock() {
        return clock;
    }

    /**
     * The seed of the random source the {@code random} filter and {@code lipsum} draw from; each
     * render starts a new source from it. Empty: every render draws unpredictable values.
     */
    public java.util.Optional<Long> randomSeed() {
        return java.util.Optional.ofNullable(randomSeed);
    }

    /** The extra globals (public {@link TemplateFunction}s or built-ins), for the interpreter. */
    Map<String, Object> globals() {
        return globals;
    }

    @Override
    public String toString() {
        return "TemplateEnvironment[trimBlocks=" + trimBlocks + ", lstripBlocks=" + lstripBlocks
                + ", keepTrailingNewline=" + keepTrailingNewline + ", immutable=" + immutable + ", extensions=" + extensions
                + ", tojson=" + jsonFilter + ", globals=" + globals.keySet() + ", filters=" + filters.keySet()
                + ", tags=" + tags.keySet() + ", limits=" + limits + (randomSeed == null ? "" : ", randomSeed=" + randomSeed)
                + "]";
    }

    /** Collects settings; {@link #build()} may be called more than once. */
    public static final class Builder {
        private boolean trimBlocks;
        private boolean lstripBlocks;
        private boolean keepTrailingNewline;
        private boolean immutable;
        private final Set<Extension> extensions = EnumSet.noneOf(Extension.class);
        private JsonFilter jsonFilter = JsonFilter.JINJA2;
        private final Map<String, Object> globals = new LinkedHashMap<>();
        private final Map<String, TemplateFilter> filters = new LinkedHashMap<>();
        private final Map<String, TemplateTag> tags = new LinkedHashMap<>();
        private TemplateLimits limits = TemplateLimits.DEFAULT;
        private Clock clock = Clock.systemDefaultZone();
        private Long randomSeed;

        private Builder() {
        }

        private Builder(TemplateEnvironment e) {
            trimBlocks = e.trimBlocks;
            lstripBlocks = e.lstripBlocks;
            keepTrailingNewline = e.keepTrailingNewline;
            immutable = e.immutable;
            extensions.addAll(e.extensions);
            jsonFilter = e.jsonFilter;
            globals.putAll(e.globals);
            filters.putAll(e.filters);
            tags.putAll(e.tags);
            limits = e.limits;
            clock = e.clock;
            randomSeed = e.randomSeed;
        }

        /** {@code trim_blocks}: remove the first newline after a block or comment tag. */
        public Builder trimBlocks(boolean trimBlocks) {
            this.trimBlocks = trimBlocks;
            return this;
        }

        /** {@code lstrip_blocks}: strip spaces and tabs before a block or comment tag at the start of a line. */
        public Builder lstripBlocks(boolean lstripBlocks) {
            this.lstripBlocks = lstripBlocks;
            return this;
        }

        /** {@code keep_trailing_newline}: keep a single trailing newline of the source. */
        public Builder keepTrailingNewline(boolean keepTrailingNewline) {
            this.keepTrailingNewline = keepTrailingNewline;
            return this;
        }

        /**
         * Makes values immutable to templates ({@code ImmutableSandboxedEnvironment}): the mutating
         * list and dict methods resolve to an unsafe undefined value, and calling one fails.
         */
        public Builder immutable(boolean immutable) {
            this.immutable = immutable;
            return this;
        }

        /** Enables a built-in extension. */
        public Builder extension(Extension extension) {
            extensions.add(Objects.requireNonNull(extension, "extension"));
            return this;
        }

        /** Disables a built-in extension. */
        public Builder withoutExtension(Extension extension) {
            extensions.remove(Objects.requireNonNull(extension, "extension"));
            return this;
        }

        /** Chooses the {@code tojson} filter. */
        public Builder jsonFilter(JsonFilter jsonFilter) {
            this.jsonFilter = Objects.requireNonNull(jsonFilter, "jsonFilter");
            return this;
        }

        /** Adds (or replaces) a global function. */
        public Builder global(String name, TemplateFunction function) {
            globals.put(identifier(name, "global"), Objects.requireNonNull(function, "function"));
            return this;
        }

        /** Adds (or replaces) a filter; it takes precedence over a built-in filter of the same name. */
        public Builder filter(String name, TemplateFilter filter) {
            filters.put(identifier(name, "filter"), Objects.requireNonNull(filter, "filter"));
            return this;
        }

        /** Adds (or replaces) a block tag. */
        public Builder tag(TemplateTag tag) {
            Objects.requireNonNull(tag, "tag");
            if (Parser.BUILTIN_TAGS.contains(tag.name())) {
                throw new IllegalArgumentException("tag '" + tag.name() + "' is a built-in statement");
            }
            tags.put(tag.name(), tag);
            return this;
        }

        /** The render limits. */
        public Builder limits(TemplateLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** The clock {@code strftime_now} and {@code now} read (freeze it in tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Seeds the random source of the {@code random} filter and {@code lipsum} so that every
         * render draws the same values (for tests); {@code null} (the default) draws unpredictable ones.
         */
        public Builder randomSeed(Long seed) {
            this.randomSeed = seed;
            return this;
        }

        /** The environment. */
        public TemplateEnvironment build() {
            return new TemplateEnvironment(this);
        }

        private static String identifier(String name, String what) {
            Objects.requireNonNull(name, what + " name");
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
                throw new IllegalArgumentException(what + " name must be an identifier: '" + name + "'");
            }
            return name;
        }
    }
}
