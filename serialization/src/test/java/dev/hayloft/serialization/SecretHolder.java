package dev.hayloft.serialization;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.component.Component;
import dev.hayloft.core.component.Components;
import dev.hayloft.core.component.Input;
import dev.hayloft.core.component.Run;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** A test component with a secret, an int and a nested map, for deserialization tests. */
public final class SecretHolder implements Component {
    public record Result(String out) {
    }

    final Secret apiKey;
    final int retries;

    SecretHolder(Secret apiKey, int retries) {
        this.apiKey = apiKey;
        this.retries = retries;
    }

    @Run
    public Result run(@Input("in") String in) {
        return new Result(in);
    }

    @Override
    public Map<String, Object> toDict() {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("api_key", apiKey.toDict());
        init.put("retries", retries);
        return Components.dict(this, init);
    }

    static SecretHolder create(DictReader init, DeserializationContext ctx) {
        Secret s = ctx.secret(init, "api_key");
        Integer retries = init.optionalInt("retries");
        return new SecretHolder(s == null ? Secret.fromEnvVar("HOLDER_KEY") : s, retries == null ? 3 : retries);
    }

    /** For the allow-list test: resolved by class name without registration. */
    public static SecretHolder fromDict(Map<String, ?> data) {
        DictReader r = DictReader.of(data, "").child("init_parameters");
        return create(r, DeserializationContext.defaults());
    }
}
