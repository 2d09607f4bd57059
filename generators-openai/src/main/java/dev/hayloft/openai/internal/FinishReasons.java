package dev.hayloft.openai.internal;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Haystack's warnings for replies cut short by the token limit or the content filter. */
final class FinishReasons {
    private static final Logger LOG = LoggerFactory.getLogger("dev.hayloft.openai.OpenAIChatGenerator");

    private FinishReasons() {
    }

    static void warnIfAbnormal(Map<String, Object> meta) {
        Object reason = meta.get("finish_reason");
        if ("length".equals(reason)) {
            LOG.warn("The completion for index {} has been truncated before reaching a natural stopping point. "
                    + "Increase the max_completion_tokens parameter to allow for longer completions.",
                    meta.get("index"));
        } else if ("content_filter".equals(reason)) {
            LOG.warn("The completion for index {} has been truncated due to the content filter.", meta.get("index"));
        }
    }
}
