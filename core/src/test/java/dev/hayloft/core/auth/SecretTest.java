package dev.hayloft.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.errors.SerializationException;
import dev.hayloft.core.serde.JsonValues;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretTest {
    private static final String TOKEN = "sk-test-0123456789abcdef";

    @Test
    void envVarSecretHasHaystacksShape() {
        Secret s = Secret.fromEnvVar(List.of("A_KEY", "B_KEY"), false);
        assertEquals(JsonValues.map("type", "env_var", "env_vars", List.of("A_KEY", "B_KEY"), "strict", false),
                s.toDict());
        assertEquals(s, Secret.fromDict(s.toDict()));
        assertEquals(JsonValues.map("type", "env_var", "env_vars", List.of("OPENAI_API_KEY"), "strict", true),
                Secret.fromEnvVar("OPENAI_API_KEY").toDict());
    }

    @Test
    void envVarSecretResolvesTheFirstSetVariable() {
        Secret s = Secret.fromEnvVar(List.of("A_KEY", "B_KEY"), true);
        assertEquals(Optional.of("b"), s.resolveValue(Map.of("B_KEY", "b")::get));
        assertEquals(Optional.of("a"), s.resolveValue(Map.of("A_KEY", "a", "B_KEY", "b")::get));
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> s.resolveValue(k -> null));
        assertTrue(none.getMessage().contains("A_KEY"));
        assertEquals(Optional.empty(), Secret.fromEnvVar(List.of("A_KEY"), false).resolveValue(k -> null));
        assertThrows(IllegalArgumentException.class, () -> Secret.fromEnvVar(List.of(), true));
    }

    @Test
    void tokenSecretNeverShowsItsValue() {
        Secret s = Secret.fromToken(TOKEN);
        assertEquals(Optional.of(TOKEN), s.resolveValue());
        assertFalse(s.toString().contains(TOKEN));
        assertEquals("Secret(token=***)", s.toString());
        SerializationException ser = assertThrows(SerializationException.class, s::toDict);
        assertFalse(ser.getMessage().contains(TOKEN));
        DeserializationException de = assertThrows(DeserializationException.class,
                () -> Secret.fromDict(Map.of("type", "token", "token", TOKEN)));
        assertFalse(de.getMessage().contains(TOKEN));
        assertThrows(IllegalArgumentException.class, () -> Secret.fromToken(""));
    }

    @Test
    void badDictsNameTheField() {
        DeserializationException unknown = assertThrows(DeserializationException.class,
                () -> Secret.fromDict(Map.of("type", "vault")));
        assertEquals("type", unknown.path().orElseThrow());
        DeserializationException noVars = assertThrows(DeserializationException.class,
                () -> Secret.fromDict(Map.of("type", "env_var")));
        assertEquals("env_vars", noVars.path().orElseThrow());
    }
}
