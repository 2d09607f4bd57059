package dev.hayloft.hf.api.internal;

import dev.hayloft.core.serde.JsonValues;
import dev.hayloft.hf.api.ResponseFormat;
import dev.hayloft.hf.api.ServerBackend;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes one {@link ResponseFormat} in the dialect of the server behind the URL, and refuses,
 * before anything is sent, what that server cannot do:
 *
 * <table>
 * <caption>structured output per backend</caption>
 * <tr><th>format</th><th>TGI</th><th>vLLM</th><th>SGLang</th><th>OpenAI / router</th></tr>
 * <tr><td>JSON schema</td><td>{@code response_format {"type":"json","value":schema}}</td>
 *     <td>{@code structured_outputs {"json":schema}}</td>
 *     <td colspan="2">{@code response_format {"type":"json_schema","json_schema":{...}}}</td></tr>
 * <tr><td>JSON object</td><td>refused (TGI needs a schema)</td><td>{@code structured_outputs {"json_object":true}}</td>
 *     <td colspan="2">{@code response_format {"type":"json_object"}}</td></tr>
 * <tr><td>regex</td><td>{@code response_format {"type":"regex","value":...}}</td>
 *     <td>{@code structured_outputs {"regex":...}}</td><td>{@code regex}</td><td>refused</td></tr>
 * <tr><td>choice</td><td>a regex of the choices</td><td>{@code structured_outputs {"choice":[...]}}</td>
 *     <td>{@code regex} of the choices</td><td>refused</td></tr>
 * </table>
 *
 * <p>TGI also refuses a format together with tools (it constrains tool calls with a grammar of
 * its own). The text generator's TGI {@code /generate} takes the same TGI object as
 * {@code parameters.grammar}.
 *
 * <pre>{@code
 * StructuredOutputs.applyToChat(body, ResponseFormat.regex("[0-9]{4}"), ServerBackend.VLLM, false);
 * // body.structured_outputs = {regex=[0-9]{4}}
 * }</pre>
 */
public final class StructuredOutputs {
    private static final String SPECIAL = "\\.^$|?*+()[]{}";

    private StructuredOutputs() {
    }

    /** Adds {@code format} to the chat-completion {@code body} as {@code backend} expects it. */
    public static void applyToChat(Map<String, Object> body, ResponseFormat format, ServerBackend backend,
            boolean withTools) {
        if (body.containsKey("structured_outputs") || body.containsKey("guided_json")
                || body.containsKey("guided_regex") || body.containsKey("guided_choice")) {
            throw new IllegalArgumentException("generation_kwargs: give the structured output either as "
                    + "response_format or as vLLM's own structured_outputs / guided_* fields, not both");
        }
        switch (backend) {
            case TGI:
                if (withTools) {
                    throw new IllegalArgumentException("TGI cannot combine response_format with tools: it constrains "
                            + "tool calls with a grammar of its own (\"Grammar and tools are mutually exclusive\"); "
                            + "send this request without tools, or without response_format");
                }
                body.put("response_format", tgiGrammar(format));
                return;
            case VLLM:
                body.put("structured_outputs", vllm(format));
                return;
            case SGLANG:
                if (format instanceof ResponseFormat.Regex || format instanceof ResponseFormat.Choice) {
                    body.put("regex", regexOf(format));
                } else {
                    body.put("response_format", openAi(format, backend));
                }
                return;
            default:
                body.put("response_format", openAi(format, backend));
        }
    }

    /**
     * TGI's grammar object {@code {"type": "json" | "regex", "value": ...}} (its chat
     * {@code response_format} and {@code /generate}'s {@code parameters.grammar}).
     */
    public static Map<String, Object> tgiGrammar(ResponseFormat format) {
        if (format instanceof ResponseFormat.JsonObject) {
            throw new IllegalArgumentException("TGI cannot constrain to JSON without a schema: its grammar needs one "
                    + "({\"type\": \"json\", \"value\": schema}); give a JSON schema (e.g. {\"type\": \"object\"}) "
                    + "instead of {\"type\": \"json_object\"}");
        }
        if (format instanceof ResponseFormat.JsonSchema) {
            return JsonValues.map("type", "json", "value", JsonValues.mutableMap(((ResponseFormat.JsonSchema) format)
                    .schema()));
        }
        return JsonValues.map("type", "regex", "value", regexOf(format));
    }

    private static Map<String, Object> vllm(ResponseFormat format) {
        if (format instanceof ResponseFormat.JsonSchema) {
            return JsonValues.map("json", JsonValues.mutableMap(((ResponseFormat.JsonSchema) format).schema()));
        }
        if (format instanceof ResponseFormat.JsonObject) {
            return JsonValues.map("json_object", true);
        }
        if (format instanceof ResponseFormat.Regex) {
            return JsonValues.map("regex", ((ResponseFormat.Regex) format).pattern());
        }
        return JsonValues.map("choice", ((ResponseFormat.Choice) format).options());
    }

    private static Map<String, Object> openAi(ResponseFormat format, ServerBackend backend) {
        if (format instanceof ResponseFormat.Regex || format instanceof ResponseFormat.Choice) {
            throw new IllegalArgumentException("A " + (format instanceof ResponseFormat.Regex ? "regex" : "choice")
                    + " response_format is not part of OpenAI's structured outputs, so the Hugging Face router and "
                    + "OpenAI-compatible servers cannot enforce it; use a JSON schema, or set api_params.backend to "
                    + "tgi, vllm or sglang when the server at the URL is one of those");
        }
        if (format instanceof ResponseFormat.JsonObject) {
            return JsonValues.map("type", "json_object");
        }
        ResponseFormat.JsonSchema s = (ResponseFormat.JsonSchema) format;
        Map<String, Object> js = new LinkedHashMap<>();
        js.put("name", s.name());
        js.put("schema", JsonValues.mutableMap(s.schema()));
        if (s.strict() != null && backend == ServerBackend.OPENAI) {
            js.put("strict", s.strict());
        }
        return JsonValues.map("type", "json_schema", "json_schema", js);
    }

    /** The regex of a regex format, or one matching exactly one of a choice's options. */
    static String regexOf(ResponseFormat format) {
        if (format instanceof ResponseFormat.Regex) {
            return ((ResponseFormat.Regex) format).pattern();
        }
        StringBuilder sb = new StringBuilder("(");
        for (String option : ((ResponseFormat.Choice) format).options()) {
            if (sb.length() > 1) {
                sb.append('|');
            }
            for (int i = 0; i < option.length(); i++) {
                char c = option.charAt(i);
                if (SPECIAL.indexOf(c) >= 0) {
                    sb.append('\\');
                }
                sb.append(c);
            }
        }
        return sb.append(')').toString();
    }
}
