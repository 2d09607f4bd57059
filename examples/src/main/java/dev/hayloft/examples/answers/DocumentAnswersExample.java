package dev.hayloft.examples.answers;

import dev.hayloft.core.answers.DocumentAnswerGenerator;
import dev.hayloft.core.dataclasses.Document;
import dev.hayloft.core.dataclasses.GeneratedAnswer;
import dev.hayloft.examples.local.EmbeddedModel;
import dev.hayloft.hf.local.HuggingFaceLocalChatGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers from documents: {@link DocumentAnswerGenerator} puts the documents that fit the
 * model's context window into Haystack 1.x's question-answering prompt, asks the chat generator
 * for {@code top_k} answers and returns {@link GeneratedAnswer}s that reference the documents
 * they were given (ids, scores, titles in their meta). Runs on the embedded stories260K in-process
 * (no API key); its tokenizer counts the prompt exactly and its window is 512 tokens, so the long
 * third document is left out ({@code skipped_doc_ids}).
 *
 * <p>stories260K only writes children's stories: the answers are story text, not facts. For
 * real answers give any other chat generator, e.g. {@code OpenAIChatGenerator.builder().build()}
 * (with {@code OPENAI_API_KEY}) — the rest stays as it is.
 *
 * <pre>
 * ./mvnw -q -pl examples -am package -DskipTests exec:java -Dexec.mainClass=dev.hayloft.examples.answers.DocumentAnswersExample
 * </pre>
 */
public final class DocumentAnswersExample {
    private DocumentAnswersExample() {
    }

    /** A few documents, most relevant first (as a retriever returns them). */
    static List<Document> documents() {
        List<Document> docs = new ArrayList<>();
        docs.add(new Document("max", "Max is a big brown dog. He likes to run in the park with Lily.",
                null, Map.of("name", "Max"), 0.92, null, null));
        docs.add(new Document("lily", "Lily is a little girl. She has a red ball and a dog called Max.",
                null, Map.of("name", "Lily"), 0.81, null, null));
        docs.add(new Document("farm-manual", "How to store hay on a farm. ".repeat(60), null,
                Map.of("name", "Farm manual"), 0.40, null, null));
        return docs;
    }

    public static void main(String[] args) {
        try (EmbeddedModel model = EmbeddedModel.extract();
             DocumentAnswerGenerator answerer = DocumentAnswerGenerator.builder(
                     HuggingFaceLocalChatGenerator.builder().model(model.folder().toString()).build())
                     .topK(2).maxTokens(24).temperature(0.7)
                     .generationKwargs(Map.of("seed", 7))   // sampling, reproducibly
                     .build()) {   // closing it closes the chat generator
            String question = "Who is Max?";
            DocumentAnswerGenerator.Result result = answerer.run(question, documents());
            System.out.println("Q: " + question);
            for (GeneratedAnswer answer : result.answers()) {
                List<String> ids = new ArrayList<>();
                answer.documents().forEach(d -> ids.add(d.id()));
                System.out.println("A: " + answer.data().strip());
                System.out.println("   from documents " + ids + ", titles " + answer.meta().get("titles")
                        + ", scores " + answer.meta().get("doc_scores") + ", finish_reason "
                        + answer.meta().get("finish_reason"));
            }
            Map<String, Object> meta = result.meta();
            System.out.println(result.answers().size() + " answers; doc_ids=" + meta.get("doc_ids") + " skipped_doc_ids="
                    + meta.get("skipped_doc_ids") + " prompt_tokens=" + meta.get("prompt_tokens") + " context_window="
                    + meta.get("context_window"));
        }
    }
}
