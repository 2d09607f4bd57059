package dev.hayloft.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaTypeVariable;
import com.tngtech.archunit.core.domain.properties.HasSourceCodeLocation;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hayloft's module-boundary rules, parameterised by a {@link Modules} table so that the same
 * rules run on the production classes ({@code ArchitectureTest}) and on a deliberately broken
 * fixture ({@code BoundaryRulesFixtureTest}).
 *
 * <ol>
 * <li>{@link #internalsStayInTheirModule}: a class may use a class in an {@code ..internal..}
 *     package of ours only if both are in the same module.</li>
 * <li>{@link #publicApiExposesNoThirdPartyType}: the public API names no type of openai-java,
 *     OkHttp/Okio, Jackson or DJL; see that method for what counts as the public API.</li>
 * <li>{@link #coreDependsOnNoProvider}: core uses none of our other modules except the ones
 *     it builds on, and none of the provider libraries.</li>
 * </ol>
 *
 * <pre>{@code
 * BoundaryRules.internalsStayInTheirModule(Modules.HAYLOFT, Set.of("benchmarks"), Set.of()).check(classes);
 * }</pre>
 */
final class BoundaryRules {
    /** Package roots of the libraries no public signature of ours may name, with their names. */
    static final Map<String, String> HIDDEN_LIBRARIES = orderedMap(
            "com.openai", "openai-java",
            "okhttp3", "OkHttp",
            "okio", "Okio (OkHttp's I/O)",
            "com.fasterxml.jackson", "Jackson",
            "ai.djl", "DJL");

    /** Package roots of the provider libraries core must not use at all (Jackson is core's JSON). */
    static final List<String> PROVIDER_LIBRARIES = List.of("com.openai..", "okhttp3..", "okio..", "ai.djl..");

    private BoundaryRules() {
    }

    /**
     * Rule 1: no class uses another module's {@code ..internal..} classes. Every dependency
     * ArchUnit sees in the bytecode counts (calls, field access, signatures, generics,
     * annotations, inheritance); compile-time constants the compiler inlined leave none.
     *
     * @param exemptModules modules whose classes may use any internal class (benchmarks)
     * @param allowedTargets internal classes (fully qualified, nested classes included) or
     *        packages (ending in {@code ..}) that may be used from anywhere
     */
    static ArchRule internalsStayInTheirModule(Modules modules, Set<String> exemptModules,
            Set<String> allowedTargets) {
        ArchCondition<JavaClass> condition = new ArchCondition<>(
                "use only their own module's internal packages") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String from = modules.moduleOf(origin).orElse("?");
                if (exemptModules.contains(from)) {
                    return;
                }
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass().getBaseComponentType();
                    if (!Modules.isOurs(target.getName()) || !Modules.isInternal(target.getPackageName())
                            || allowed(target, allowedTargets)) {
                        continue;
                    }
                    String to = modules.moduleOf(target).orElse("?");
                    if (!to.equals(from)) {
                        events.add(SimpleConditionEvent.violated(d, origin.getName() + " (module " + from
                                + ") uses " + target.getName() + ", internal to module " + to + ": "
                                + d.getDescription()));
                    }
                }
            }
        };
        return classes().that(ours()).should(condition)
                .because("a module's internal packages are its implementation, free to change (DESIGN.md)");
    }

    private static boolean allowed(JavaClass target, Set<String> allowedTargets) {
        String name = target.getName();
        for (String a : allowedTargets) {
            if (a.endsWith("..") ? name.startsWith(a.substring(0, a.length() - 1))
                    : name.equals(a) || name.startsWith(a + "$")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Rule 2: the public API names no type of {@link #HIDDEN_LIBRARIES}. The public API is:
     * every class of ours that is public, together with all classes enclosing it, in a package
     * that is not {@code ..internal..}, outside {@code nonApiModules}; and of such a class, its
     * superclass, interfaces and type parameters, and every public or protected, non-synthetic
     * field (its type), constructor and method (parameter types, return type, type parameters
     * and throws clause). Generic type arguments and bounds count, so
     * {@code Function<OpenAIClient, T>} is exposure while {@code <T> T unwrap(Class<T>)} is not.
     * Annotations and method bodies do not count.
     *
     * @param nonApiModules modules that are programs, not library API (examples, benchmarks)
     */
    static ArchRule publicApiExposesNoThirdPartyType(Modules modules, Set<String> nonApiModules) {
        ArchCondition<JavaClass> condition = new ArchCondition<>(
                "name no type of " + new TreeSet<>(HIDDEN_LIBRARIES.values()) + " in their public signatures") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                c.getSuperclass().ifPresent(t -> expose(c, "superclass", List.of(t), c, events));
                expose(c, "interfaces", c.getInterfaces(), c, events);
                expose(c, "type parameters", c.getTypeParameters(), c, events);
                for (JavaField f : c.getFields()) {
                    if (visible(f)) {
                        expose(f, "type", List.of(f.getType()), f, events);
                    }
                }
                for (JavaCodeUnit u : c.getCodeUnits()) {
                    if (!visible(u) || u.getModifiers().contains(JavaModifier.BRIDGE)) {
                        continue;
                    }
                    expose(u, "parameter types", u.getParameterTypes(), u, events);
                    expose(u, "return type", List.of(u.getReturnType()), u, events);
                    expose(u, "type parameters", u.getTypeParameters(), u, events);
                    expose(u, "throws clause", u.getThrowsClause().getTypes(), u, events);
                }
            }
        };
        DescribedPredicate<JavaClass> api = DescribedPredicate.describe("are public API of Hayloft",
                c -> isOurs(c) && !Modules.isInternal(c.getPackageName()) && effectivelyPublic(c)
                        && !modules.moduleOf(c).filter(nonApiModules::contains).isPresent());
        return classes().that(api).should(condition)
                .because("the API must not change when openai-java, OkHttp, Jackson or DJL do; advanced "
                        + "access goes through class tokens such as OpenAIConnection.unwrap(Class)");
    }

    private static boolean visible(JavaMember m) {
        Set<JavaModifier> mods = m.getModifiers();
        return (mods.contains(JavaModifier.PUBLIC) || mods.contains(JavaModifier.PROTECTED))
                && !mods.contains(JavaModifier.SYNTHETIC);
    }

    private static boolean effectivelyPublic(JavaClass c) {
        if (!c.getModifiers().contains(JavaModifier.PUBLIC) || c.isAnonymousClass() || c.isLocalClass()) {
            return false;
        }
        Optional<JavaClass> outer = c.getEnclosingClass();
        return outer.isEmpty() || effectivelyPublic(outer.get());
    }

    private static void expose(Object owner, String role, Collection<? extends JavaType> types,
            HasSourceCodeLocation where, ConditionEvents events) {
        Set<String> seen = new TreeSet<>();
        for (JavaType t : types) {
            Set<JavaClass> involved = new LinkedHashSet<>(t.getAllInvolvedRawTypes());
            if (t instanceof JavaTypeVariable) {
                for (JavaType bound : ((JavaTypeVariable<?>) t).getUpperBounds()) {
                    involved.addAll(bound.getAllInvolvedRawTypes());
                }
            }
            for (JavaClass raw : involved) {
                String library = hiddenLibrary(raw.getBaseComponentType().getName());
                if (library != null && seen.add(raw.getName())) {
                    String name = owner instanceof JavaMember ? ((JavaMember) owner).getFullName()
                            : ((JavaClass) owner).getName();
                    events.add(SimpleConditionEvent.violated(owner, name + " exposes " + raw.getName() + " ("
                            + library + ") in its " + role + " " + where.getSourceCodeLocation()));
                }
            }
        }
    }

    /** The name of the hidden library {@code className} belongs to, or null. */
    static String hiddenLibrary(String className) {
        for (Map.Entry<String, String> e : HIDDEN_LIBRARIES.entrySet()) {
            if (className.startsWith(e.getKey() + ".")) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * Rule 3: the classes of {@code core} depend on no Hayloft class outside {@code coreMayUse}
     * (itself and the modules beneath it) and on no class of {@link #PROVIDER_LIBRARIES}.
     */
    static ArchRule coreDependsOnNoProvider(Modules modules, String core, Set<String> coreMayUse) {
        return noClasses().that(modules.inModule(core)).should().dependOnClassesThat(
                modules.ourClassesOutside(coreMayUse)
                        .or(resideInAnyPackage(PROVIDER_LIBRARIES.toArray(new String[0]))
                                .as("reside in a provider library " + PROVIDER_LIBRARIES)))
                .because("dependencies point one way: providers -> core -> templates (DESIGN.md)");
    }

    private static DescribedPredicate<JavaClass> ours() {
        return DescribedPredicate.describe("are Hayloft classes", BoundaryRules::isOurs);
    }

    private static boolean isOurs(JavaClass c) {
        return Modules.isOurs(c.getName());
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
