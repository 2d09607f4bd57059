package dev.hayloft.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The rules can fail: applied to the deliberately broken fixture in
 * {@code dev.hayloft.archfixture}, each rejects exactly the planted violations, and the
 * look-alikes that are allowed pass.
 */
class BoundaryRulesFixtureTest {
    private static final String FIXTURE = "dev.hayloft.archfixture";
    private static final Modules MODULES = Modules.of(Map.of(
            "fixture-core", List.of(FIXTURE + ".core"),
            "fixture-provider", List.of(FIXTURE + ".provider"),
            "fixture-app", List.of(FIXTURE + ".app")));
    private static final String LEAKY_APP = FIXTURE + ".app.LeakyApp";

    private final JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE);

    /** The violation messages, without their trailing source location. */
    private static Set<String> violations(ArchRule rule, JavaClasses classes) {
        EvaluationResult result = rule.evaluate(classes);
        return result.getFailureReport().getDetails().stream()
                .map(d -> d.replaceAll(" \\(\\w+\\.java:\\d+\\)$", ""))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void anotherModulesInternalClassIsRejected() {
        ArchRule rule = BoundaryRules.internalsStayInTheirModule(MODULES, Set.of(), Set.of());
        Set<String> v = violations(rule, fixture);
        String prefix = LEAKY_APP + " (module fixture-app) uses " + FIXTURE
                + ".provider.internal.ProviderInternals, internal to module fixture-provider: Method <" + LEAKY_APP
                + ".sauce()> calls method <" + FIXTURE + ".provider.internal.ProviderInternals.secretSauce()> in";
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.iterator().next().startsWith(prefix), v.toString());
        AssertionError failure = assertThrows(AssertionError.class, () -> rule.check(fixture));
        assertTrue(failure.getMessage().contains("ProviderInternals"), failure.getMessage());
    }

    @Test
    void exemptModulesAndTheAllowListSilenceOnlyTheirEntries() {
        assertEquals(Set.of(), violations(BoundaryRules.internalsStayInTheirModule(MODULES, Set.of("fixture-app"),
                Set.of()), fixture));
        assertEquals(Set.of(), violations(BoundaryRules.internalsStayInTheirModule(MODULES, Set.of(),
                Set.of(FIXTURE + ".provider.internal.ProviderInternals")), fixture));
        assertEquals(Set.of(), violations(BoundaryRules.internalsStayInTheirModule(MODULES, Set.of(),
                Set.of(FIXTURE + ".provider.internal..")), fixture));
        assertEquals(1, violations(BoundaryRules.internalsStayInTheirModule(MODULES, Set.of(),
                Set.of(FIXTURE + ".provider.internal.ProviderInternal")), fixture).size());
    }

    @Test
    void thirdPartyTypesInPublicSignaturesAreRejected() {
        ArchRule rule = BoundaryRules.publicApiExposesNoThirdPartyType(MODULES, Set.of());
        String okhttp = " (OkHttp) in its ";
        assertEquals(new TreeSet<>(Set.of(
                LEAKY_APP + ".http exposes okhttp3.OkHttpClient" + okhttp + "type",
                LEAKY_APP + ".<init>(okhttp3.OkHttpClient) exposes okhttp3.OkHttpClient" + okhttp + "parameter types",
                LEAKY_APP + ".client() exposes okhttp3.OkHttpClient" + okhttp + "return type",
                LEAKY_APP + ".pending() exposes okhttp3.Request" + okhttp + "return type",
                LEAKY_APP + ".first(java.util.List) exposes okhttp3.Call" + okhttp + "parameter types",
                LEAKY_APP + ".first(java.util.List) exposes okhttp3.Call" + okhttp + "return type",
                LEAKY_APP + ".first(java.util.List) exposes okhttp3.Call" + okhttp + "type parameters",
                LEAKY_APP + ".parse(java.lang.String) exposes com.fasterxml.jackson.core.JsonProcessingException"
                        + " (Jackson) in its throws clause",
                LEAKY_APP + "$Listener exposes okhttp3.EventListener" + okhttp + "superclass")),
                violations(rule, fixture));
        // the class token (unwrap), private members, package-private classes and internal packages pass
        assertFalse(violations(rule, fixture).stream().anyMatch(m -> m.contains("unwrap") || m.contains("Hidden")
                || m.contains("Wiring") || m.contains("hidden") || m.contains("request()")));
        assertThrows(AssertionError.class, () -> rule.check(fixture));
    }

    @Test
    void programsAreNoPublicApi() {
        assertEquals(Set.of(), violations(BoundaryRules.publicApiExposesNoThirdPartyType(MODULES,
                Set.of("fixture-app")), fixture));
    }

    @Test
    void coreDependingOnAProviderModuleOrLibraryIsRejected() {
        ArchRule rule = BoundaryRules.coreDependsOnNoProvider(MODULES, "fixture-core", Set.of("fixture-core"));
        Set<String> v = violations(rule, fixture);
        assertTrue(v.stream().allMatch(m -> m.contains("<" + FIXTURE + ".core.LeakyCore")), v.toString());
        assertTrue(v.stream().anyMatch(m -> m.contains(FIXTURE + ".provider.ProviderApi.run()")), v.toString());
        assertTrue(v.stream().anyMatch(m -> m.contains("okhttp3.Request")), v.toString());
        assertThrows(AssertionError.class, () -> rule.check(fixture));
        // the same core allowed to use the provider still may not use OkHttp
        Set<String> libraryOnly = violations(BoundaryRules.coreDependsOnNoProvider(MODULES, "fixture-core",
                Set.of("fixture-core", "fixture-provider")), fixture);
        assertFalse(libraryOnly.isEmpty());
        assertTrue(libraryOnly.stream().allMatch(m -> m.contains("okhttp3.")), libraryOnly.toString());
    }

    @Test
    void theProductionTableMapsFixtureClassesToNoModule() {
        assertTrue(Modules.HAYLOFT.moduleOf(LEAKY_APP).isEmpty());
        assertEquals("generators-openai", Modules.HAYLOFT.moduleOf("dev.hayloft.openai.internal.ErrorMapper")
                .orElseThrow());
        assertEquals("generators-hf-local", Modules.HAYLOFT.moduleOf("dev.hayloft.hf.local.X$Y").orElseThrow());
        assertTrue(Modules.HAYLOFT.moduleOf("dev.hayloft.coreextra.X").isEmpty());
        assertTrue(Modules.HAYLOFT.moduleOf("com.openai.client.OpenAIClient").isEmpty());
    }

    @Test
    void classLocationsNameTheirModule() {
        Modules m = Modules.HAYLOFT;
        assertEquals("generators-openai", m.moduleAt(java.net.URI.create(
                "jar:file:/w/generators-openai/target/hayloft-generators-openai-0.1.0-SNAPSHOT.jar!/dev/hayloft/openai/A.class"))
                .orElseThrow());
        assertEquals("core", m.moduleAt(java.net.URI.create(
                "jar:file:/root/.m2/repository/dev/hayloft/hayloft-core/0.1.0/hayloft-core-0.1.0.jar!/dev/hayloft/core/A.class"))
                .orElseThrow());
        assertEquals("generators-hf-local", m.moduleAt(java.net.URI.create(
                "file:/w/generators-hf-local/target/classes/dev/hayloft/hf/local/A.class")).orElseThrow());
        assertTrue(m.moduleAt(java.net.URI.create("file:/w/out/production/core/dev/hayloft/core/A.class")).isEmpty());
        assertTrue(m.moduleAt(java.net.URI.create("jar:file:/x/okhttp-4.12.0.jar!/okhttp3/A.class")).isEmpty());
    }
}
