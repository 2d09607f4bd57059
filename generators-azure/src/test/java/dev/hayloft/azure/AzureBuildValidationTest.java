package dev.hayloft.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.component.ComponentRegistry;
import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.serde.JsonValues;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Building refuses what cannot work, naming the field; the environment fallbacks are read once, at build. */
class AzureBuildValidationTest {
    private static final String ENDPOINT = "https://my-resource.openai.azure.com/";
    private static final Function<String, String> KEY_ONLY = Map.of("AZURE_OPENAI_API_KEY", "k-123456789")::get;

    @Test
    void noEndpointNamesTheFieldAndTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AzureOpenAIChatGenerator.builder().environment(KEY_ONLY).build());
        assertTrue(e.getMessage().contains("azure_endpoint"), e.getMessage());
        assertTrue(e.getMessage().contains("AZURE_OPENAI_ENDPOINT"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AzureOpenAIGenerator.builder().environment(KEY_ONLY).build());
    }

    @Test
    void theEndpointComesFromTheEnvironmentWhenNotGiven() {
        AzureOpenAIChatGenerator g = AzureOpenAIChatGenerator.builder().environment(Map.of("AZURE_OPENAI_ENDPOINT",
                ENDPOINT, "AZURE_OPENAI_API_KEY", "k-123456789")::get).build();
        assertEquals(ENDPOINT, g.azureEndpoint());
        assertEquals(ENDPOINT, ((Map<?, ?>) g.toDict().get("init_parameters")).get("azure_endpoint"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"some-non-existing-endpoint", "my-resource.openai.azure.com", "ftp://my-resource/",
        "https://", "https://my-resource.openai.azure.com/?api-version=2024-10-21", "http:///path-only", "https://a b/"})
    void malformedEndpointsNameTheField(String endpoint) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AzureOpenAIChatGenerator.builder().azureEndpoint(endpoint).environment(KEY_ONLY).build());
        assertTrue(e.getMessage().startsWith("azure_endpoint"), e.getMessage());
    }

    @Test
    void anEndpointWithCredentialsInItIsRefusedWithoutEchoingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AzureOpenAIChatGenerator
                .builder().azureEndpoint("https://user:hunter2secret@my-resource.openai.azure.com/")
                .environment(KEY_ONLY).build());
        assertFalse(e.getMessage().contains("hunter2secret"), e.getMessage());
    }

    @Test
    void noCredentialAtAllNamesTheThreeFields() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AzureOpenAIChatGenerator.builder().azureEndpoint(ENDPOINT).environment(name -> null).build());
        for (String field : List.of("api_key", "azure_ad_token", "azure_ad_token_provider")) {
            assertTrue(e.getMessage().contains(field), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> AzureOpenAIGenerator.builder().azureEndpoint(ENDPOINT)
                .apiKey(null).azureAdToken(null).environment(name -> null).build());
    }

    @Test
    void anyOneCredentialIsEnough() {
        Function<String, String> none = name -> null;
        AzureOpenAIChatGenerator.builder().azureEndpoint(ENDPOINT).apiKey(Secret.fromToken("k-1")).environment(none)
                .build().close();
        AzureOpenAIChatGenerator.builder().azureEndpoint(ENDPOINT).azureAdToken(Secret.fromToken("t-1"))
                .environment(none).build().close();
        AzureOpenAIChatGenerator.builder().azureEndpoint(ENDPOINT).apiKey(null).azureAdToken(null)
                .azureAdTokenProvider(() -> "t").environment(none).build().close();
    }

    @Test
    void aStrictSecretThatIsUnsetNamesItsFieldAndVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AzureOpenAIChatGenerator
                .builder().azureEndpoint(ENDPOINT).apiKey(Secret.fromEnvVar("MY_AZURE_KEY")).environment(name -> null)
                .build());
        assertTrue(e.getMessage().contains("api_key"), e.getMessage());
        assertTrue(e.getMessage().contains("MY_AZURE_KEY"), e.getMessage());
    }

    @Test
    void theEnvironmentDefaultsForTimeoutRetriesAndApiVersion() {
        Map<String, String> env = Map.of("AZURE_OPENAI_API_KEY", "k-1", "OPENAI_TIMEOUT", "12.5",
                "OPENAI_MAX_RETRIES", "2", "OPENAI_API_VERSION", "2024-06-01");
        AzureOpenAIChatGenerator g = AzureOpenAIChatGenerator.builder().azureEndpoint(ENDPOINT).apiVersion(null)
                .environment(env::get).build();
        assertEquals(Duration.ofMillis(12500), g.timeout());
        assertEquals(2, g.maxRetries());
        Map<?, ?> init = (Map<?, ?>) g.toDict().get("init_parameters");
        assertEquals(12.5, init.get("timeout"));
        assertEquals(2, init.get("max_retries"));
        assertEquals(null, init.get("api_version"), "api_version stays as given, like Haystack's");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AzureOpenAIChatGenerator
                .builder().azureEndpoint(ENDPOINT).apiVersion(null).environment(KEY_ONLY).build());
        assertTrue(e.getMessage().contains("api_version"), e.getMessage());
    }

    @Test
    void otherFieldsAreCheckedToo() {
        assertThrows(IllegalArgumentException.class, () -> AzureOpenAIChatGenerator.builder().azureEndpoint(ENDPOINT)
                .maxRetries(-1).environment(KEY_ONLY).build());
        assertThrows(IllegalArgumentException.class, () -> AzureOpenAIChatGenerator.builder().azureEndpoint(ENDPOINT)
                .timeout(Duration.ZERO).environment(KEY_ONLY).build());
        assertThrows(IllegalArgumentException.class, () -> AzureOpenAIChatGenerator.builder().azureEndpoint(ENDPOINT)
                .azureDeployment(" ").environment(KEY_ONLY).build());
        assertThrows(IllegalArgumentException.class, () -> AzureOpenAIChatGenerator.builder().azureEndpoint(ENDPOINT)
                .httpClientKwargs(Map.of("no_such_option", 1)).environment(KEY_ONLY).build());
        assertThrows(IllegalArgumentException.class, () -> AzureOpenAIChatGenerator.builder().azureEndpoint(ENDPOINT)
                .generationKwargs(Map.of("response_format", String.class)).environment(KEY_ONLY).build());
    }

    @Test
    void fromDictErrorsNameThePath() {
        Map<String, Object> data = JsonValues.map("type", "haystack.components.generators.chat.azure."
                + "AzureOpenAIChatGenerator", "init_parameters", JsonValues.map("azure_endpoint", "not a url",
                        "azure_ad_token_provider", AzureTokenProvider.HAYSTACK_DEFAULT));
        DeserializationException e = assertThrows(DeserializationException.class,
                () -> ComponentRegistry.defaults().fromDict(data));
        assertTrue(e.getMessage().contains("azure_endpoint"), e.getMessage());
        Map<String, Object> badHeaders = JsonValues.map("type", AzureOpenAIGenerator.class.getName(), "init_parameters",
                JsonValues.map("azure_endpoint", ENDPOINT, "default_headers", Map.of("x-n", 1)));
        e = assertThrows(DeserializationException.class, () -> ComponentRegistry.defaults().fromDict(badHeaders));
        assertTrue(e.getMessage().contains("default_headers"), e.getMessage());
    }

    @Test
    void toStringShowsNoSecrets() {
        AzureOpenAIChatGenerator g = AzureOpenAIChatGenerator.builder().azureEndpoint(ENDPOINT)
                .apiKey(Secret.fromToken("k-supersecret-9876")).azureAdToken(Secret.fromToken("t-supersecret-5432"))
                .environment(name -> null).build();
        assertFalse(g.toString().contains("supersecret"), g.toString());
        AzureOpenAIGenerator t = AzureOpenAIGenerator.builder().azureEndpoint(ENDPOINT)
                .apiKey(Secret.fromToken("k-supersecret-9876")).environment(name -> null).build();
        assertFalse(t.toString().contains("supersecret"), t.toString());
    }
}
