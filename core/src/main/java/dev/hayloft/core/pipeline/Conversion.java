package dev.hayloft.core.pipeline;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.internal.Types;
import java.lang.reflect.Type;
import java.util.List;

/**
 * The value conversions a connection may apply, as Haystack defines them: a
 * {@code ChatMessage} to its text and a {@code String} to a user message, wrapping a value
 * into a one-element list, unwrapping a one-element list, and their combinations.
 */
enum Conversion {
    CHAT_MESSAGE_TO_STR,
    STR_TO_CHAT_MESSAGE,
    WRAP,
    WRAP_CHAT_MESSAGE_TO_STR,
    WRAP_STR_TO_CHAT_MESSAGE,
    UNWRAP,
    UNWRAP_STR_TO_CHAT_MESSAGE,
    UNWRAP_CHAT_MESSAGE_TO_STR;

    /** The conversion that makes {@code sender} fit {@code receiver}, or null when none does. */
    static Conversion find(Type sender, Type receiver) {
        Class<?> s = Types.raw(sender);
        Class<?> r = Types.raw(receiver);
        boolean senderIsClass = Types.args(sender).length == 0;
        boolean receiverIsClass = Types.args(receiver).length == 0;
        if (senderIsClass && receiverIsClass) {
            if (s == ChatMessage.class && r == String.class) {
                return CHAT_MESSAGE_TO_STR;
            }
            if (s == String.class && r == ChatMessage.class) {
                return STR_TO_CHAT_MESSAGE;
            }
        }
        Type receiverElement = Types.listElement(receiver);
        if (receiverElement != null && Types.args(receiver).length == 1) {
            if (Types.strictlyCompatible(sender, receiverElement)) {
                return WRAP;
            }
            if (s == ChatMessage.class && Types.raw(receiverElement) == String.class) {
                return WRAP_CHAT_MESSAGE_TO_STR;
            }
            if (s == String.class && Types.raw(receiverElement) == ChatMessage.class) {
                return WRAP_STR_TO_CHAT_MESSAGE;
            }
        }
        Type senderElement = Types.listElement(sender);
        if (senderElement != null && Types.args(sender).length == 1) {
            Class<?> inner = Types.raw(senderElement);
            boolean innerIsClass = Types.args(senderElement).length == 0;
            if (Types.listElement(receiver) == null && innerIsClass
                    && (inner == String.class || inner == ChatMessage.class)
                    && Types.strictlyCompatible(senderElement, receiver)) {
                return UNWRAP;
            }
            Conversion innerConversion = find(senderElement, receiver);
            if (innerConversion == STR_TO_CHAT_MESSAGE) {
                return UNWRAP_STR_TO_CHAT_MESSAGE;
            }
            if (innerConversion == CHAT_MESSAGE_TO_STR) {
                return UNWRAP_CHAT_MESSAGE_TO_STR;
            }
        }
        return null;
    }

    /** Converts one value. */
    Object apply(Object value) {
        switch (this) {
            case CHAT_MESSAGE_TO_STR:
                return text((ChatMessage) value);
            case STR_TO_CHAT_MESSAGE:
                return ChatMessage.fromUser((String) value);
            case WRAP:
                return List.of(value);
            case WRAP_CHAT_MESSAGE_TO_STR:
                return List.of(text((ChatMessage) value));
            case WRAP_STR_TO_CHAT_MESSAGE:
                return List.of(ChatMessage.fromUser((String) value));
            case UNWRAP:
                return single((List<?>) value);
            case UNWRAP_STR_TO_CHAT_MESSAGE:
                return ChatMessage.fromUser((String) single((List<?>) value));
            case UNWRAP_CHAT_MESSAGE_TO_STR:
                return text((ChatMessage) single((List<?>) value));
            default:
                throw new IllegalStateException(name());
        }
    }

    private static String text(ChatMessage m) {
        if (m.text() == null) {
            throw new IllegalArgumentException("Cannot convert `ChatMessage` to `String` because it has no text.");
        }
        return m.text();
    }

    private static Object single(List<?> l) {
        if (l.isEmpty()) {
            throw new IllegalArgumentException("Cannot get the first item of an empty list.");
        }
        if (l.size() > 1) {
            throw new IllegalArgumentException("Cannot unwrap a list of " + l.size() + " items to a single value: a "
                    + "list-to-scalar connection only accepts one-element lists; otherwise items would be dropped.");
        }
        return l.get(0);
    }
}
