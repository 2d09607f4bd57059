package dev.hayloft.openai.internal;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonArray;
import com.openai.core.JsonBoolean;
import com.openai.core.JsonMissing;
import com.openai.core.JsonNull;
import com.openai.core.JsonNumber;
import com.openai.core.JsonObject;
import com.openai.core.JsonString;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.moderations.ModerationCreateParams;
import com.openai.models.moderations.ModerationCreateResponse;
import dev.hayloft.core.serde.Json;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Chat completions through openai-java, used where openai-java shapes the request (Azure mode,
 * client customisers). The body travels as openai-java "additional body properties", except
 * {@code model}, which goes into its typed field (openai-java reads it, e.g. for Azure
 * deployment URLs); the typed {@code messages} field is left missing. So each key is
 * serialised exactly once, exactly as given. The raw response is read here: parsed once into
 * maps (cheaper than openai-java's typed model and lenient with what compatible servers send),
 * or the raw event stream handed over (openai-java's stream handler hides whether
 * {@code [DONE]} came and fails on {@code "error": null}).
 *
 * <pre>{@code
 * ChatTransport transport = new OpenAIJavaChatTransport(client);
 * Map<String, Object> completion = transport.complete(body);
 * }</pre>
 */
public final class OpenAIJavaChatTransport implements ChatTransport {
    private final OpenAIClient client;

    /** Requests made with {@code client}. */
    public OpenAIJavaChatTransport(OpenAIClient client) {
        this.client = client;
    }

    @Override
    public Map<String, Object> complete(Map<String, Object> body) {
        try (HttpResponseFor<ChatCompletion> response = client.chat().completions().withRawResponse()
                .create(params(body))) {
            return Json.parseObject(response.body());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new OpenAIInvalidDataException("The chat completion is not valid JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T stream(Map<String, Object> body, Function<InputStream, T> reader) {
        try (HttpResponseFor<StreamResponse<ChatCompletionChunk>> response = client.chat().completions()
                .withRawResponse().createStreaming(params(body))) {
            return reader.apply(response.body());
        }
    }

    /** A moderation through openai-java's moderation service: {@code model} and {@code input} typed, other keys verbatim. */
    @Override
    public Map<String, Object> moderate(Map<String, Object> body) {
        ModerationCreateParams.Builder b = ModerationCreateParams.builder();
        Map<String, JsonValue> extra = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : body.entrySet()) {
            if (e.getKey().equals("model") && e.getValue() instanceof String) {
                b.model((String) e.getValue());
            } else if (e.getKey().equals("input") && e.getValue() instanceof List) {
                List<String> texts = new ArrayList<>();
                ((List<?>) e.getValue()).forEach(t -> texts.add(String.valueOf(t)));
                b.inputOfStrings(texts);
            } else {
                extra.put(e.getKey(), json(e.getValue()));
            }
        }
        try (HttpResponseFor<ModerationCreateResponse> response = client.moderations().withRawResponse()
                .create(b.additionalBodyProperties(extra).build())) {
            return Json.parseObject(response.body());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new OpenAIInvalidDataException("The moderation response is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The openai-java parameters carrying {@code body} verbatim. */
    @SuppressWarnings("unchecked") // JsonMissing is a raw JsonField
    public static ChatCompletionCreateParams params(Map<String, Object> body) {
        ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder().messages(JsonMissing.of());
        Object model = body.get("model");
        // the typed model field lets openai-java read the model name (Azure deployment URLs) without failing
        boolean typedModel = model instanceof String;
        if (typedModel) {
            b.model((String) model);
        } else {
            b.model(JsonMissing.of());
        }
        Map<String, JsonValue> json = new LinkedHashMap<>(body.size() * 2);
        for (Map.Entry<String, Object> e : body.entrySet()) {
            if (!typedModel || !e.getKey().equals("model")) {
                json.put(e.getKey(), json(e.getValue()));
            }
        }
        return b.additionalBodyProperties(json).build();
    }

    /** Plain JSON-like values as openai-java JSON values, built directly (no Jackson round trip). */
    static JsonValue json(Object v) {
        if (v == null) {
            return JsonNull.of();
        }
        if (v instanceof String) {
            return JsonString.of((String) v);
        }
        if (v instanceof Boolean) {
            return JsonBoolean.of(((Boolean) v).booleanValue());
        }
        if (v instanceof Number) {
            return JsonNumber.of((Number) v);
        }
        if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            Map<String, JsonValue> out = new LinkedHashMap<>(Math.max(4, m.size() * 2));
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), json(e.getValue()));
            }
            return JsonObject.of(out);
        }
        if (v instanceof List) {
            List<?> l = (List<?>) v;
            List<JsonValue> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(json(o));
            }
            return JsonArray.of(out);
        }
        return JsonValue.from(v);
    }
}
