package dev.hayloft.core.builders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.component.ComponentSockets;
import dev.hayloft.core.component.InputSocket;
import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ImageContent;
import dev.hayloft.core.dataclasses.ReasoningContent;
import dev.hayloft.core.dataclasses.TextContent;
import dev.hayloft.core.dataclasses.ToolCall;
import dev.hayloft.core.dataclasses.ToolCallResult;
import dev.hayloft.core.serde.JsonValues;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Haystack 2.19's {@code test/components/builders/test_chat_prompt_builder.py} and
 * {@code test/utils/test_jinja2_chat_extension.py} (tag v2.19.0), case by case (the Python test
 * names in the comments; the extension's cases run through a string-template ChatPromptBuilder).
 */
class ChatPromptBuilderHaystackTest {
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==";
    static final ImageContent IMAGE = new ImageContent(PNG, "image/png");

    private static List<ChatMessage> run(ChatPromptBuilder b, Object template, Map<String, Object> vars,
            Map<String, Object> kwargs) {
        return b.run(template, vars, kwargs).prompt();
    }

    private static List<ChatMessage> str(String template, Map<String, Object> kwargs) {
        return ChatPromptBuilder.builder(template).build().render(kwargs);
    }

    private static String fails(String template, Map<String, Object> kwargs) {
        return assertThrows(IllegalArgumentException.class, () -> str(template, kwargs)).getMessage();
    }

    @Test // test_init, test_init_without_template, test_init_with_required_variables, test_init_with_custom_variables
    void init() {
        ChatPromptBuilder b = ChatPromptBuilder.builder(List.of(ChatMessage.fromUser("This is a {{ variable }}"),
                ChatMessage.fromSystem("This is a {{ variable2 }}"))).build();
        assertEquals(List.of("template", "template_variables", "variable", "variable2"),
                ComponentSockets.of(b).inputs().stream().map(InputSocket::name).toList());
        assertEquals(List.of("var1", "var2"), ChatPromptBuilder.builder().variables(List.of("var1", "var2")).build()
                .variables());
        ChatPromptBuilder req = ChatPromptBuilder.builder(List.of(ChatMessage.fromUser("This is a {{ variable }}")))
                .requiredVariables(List.of("variable")).build();
        assertTrue(ComponentSockets.of(req).input("variable").mandatory());
        assertEquals(List.of("var1", "var2", "var3"), ChatPromptBuilder.builder(List.of(
                ChatMessage.fromUser("Hello, {{ var1 }}, {{ var2 }}!"))).variables(List.of("var1", "var2", "var3"))
                .build().variables());
    }

    @Test // test_run, test_run_template_variable(_overrides_variable), test_run_without_input, test_run_with_missing_input
    void runListTemplates() {
        ChatPromptBuilder b = ChatPromptBuilder.builder(List.of(ChatMessage.fromUser("This is a {{ variable }}")))
                .build();
        assertEquals(List.of(ChatMessage.fromUser("This is a test")), b.render(Map.of("variable", "test")));
        assertEquals(List.of(ChatMessage.fromUser("This is a test")), run(b, null, Map.of("variable", "test"), Map.of()));
        assertEquals(List.of(ChatMessage.fromUser("This is a test_from_template_var")),
                run(b, null, Map.of("variable", "test_from_template_var"), Map.of("variable", "test")));
        assertEquals(List.of(ChatMessage.fromUser("This is a ")), b.render(Map.of()));
    }

    @Test // test_run_with_missing_required_input, test_run_with_missing_required_input_using_star
    void missingRequired() {
        List<ChatMessage> t = List.of(ChatMessage.fromUser("This is a {{ foo }}, not a {{ bar }}"));
        ChatPromptBuilder b = ChatPromptBuilder.builder(t).requiredVariables(List.of("foo", "bar")).build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.render(Map.of())).getMessage()
                .startsWith("Missing required input variables in ChatPromptBuilder: foo, bar."));
        ChatPromptBuilder star = ChatPromptBuilder.builder(t).allVariablesRequired().build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> star.render(Map.of())).getMessage()
                .contains("bar, foo"));
    }

    @Test // test_run_with_variables(_and_runtime_template), test_run_overwriting_default_template(_with_...),
          // test_run_with_meta, TestChatPromptBuilderDynamic.test_some_templated_chat_messages
    void runTimeTemplates() {
        ChatPromptBuilder b = ChatPromptBuilder.builder().variables(List.of("var1", "var2", "var3")).build();
        assertEquals(List.of(ChatMessage.fromUser("Hello, John! How are you?")), run(b,
                List.of(ChatMessage.fromUser("Hello, {{ name }}! {{ var1 }}")), Map.of("name", "John"),
                Map.of("var1", "How are you?")));
        ChatPromptBuilder d = ChatPromptBuilder.builder(List.of(ChatMessage.fromUser("Hello, {{ name }}!"))).build();
        assertEquals(List.of(ChatMessage.fromUser("Hello, Big John!")), run(d,
                List.of(ChatMessage.fromUser("Hello, {{ var1 }} {{ name }}!")), Map.of("var1", "Big"),
                Map.of("name", "John")));
        ChatPromptBuilder meta = ChatPromptBuilder.builder(List.of(ChatMessage.fromUser("This is a {{ variable }}",
                Map.of("meta_field", "meta_value"), null))).build();
        assertEquals(List.of(ChatMessage.fromUser("This is a test", Map.of("meta_field", "meta_value"), null)),
                meta.render(Map.of("variable", "test")));
        List<ChatMessage> mixed = List.of(ChatMessage.fromSystem("Please, respond in: {{language}}."),
                ChatMessage.fromAssistant("Yes, I can help you with that {{subject}}"));
        assertEquals(List.of(ChatMessage.fromSystem("Please, respond in: English."),
                ChatMessage.fromAssistant("Yes, I can help you with that {{subject}}")),
                run(ChatPromptBuilder.builder().build(), mixed, Map.of("language", "English"), Map.of()));
    }

    @Test // test_run_with_invalid_template, test_init_with_invalid_template (both list and string templates),
          // test_run_without_template, test_run_with_empty_chat_message_list, test_chat_message_list_with_mixed_object_list
    void invalidTemplates() {
        List<ChatMessage> bad = List.of(ChatMessage.fromUser("Hello, {{ name }!"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(ChatPromptBuilder.builder().build(), bad,
                Map.of("name", "John"), Map.of())).getMessage().startsWith("template: Template syntax error (line 1"));
        assertThrows(IllegalArgumentException.class, () -> ChatPromptBuilder.builder(bad).build());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> ChatPromptBuilder.builder(
                "\n{% message role=\"user\" %}\nHello, my name is {{name}!\n{% endmessage %}\n").build());
        assertTrue(s.getMessage().startsWith("template: Template syntax error (line 3"), s.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChatPromptBuilder.builder().build()
                .render(Map.of())).getMessage().contains("requires a non-empty list of ChatMessage instances"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChatPromptBuilder.builder(List.of())
                .variables(List.of("documents")).build().render(Map.of())).getMessage()
                .contains("requires a non-empty list of ChatMessage instances"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(ChatPromptBuilder.builder().build(),
                List.of(ChatMessage.fromUser("Hello"), "there world"), null, Map.of())).getMessage()
                .contains("expects a list containing only ChatMessage instances"));
    }

    @Test // test_chat_message_list_with_templatize_part_init_raises_error / _run_raises_error
    void templatizePartNotAllowedInMessageLists() {
        List<ChatMessage> t = List.of(ChatMessage.fromUser("This is a {{ variable | templatize_part }}"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChatPromptBuilder.builder(t).build())
                .getMessage().contains("templatize_part filter cannot be used"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(ChatPromptBuilder.builder().build(), t, null,
                Map.of("variable", "test"))).getMessage().contains("templatize_part filter cannot be used"));
    }

    @Test // test_to_dict, test_from_dict (list and string templates)
    void dicts() {
        ChatPromptBuilder b = ChatPromptBuilder.builder(List.of(ChatMessage.fromUser("text and {var}"),
                ChatMessage.fromAssistant("content {required_var}"))).variables(List.of("var", "required_var"))
                .requiredVariables(List.of("required_var")).build();
        Map<String, Object> init = JsonValues.map("template", List.of(
                JsonValues.map("role", "user", "meta", Map.of(), "name", null, "content", List.of(Map.of("text",
                        "text and {var}"))),
                JsonValues.map("role", "assistant", "meta", Map.of(), "name", null, "content", List.of(Map.of("text",
                        "content {required_var}")))), "variables", List.of("var", "required_var"),
                "required_variables", List.of("required_var"));
        assertEquals(init, b.toDict().get("init_parameters"));
        assertEquals(b.toDict(), ChatPromptBuilder.fromDict(b.toDict()).toDict());
        String template = "{% message role=\"user\" %}Hello, my name is {{name}}!{% endmessage %}";
        ChatPromptBuilder s = ChatPromptBuilder.builder(template).variables(List.of("name", "assistant_name"))
                .requiredVariables(List.of("name")).build();
        assertEquals(template, s.toDict().get("init_parameters") instanceof Map<?, ?> m ? m.get("template") : null);
        assertEquals(List.of("name", "assistant_name"), ChatPromptBuilder.fromDict(s.toDict()).variables());
    }

    @Test // TestChatPromptBuilderWithStrTemplate: test_init, test_run, test_run_with_missing_input,
          // test_run_with_name_and_meta, test_multiline_template, test_run_multiple_messages
    void stringTemplates() {
        String t = "\n        {% message role=\"user\" %}\n        Hello, my name is {{name}}!\n        {% endmessage %}\n";
        assertEquals(List.of("name"), ChatPromptBuilder.builder(t).build().variables());
        assertEquals(List.of(ChatMessage.fromUser("Hello, my name is John!")), str(t, Map.of("name", "John")));
        assertEquals(List.of(ChatMessage.fromUser("Hello, my name is !")), str(t, Map.of()));
        assertEquals(List.of(ChatMessage.fromUser("Hello from Italy!", Map.of("key", "value"), "John")), str(
                "{% message role=\"user\" name=\"John\" meta={\"key\": \"value\"} %}\nHello from {{country}}!\n"
                        + "{% endmessage %}", Map.of("country", "Italy")));
        assertEquals(List.of(ChatMessage.fromUser("Hello, my name is John!\nSecond line.\nThird line.")), str(
                "\n{% message role=\"user\" %}\nHello, my name is {{name}}!\nSecond line.\nThird line.\n"
                        + "{% endmessage %}\n        ", Map.of("name", "John")));
        assertEquals(List.of(ChatMessage.fromSystem("You are a helpful assistant."),
                ChatMessage.fromUser("Hello, my name is John!"),
                ChatMessage.fromAssistant("Hello, John! How can I help you today?")), str(
                "{% message role=\"system\" %}\nYou are a {{adjective}} assistant.\n{% endmessage %}\n\n"
                        + "{% message role=\"user\" %}\nHello, my name is {{name}}!\n{% endmessage %}\n\n"
                        + "{% message role=\"assistant\" %}\nHello, {{name}}! How can I help you today?\n"
                        + "{% endmessage %}", Map.of("name", "John", "adjective", "helpful")));
        assertEquals(List.of(ChatMessage.fromUser("Hello, the date is 2025-03-04!")), ChatPromptBuilder.builder(
                "{% message role=\"user\" %}\nHello, the date is {% now 'UTC', '%Y-%m-%d'%}!\n{% endmessage %}")
                .clock(PromptBuilderHaystackTest.CLOCK).build().render(Map.of()));
    }

    @Test // test_run_multiple_images, test_run_reasoning; extension: test_assistant_message_with_tool_call,
          // test_tool_message, test_user_message_with_multiple_images_and_interleaved_text
    void contentParts() {
        assertEquals(List.of(ChatMessage.fromUser(List.of(new TextContent("Hello! I am John. What's the difference "
                + "between the following images?"), IMAGE, IMAGE))), str("{% message role=\"user\" %}\nHello! I am "
                + "{{user_name}}. What's the difference between the following images?\n{% for image in images %}\n"
                + "{{ image | templatize_part }}\n{% endfor %}\n{% endmessage %}",
                Map.of("user_name", "John", "images", List.of(IMAGE, IMAGE))));
        ReasoningContent reasoning = new ReasoningContent("Let me think about it...", Map.of("key", "value"));
        assertEquals(List.of(ChatMessage.assistant().reasoning(reasoning).text("The answer is 4.").build()), str(
                "{% message role=\"assistant\" %}\n{{ reasoning | templatize_part }}\nThe answer is 4.\n"
                        + "{% endmessage %}", Map.of("reasoning", reasoning)));
        ToolCall call = new ToolCall("search", Map.of("query", "an interesting question"), "search_1");
        assertEquals(List.of(ChatMessage.fromAssistant("Let me search for that information.", List.of(call))), str(
                "{% message role=\"assistant\" %}\nLet me search for that information.\n{{ tool_call | templatize_part }}"
                        + "\n{% endmessage %}", Map.of("tool_call", call)));
        ToolCallResult result = new ToolCallResult("Here are the search results", call, false);
        assertEquals(List.of(ChatMessage.fromTool("Here are the search results", call)), str(
                "{% message role=\"tool\" %}\n{{ tool_result | templatize_part }}\n{% endmessage %}",
                Map.of("tool_result", result)));
        assertEquals(List.of(ChatMessage.fromUser(List.of(new TextContent("Image 1:"), IMAGE, new TextContent(
                "Image 2:"), IMAGE, new TextContent("What's the difference between the two images?")))), str(
                "{% message role=\"user\" %}\n{% for image in images %}\nImage {{ loop.index }}:\n"
                        + "{{ image | templatize_part }}\n{% endfor %}\nWhat's the difference between the two images?\n"
                        + "{% endmessage %}", Map.of("images", List.of(IMAGE, IMAGE))));
    }

    @Test // extension: test_message_with_whitespace_handling, test_system_message
    void whitespace() {
        for (String t : List.of("{% message role=\"user\" %}String{% endmessage %}",
                "{% message role=\"user\" %}    String    {% endmessage %}",
                "{% message role=\"user\" %}\n            String\n            {% endmessage %}",
                "{% message role=\"user\" %}\tString\t{% endmessage %}")) {
            assertEquals(List.of(ChatMessage.fromUser("String")), str(t, Map.of()));
        }
    }

    @Test // extension: test_message_no_endmessage_raises_error, test_message_meta_not_dict_raises_error,
          // test_message_name_not_str_raises_error, test_invalid_role, test_empty_message_content_raises_error,
          // test_unclosed_content_tag_raises_error, test_invalid_json_in_content_part_raises_error,
          // test_invalid_(system|assistant|tool)_message_raises_error, test_templatize_part_filter_with_invalid_type
    void tagErrors() {
        assertThrows(IllegalArgumentException.class, () -> ChatPromptBuilder.builder(
                "{% message role=\"user\" %}\nHello!\n").build());
        assertTrue(fails("{% message role=\"user\" meta=\"not a dict\" %}Hello!{% endmessage %}", Map.of())
                .contains("meta must be a dictionary"));
        assertTrue(fails("{% message role=\"user\" name=123 %}Hello!{% endmessage %}", Map.of())
                .contains("name must be a string"));
        String role = fails("\n{% message role=\"invalid_role\" %}\nThis should fail\n{% endmessage %}", Map.of());
        assertTrue(role.contains("Role must be one of: user, system, assistant, tool") && role.contains("(line 2"), role);
        for (String t : List.of("{% message role='user' %}{% endmessage %}",
                "{% message role='user' %}  \n\t\n\t  {% endmessage %}",
                "{% message role=\"user\" %}\n{% if some_condition %}\n{% else %}\n{% endif %}\n{% endmessage %}",
                "{% message role=\"user\" %}\n{{ variable_that_doesnt_exist }}\n{% endmessage %}")) {
            assertTrue(fails(t, Map.of()).contains("Message content in template is empty or contains only whitespace "
                    + "characters."), t);
        }
        assertTrue(fails("{% message role=\"user\" %}\n<haystack_content_part>{\"type\": \"text\", \"text\": \"Hello\"}\n"
                + "{% endmessage %}", Map.of()).contains("Found unclosed <haystack_content_part> tag at position 1."));
        fails("{% message role=\"user\" %}\nNormal text before.\n<haystack_content_part>{\"this is\": \"invalid\" json}"
                + "</haystack_content_part>\n{% endmessage %}", Map.of());
        Map<String, Object> img = Map.of("image", IMAGE);
        fails("{% message role=\"system\" %}{{ image | templatize_part }}{% endmessage %}", img);
        fails("{% message role=\"system\" %}Some text.\n{{ image | templatize_part }}{% endmessage %}", img);
        assertTrue(fails("{% message role=\"assistant\" %}text 1\n{{ image | templatize_part }}\ntext 2{% endmessage %}",
                img).contains("Assistant message must contain one text part at most."));
        assertTrue(fails("{% message role=\"assistant\" %}{{ image | templatize_part }}{% endmessage %}", img)
                .contains("Assistant message must contain at least one text or tool call part."));
        assertTrue(fails("{% message role=\"assistant\" %}text 1\n{{ image | templatize_part }}{% endmessage %}", img)
                .contains("Assistant message must contain only text, tool call or reasoning parts."));
        assertTrue(fails("{% message role=\"tool\" %}{{ image | templatize_part }}{% endmessage %}", img)
                .contains("Tool message must contain only one tool call result."));
        assertTrue(fails("{% message role=\"user\" %}{{ 123 | templatize_part }}{% endmessage %}", Map.of())
                .contains("Unsupported type in ChatMessage content: `int` for `123`."));
    }

    @Test // how messages and content parts look inside templates (Haystack's attribute names, Python reprs)
    void messagesLookLikeHaystackMessages() {
        ChatMessage m = ChatMessage.fromUser("Hi", Map.of("k", 1), "ann");
        assertEquals("Hi|user|1|ann|['Hi']|None|[]|True|ChatMessage(_role=<ChatRole.USER: 'user'>, "
                + "_content=[TextContent(text='Hi')], _name='ann', _meta={'k': 1})", new PromptBuilder(
                "{{ m.text }}|{{ m.role }}|{{ m.meta['k'] }}|{{ m.name }}|{{ m.texts }}|{{ m.tool_call }}"
                        + "|{{ m.images }}|{{ m.role == 'user' }}|{{ m }}").render(Map.of("m", m)));
        ToolCall call = new ToolCall("search", Map.of("q", "x"), null);
        assertEquals("search|x|None|ToolCallResult(result='r', origin=ToolCall(tool_name='search', arguments="
                + "{'q': 'x'}, id=None), error=False)|image/png|True", new PromptBuilder(
                "{{ c.tool_name }}|{{ c.arguments.q }}|{{ c.id }}|{{ r }}|{{ i.mime_type }}|{{ i.base64_image == b }}")
                .render(Map.of("c", call, "r", new ToolCallResult("r", call, false), "i", IMAGE, "b", PNG)));
    }
}
