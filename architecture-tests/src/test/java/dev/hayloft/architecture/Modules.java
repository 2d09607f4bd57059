package dev.hayloft.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.Source;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which Maven module a class belongs to, by a table of package roots (longest root wins, on
 * package-segment boundaries), plus the same answer read from where the class was loaded
 * ({@code <module>/target/classes/} or {@code hayloft-<module>-<version>.jar}). The rules use
 * the table, which is deterministic and also covers test fixtures; {@code ArchitectureTest}
 * checks the table against the class locations, so a class in the wrong module or a package
 * split across modules fails the build instead of silently mapping to the wrong module.
 *
 * <pre>{@code
 * Modules.HAYLOFT.moduleOf("dev.hayloft.openai.internal.ErrorMapper");   // Optional[generators-openai]
 * Modules.HAYLOFT.moduleOf("com.openai.client.OpenAIClient");            // Optional.empty: not ours
 * }</pre>
 */
final class Modules {
    /** Where all of Hayloft's packages live. */
    static final String OUR_ROOT = "dev.hayloft";

    /**
     * Hayloft's modules (folder names) and their package roots. Modules without code yet are
     * listed so that their first classes are mapped; update this table when adding a module.
     */
    static final Modules HAYLOFT = of(orderedMap(
            "templates", List.of("dev.hayloft.templates"),
            "core", List.of("dev.hayloft.core"),
            "serialization", List.of("dev.hayloft.serialization"),
            "generators-openai", List.of("dev.hayloft.openai"),
            "generators-azure", List.of("dev.hayloft.azure"),
            "generators-dalle", List.of("dev.hayloft.dalle"),
            "generators-hf-api", List.of("dev.hayloft.hf.api"),
            "generators-hf-local", List.of("dev.hayloft.hf.local"),
            "fallback", List.of("dev.hayloft.fallback"),
            "observability", List.of("dev.hayloft.observability"),
            "examples", List.of("dev.hayloft.examples"),
            "benchmarks", List.of("dev.hayloft.benchmarks"),
            "architecture-tests", List.of("dev.hayloft.architecture")));

    private final Map<String, String> moduleByRoot;
    private final Set<String> names;

    private Modules(Map<String, String> moduleByRoot) {
        this.moduleByRoot = Map.copyOf(moduleByRoot);
        this.names = Set.copyOf(moduleByRoot.values());
    }

    /** A table from module name to the package roots it owns; a root may belong to one module only. */
    static Modules of(Map<String, ? extends Collection<String>> rootsByModule) {
        Map<String, String> byRoot = new LinkedHashMap<>();
        rootsByModule.forEach((module, roots) -> {
            for (String root : roots) {
                String previous = byRoot.put(Objects.requireNonNull(root, "root"), module);
                if (previous != null) {
                    throw new IllegalArgumentException("package root " + root + " is claimed by " + previous
                            + " and " + module);
                }
            }
        });
        return new Modules(byRoot);
    }

    private static Map<String, List<String>> orderedMap(Object... pairs) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> roots = (List<String>) pairs[i + 1];
            m.put((String) pairs[i], roots);
        }
        return m;
    }

    /** The module names. */
    Set<String> names() {
        return new TreeSet<>(names);
    }

    /** The module owning {@code className}'s package, if the table has one. */
    Optional<String> moduleOf(String className) {
        String pkg = packageOf(className);
        String best = null;
        for (String root : moduleByRoot.keySet()) {
            if ((pkg.equals(root) || pkg.startsWith(root + ".")) && (best == null || root.length() > best.length())) {
                best = root;
            }
        }
        return Optional.ofNullable(best).map(moduleByRoot::get);
    }

    /** The module owning {@code c} (arrays: their component type). */
    Optional<String> moduleOf(JavaClass c) {
        return moduleOf(c.getBaseComponentType().getName());
    }

    /** Classes of module {@code module}. */
    DescribedPredicate<JavaClass> inModule(String module) {
        return DescribedPredicate.describe("are in module " + module,
                c -> moduleOf(c).filter(module::equals).isPresent());
    }

    /** Classes in one of our packages ({@value #OUR_ROOT}) outside the modules in {@code allowed}. */
    DescribedPredicate<JavaClass> ourClassesOutside(Set<String> allowed) {
        return DescribedPredicate.describe("are Hayloft classes outside modules " + new TreeSet<>(allowed),
                c -> isOurs(c.getBaseComponentType().getName())
                        && !moduleOf(c).filter(allowed::contains).isPresent());
    }

    /** Whether {@code className} is in one of our packages. */
    static boolean isOurs(String className) {
        String pkg = packageOf(className);
        return pkg.equals(OUR_ROOT) || pkg.startsWith(OUR_ROOT + ".");
    }

    /** Whether {@code packageName} is or lies under a package segment named {@code internal}. */
    static boolean isInternal(String packageName) {
        return packageName.equals("internal") || packageName.startsWith("internal.")
                || packageName.endsWith(".internal") || packageName.contains(".internal.");
    }

    /**
     * The module a class was loaded from, read from its code source: a module's
     * {@code <module>/target/classes} folder (compiled in this build) or its jar
     * {@code hayloft-<module>-<version>.jar} (packaged in this build or from a repository).
     * Empty when the location follows neither layout (e.g. an IDE's output folder).
     */
    Optional<String> moduleAt(Source source) {
        return moduleAt(source.getUri());
    }

    Optional<String> moduleAt(URI uri) {
        String s = uri.toString();
        int bang = s.indexOf("!/");
        if (s.startsWith("jar:") && bang > 0) {
            String file = s.substring(s.lastIndexOf('/', bang) + 1, bang);
            for (String module : names) {
                String prefix = "hayloft-" + module + "-";
                if (file.startsWith(prefix) && file.length() > prefix.length()
                        && Character.isDigit(file.charAt(prefix.length()))) {
                    return Optional.of(module);
                }
            }
            return Optional.empty();
        }
        int classes = s.lastIndexOf("/target/classes/");
        if (classes > 0) {
            String folder = s.substring(s.lastIndexOf('/', classes - 1) + 1, classes);
            return names.contains(folder) ? Optional.of(folder) : Optional.empty();
        }
        return Optional.empty();
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    @Override
    public String toString() {
        return "Modules" + moduleByRoot;
    }
}
