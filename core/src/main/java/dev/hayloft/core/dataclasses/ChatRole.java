package dev.hayloft.core.dataclasses;

import java.util.Arrays;

/**
 * The author of a {@link ChatMessage}: {@code system}, {@code user}, {@code assistant} or
 * {@code tool}.
 *
 * <pre>{@code
 * ChatRole role = ChatRole.fromValue("assistant");   // ChatRole.ASSISTANT
 * String wire = role.value();                        // "assistant"
 * }</pre>
 */
public enum ChatRole {
    USER("user"),
    SYSTEM("system"),
    ASSISTANT("assistant"),
    TOOL("tool");

    private final String value;

    ChatRole(String value) {
        this.value = value;
    }

    /** The lower-case wire name. */
    public String value() {
        return value;
    }

    /** Parses a wire name; fails with the list of valid roles otherwise. */
    public static ChatRole fromValue(String value) {
        for (ChatRole r : values()) {
            if (r.value.equals(value)) {
                return r;
            }
        }
        throw new IllegalArgumentException("Unknown chat role '" + value + "'. Supported roles are: "
                + Arrays.stream(values()).map(ChatRole::value).toList());
    }

    @Override
    public String toString() {
        return value;
    }
}
