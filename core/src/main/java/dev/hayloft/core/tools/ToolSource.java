package dev.hayloft.core.tools;

import java.util.List;

/**
 * Something that supplies tools to a chat generator: a single {@link Tool} or a
 * {@link Toolset}. Generators accept a list of them, as Haystack accepts a list of Tools and
 * Toolsets.
 *
 * <pre>{@code
 * List<ToolSource> tools = List.of(weatherTool, Toolset.of(List.of(searchTool, mathTool)));
 * List<Tool> flat = Tools.flatten(tools);
 * }</pre>
 */
public interface ToolSource {
    /** The tools this source supplies, in order. */
    List<Tool> tools();

    /** {@code {"type": ..., "data": {...}}}. */
    java.util.Map<String, Object> toDict();
}
