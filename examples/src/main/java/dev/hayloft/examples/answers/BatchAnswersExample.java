package dev.hayloft.examples.answers;

import dev.hayloft.core.answers.AnswerBatch;
import dev.hayloft.core.answers.AnswerRequest;
import dev.hayloft.core.answers.BatchOptions;
import dev.hayloft.core.answers.BatchProgress;
import dev.hayloft.core.answers.BatchProgressListener;
import dev.hayloft.core.answers.ConsoleProgressBar;
import dev.hayloft.core.answers.DocumentAnswerGenerator;
import dev.hayloft.core.dataclasses.Document;
import dev.hayloft.core.dataclasses.GeneratedAnswer;
import dev.hayloft.examples.local.EmbeddedModel;
import dev.hayloft.hf.local.HuggingFaceLocalChatGenerator;
import java.util.ArrayList;
import java.util.List;

/**
 * Many questions at once: {@link DocumentAnswerGenerator#runBatch} answers 20 questions over the
 * same documents, a few in flight at a time, with a tqdm-style {@link ConsoleProgressBar} on
 * standard error and a {@link BatchProgressListener} of our own printing every fifth step. A
 * failing question does not lose the others' answers: the {@link AnswerBatch} has one item per
 * question, with its answers or its error. Here the last question is too long for the model's
 * 512-token window, so it fails (a {@code ContextLengthExceededException}, before anything is
 * generated) while the other 19 are answered.
 *
 * <p>Runs on the embedded stories260K in-process (no API key; its answers are story text, not
 * facts). The local generator works through its requests one at a time; with a remote chat
 * generator ({@code OpenAIChatGenerator}...) {@code concurrency} requests really run at once.
 *
 * <pre>
 * ./mvnw -q -pl examples -am package -DskipTests exec:java -Dexec.mainClass=dev.hayloft.examples.answers.BatchAnswersExample
 * </pre>
 */
public final class BatchAnswersExample {
    private BatchAnswersExample() {
    }

    /** 19 short questions and one that cannot fit the model's window. */
    static List<String> questions() {
        List<String> questions = new ArrayList<>();
        for (String who : List.of("Max", "Lily", "the dog", "the red ball", "the park")) {
            for (String ask : List.of("Who is %s?", "Where is %s?", "What does %s like?", "Is %s happy?")) {
                questions.add(String.format(ask, who));
            }
        }
        questions.remove(questions.size() - 1);
        questions.add("Why does Max run " + "and run ".repeat(300) + "in the park?");
        return questions;
    }

    public static void main(String[] args) {
        List<Document> documents = DocumentAnswersExample.documents().subList(0, 2);
        List<AnswerRequest> requests = AnswerRequest.of(questions(), documents);
        BatchProgressListener everyFifth = (BatchProgress p) -> {
            if (p.completed() % 5 == 0) {
                System.out.println("progress: " + p.completed() + "/" + p.total() + " done, " + p.failed() + " failed");
            }
        };
        try (EmbeddedModel model = EmbeddedModel.extract();
             DocumentAnswerGenerator answerer = DocumentAnswerGenerator.builder(
                     HuggingFaceLocalChatGenerator.builder().model(model.folder().toString()).build())
                     .topK(1).maxTokens(16).temperature(0)
                     .build()) {
            AnswerBatch batch = answerer.runBatch(requests, BatchOptions.builder()
                    .concurrency(4)
                    .progressBar(false)                                       // the component's own bar: only on a terminal
                    .listener(new ConsoleProgressBar(System.err, "Answering"))   // this one always, on stderr
                    .listener(everyFifth)
                    .build());
            List<List<GeneratedAnswer>> answers = batch.answers();
            for (int i = 0; i < 3; i++) {
                System.out.println("Q: " + requests.get(i).query() + "  A: " + answers.get(i).get(0).data().strip());
            }
            int count = 0;
            for (List<GeneratedAnswer> a : answers) {
                count += a.size();
            }
            System.out.println(batch.succeeded() + " of " + batch.items().size() + " questions answered, " + count
                    + " answers; " + batch.failures().size() + " failed:");
            for (AnswerBatch.Item failed : batch.failures()) {
                String query = failed.query();
                System.out.println("  #" + failed.index() + " (" + query.substring(0, Math.min(30, query.length()))
                        + "...): " + failed.error().getClass().getSimpleName() + ": " + failed.error().getMessage());
            }
        }
    }
}
