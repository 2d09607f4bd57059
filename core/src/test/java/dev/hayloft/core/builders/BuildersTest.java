package dev.hayloft.core.builders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.dataclasses.ChatMessage;
import dev.hayloft.core.dataclasses.ChatRole;
import dev.hayloft.core.dataclasses.Document;
import dev.hayloft.core.dataclasses.GeneratedAnswer;
import dev.hayloft.core.dataclasses.ImageContent;
import dev.hayloft.core.dataclasses.TextContent;
import dev.hayloft.core.serde.JsonValues;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildersTest {

    @Test
    void promptBuilderFindsVariablesAndRenders() {
        PromptBuilder b = new PromptBuilder("Given {% for doc in documents %}{{ doc.content }} {% endfor %}"
                + "answer {{ query | upper }}{% set x = 1 %}{{ x }}");
        assertEquals(List.of("documents", "query"), b.variables());
        assertEquals("Given a b answer WHY?1", b.render(Map.of("documents",
                List.of(Document.of("a"), Document.of("b")), "query", "why?")));
        assertEquals("Given answer 1", b.render(Map.of()));
    }

    @Test
    void requiredVariablesAreEnforced() {
        PromptBuilder b = PromptBuilder.builder("{{ a }} {{ b }}").requiredVariables(List.of("b")).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.render(Map.of("a", 1)));
        assertTrue(e.getMessage().startsWith("Missing required input variables in PromptBuilder: b."), e.getMessage());
        PromptBuilder all = PromptBuilder.builder("{{ a }} {{ b }}").allVariablesRequired().build();
        assertThrows(IllegalArgumentException.class, () -> all.render(Map.of("b", 1)));
        assertEquals("1 2", all.render(Map.of("a", 1, "b", 2)));
    }

    @Test
    void runTimeTemplateAndTemplateVariablesOverride() {
        PromptBuilder b = new PromptBuilder("Hi {{ name }}");
        assertEquals("Bye Bob", b.run("Bye {{ name }}", Map.of("name", "Bob"), Map.of("name", "Ann")).prompt());
    }

    @Test
    void promptBuilderDictShapeAndRoundTrip() {
        PromptBuilder b = PromptBuilder.builder("{{ q }}").allVariablesRequired().build();
        Map<String, Object> d = b.toDict();
        assertEquals(JsonValues.map("type", PromptBuilder.class.getName(), "init_parameters",
                JsonValues.map("template", "{{ q }}", "variables", null, "required_variables", "*")), d);
        assertEquals(d, PromptBuilder.fromDict(d).toDict());
    }

    @Test
    void templateErrorsAreReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PromptBuilder("{{ x | nosuchfilter }}").render(Map.of("x", 1)));
        assertTrue(e.getMessage().startsWith("template: Template syntax error (line 1, column "), e.getMessage());
        assertTrue(e.getMessage().contains("No filter named 'nosuchfilter'"), e.getMessage());
    }

    @Test
    void templatesCannotReachJavaReflection() {
        PromptBuilder b = new PromptBuilder("{{ doc.getClass().getName() }}{{ doc.content.getClass() }}");
        String out;
        try {
            out = b.render(Map.of("doc", Document.of("x")));
        } catch (IllegalArgumentException refused) {
            out = "";
        }
        assertTrue(!out.contains("java.") && !out.contains("class"), out);
    }

    @Test
    void chatPromptBuilderRendersUserAndSystemTexts() {
        ChatPromptBuilder b = ChatPromptBuilder.builder(List.of(ChatMessage.fromSystem("Speak {{ language }}."),
                ChatMessage.fromAssistant("{{ not_rendered }}"), ChatMessage.fromUser("{{ question }}")))
                .requiredVariables(List.of("question")).build();
        assertEquals(List.of("language", "question"), b.variables());
        List<ChatMessage> out = b.render(Map.of("language", "French", "question", "Bonjour?"));
        assertEquals(List.of(ChatMessage.fromSystem("Speak French."), ChatMessage.fromAssistant("{{ not_rendered }}"),
                ChatMessage.fromUser("Bonjour?")), out);
        assertThrows(IllegalArgumentException.class, () -> b.render(Map.of("language", "x")));
        assertEquals(b.toDict(), ChatPromptBuilder.fromDict(b.toDict()).toDict());
    }

    @Test
    void chatPromptBuilderStringTemplatesBuildStructuredMessages() {
        String png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==";
        ImageContent image = new ImageContent(png, "image/png");
        ChatPromptBuilder b = ChatPromptBuilder.builder(
                "{% message role=\"system\" %}\nYou help {{ user }}.\n{% endmessage %}\n"
                        + "{% message role=\"user\" name=\"ann\" meta={\"lang\": \"en\"} %}\nDescribe:\n"
                        + "{% for img in images %}{{ img | templatize_part }}{% endfor %}\n{% endmessage %}")
                .build();
        List<ChatMessage> out = b.render(Map.of("user", "Ann", "images", List.of(image)));
        assertEquals(2, out.size());
        assertEquals(ChatMessage.fromSystem("You help Ann."), out.get(0));
        ChatMessage user = out.get(1);
        assertEquals(ChatRole.USER, user.role());
        assertEquals("ann", user.name());
        assertEquals(Map.of("lang", "en"), user.meta());
        assertEquals(List.of(new TextContent("Describe:"), image), user.content());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ChatPromptBuilder
                .builder("{% message role=\"wizard\" %}x{% endmessage %}").build().render(Map.of()));
        assertTrue(bad.getMessage().contains("Role must be one of"), bad.getMessage());
        assertTrue(Base64.getDecoder().decode(png).length > 0);
    }

    @Test
    void answerBuilderExtractsAnswersAndReferences() {
        List<Document> docs = List.of(Document.of("d1"), Document.of("d2"), Document.of("d3"));
        AnswerBuilder b = AnswerBuilder.builder().pattern("Answer: (.*)").referencePattern("\\[(\\d+)\\]").build();
        ChatMessage reply = ChatMessage.fromAssistant("Thinking. Answer: Paris [3][1][9]", null,
                Map.of("model", "m"));
        List<GeneratedAnswer> answers = b.run("Capital?", List.of(reply), null, docs, null, null).answers();
        GeneratedAnswer a = answers.get(0);
        assertEquals("Paris [3][1][9]", a.data());
        assertEquals(List.of(docs.get(2), docs.get(0)), a.documents());
        assertEquals("m", a.meta().get("model"));
        assertEquals(List.of(reply), a.meta().get("all_messages"));
        assertEquals("", new AnswerBuilder().run("q", List.of("x"), null, null, "Answer: (.*)", null).answers().get(0)
                .data());
        assertThrows(IllegalArgumentException.class, () -> AnswerBuilder.builder().pattern("(a)(b)").build());
        assertThrows(IllegalArgumentException.class,
                () -> new AnswerBuilder().run("q", List.of("a", "b"), List.of(Map.of()), null, null, null));
        AnswerBuilder last = AnswerBuilder.builder().lastMessageOnly(true).build();
        assertEquals(List.of("b"), last.run("q", List.of("a", "b"), null, null, null, null).answers().stream()
                .map(GeneratedAnswer::data).toList());
        assertEquals(last.toDict(), AnswerBuilder.fromDict(last.toDict()).toDict());
    }
}
