package dev.hayloft.core.internal;

import dev.hayloft.core.dataclasses.ContentPart;
import dev.hayloft.core.dataclasses.ImageContent;
import dev.hayloft.core.dataclasses.ReasoningContent;
import dev.hayloft.core.dataclasses.TextContent;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.dataclasses.ToolCallResult;
import dev.hayloft.templates.Python;
import dev.hayloft.templates.TemplateObject;
import java.util.Optional;

/**
 * The {@link TemplateViews} of chat-message content parts: {@code part.text},
 * {@code image.base64_image}, {@code call.tool_name}..., printing as Haystack's dataclasses
 * ({@code TextContent(text='Hi')}). {@code templatize_part} reads the part back from its view.
 *
 * <pre>{@code
 * ContentPartViews.PartView v = ContentPartViews.of(new TextContent("Hi"));   // {{ v }} -> TextContent(text='Hi')
 * }</pre>
 */
public final class ContentPartViews {
    private ContentPartViews() {
    }

    /** A view of a content part; {@code templatize_part} reads the part back. */
    public interface PartView extends TemplateObject {
        /** The viewed part. */
        ContentPart part();
    }

    /** The view of {@code p}. */
    static PartView of(ContentPart p) {
        if (p instanceof TextContent t) {
            return new TextView(t);
        }
        if (p instanceof ImageContent i) {
            return new ImageView(i);
        }
        if (p instanceof ToolCall c) {
            return new ToolCallView(c);
        }
        if (p instanceof ToolCallResult r) {
            return new ToolResultView(r);
        }
        return new ReasoningView((ReasoningContent) p);
    }

    record TextView(TextContent part) implements PartView {
        @Override
        public Optional<Object> attribute(String name) {
            return name.equals("text") ? TemplateViews.value(part.text()) : Optional.empty();
        }

        @Override
        public String repr() {
            return "TextContent(text=" + Python.repr(part.text()) + ")";
        }

        @Override
        public String typeName() {
            return "TextContent";
        }
    }

    record ImageView(ImageContent part) implements PartView {
        @Override
        public Optional<Object> attribute(String name) {
            return switch (name) {
                case "base64_image" -> TemplateViews.value(part.base64Image());
                case "mime_type" -> TemplateViews.value(part.mimeType());
                case "detail" -> TemplateViews.value(part.detail());
                case "meta" -> TemplateViews.value(part.meta());
                case "validation" -> TemplateViews.value(part.validation());
                default -> Optional.empty();
            };
        }

        @Override
        public String repr() {
            String b = part.base64Image();
            String data = b.length() > 100 ? b.substring(0, 100) + "..." : b;
            return "ImageContent(base64_image=" + Python.repr(data) + ", mime_type=" + Python.repr(part.mimeType())
                    + ", detail=" + Python.repr(part.detail()) + ", meta=" + TemplateViews.pyRepr(part.meta()) + ")";
        }

        @Override
        public String typeName() {
            return "ImageContent";
        }
    }

    record ToolCallView(ToolCall part) implements PartView {
        @Override
        public Optional<Object> attribute(String name) {
            return switch (name) {
                case "tool_name" -> TemplateViews.value(part.toolName());
                case "arguments" -> TemplateViews.value(part.arguments());
                case "id" -> TemplateViews.value(part.id());
                default -> Optional.empty();
            };
        }

        @Override
        public String repr() {
            return "ToolCall(tool_name=" + Python.repr(part.toolName()) + ", arguments=" + TemplateViews.pyRepr(part.arguments())
                    + ", id=" + Python.repr(part.id()) + ")";
        }

        @Override
        public String typeName() {
            return "ToolCall";
        }
    }

    record ToolResultView(ToolCallResult part) implements PartView {
        @Override
        public Optional<Object> attribute(String name) {
            return switch (name) {
                case "result" -> TemplateViews.value(part.result());
                case "origin" -> TemplateViews.value(part.origin());
                case "error" -> TemplateViews.value(part.error());
                default -> Optional.empty();
            };
        }

        @Override
        public String repr() {
            return "ToolCallResult(result=" + Python.repr(part.result()) + ", origin="
                    + new ToolCallView(part.origin()).repr() + ", error=" + Python.repr(part.error()) + ")";
        }

        @Override
        public String typeName() {
            return "ToolCallResult";
        }
    }

    record ReasoningView(ReasoningContent part) implements PartView {
        @Override
        public Optional<Object> attribute(String name) {
            return switch (name) {
                case "reasoning_text" -> TemplateViews.value(part.reasoningText());
                case "extra" -> TemplateViews.value(part.extra());
                default -> Optional.empty();
            };
        }

        @Override
        public String repr() {
            return "ReasoningContent(reasoning_text=" + Python.repr(part.reasoningText()) + ", extra="
                    + TemplateViews.pyRepr(part.extra()) + ")";
        }

        @Override
        public String typeName() {
            return "ReasoningContent";
        }
    }
}
