package dev.hayloft.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hayloft's module boundaries, checked on the production classes of every module (this
 * module depends on all of them; test classes are left out). Run with the build:
 * {@code ./mvnw -B verify}, or alone: {@code ./mvnw -B -pl architecture-tests -am verify}.
 *
 * <pre>{@code
 * // a failure reads, e.g.:
 * // dev.hayloft.serialization.SafeYaml (module serialization) uses dev.hayloft.core.internal.X,
 * //     internal to module core: Method <...> calls method <...> in (SafeYaml.java:42)
 * }</pre>
 */
@AnalyzeClasses(packages = Modules.OUR_ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** Internal classes other modules may use: none. */
    static final Set<String> SHARED_INTERNALS = Set.of();

    /** Benchmarks measure internals directly (e.g. the local runtime without the component). */
    static final Set<String> MAY_USE_ANY_INTERNALS = Set.of("benchmarks");
    /** Programs, not library API: their public methods may show third-party types. */
    static final Set<String> NOT_API = Set.of("examples", "benchmarks");
    /** What core may build on among our modules. */
    static final Set<String> CORE_MAY_USE = Set.of("core", "templates");

    @ArchTest
    static final ArchRule internalsStayInTheirModule = BoundaryRules.internalsStayInTheirModule(Modules.HAYLOFT,
            MAY_USE_ANY_INTERNALS, SHARED_INTERNALS);

    @ArchTest
    static final ArchRule publicApiExposesNoThirdPartyType = BoundaryRules.publicApiExposesNoThirdPartyType(
            Modules.HAYLOFT, NOT_API);

    @ArchTest
    static final ArchRule coreDependsOnNoProvider = BoundaryRules.coreDependsOnNoProvider(Modules.HAYLOFT, "core",
            CORE_MAY_USE);

    /**
     * The package table the rules use agrees with where each class was really loaded from, so
     * no class sits in another module's packages; and the import saw the modules that have code.
     */
    @ArchTest
    static void everyClassLiesInTheModuleItsPackageNames(JavaClasses classes) {
        List<String> wrong = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        int located = 0;
        for (JavaClass c : classes) {
            Optional<String> byPackage = Modules.HAYLOFT.moduleOf(c);
            if (byPackage.isEmpty()) {
                wrong.add(c.getName() + " is in no module's packages; add its package root to Modules.HAYLOFT");
                continue;
            }
            seen.add(byPackage.get());
            Optional<String> byLocation = c.getSource().flatMap(Modules.HAYLOFT::moduleAt);
            if (byLocation.isPresent()) {
                located++;
                if (!byLocation.equals(byPackage)) {
                    wrong.add(c.getName() + " lies in module " + byLocation.get() + " but its package belongs to "
                            + byPackage.get());
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(located > 0, "no class was found in a module's target/classes or jar");
        assertTrue(seen.containsAll(Set.of("core", "serialization", "generators-openai", "generators-dalle",
                "generators-hf-local", "examples", "benchmarks")), "modules seen: " + seen);
    }
}
