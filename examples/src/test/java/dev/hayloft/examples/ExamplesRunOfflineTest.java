package dev.hayloft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.examples.answers.BatchAnswersExample;
import dev.hayloft.examples.answers.DocumentAnswersExample;
import dev.hayloft.examples.azure.AzureChatExample;
import dev.hayloft.examples.fallback.FallbackExample;
import dev.hayloft.examples.hfapi.TgiStructuredOutputExample;
import dev.hayloft.examples.local.LocalChatStreamingExample;
import dev.hayloft.examples.local.LocalGenerationExample;
import dev.hayloft.examples.openai.OpenAIChatExample;
import dev.hayloft.examples.serialization.YamlPipelineExample;
import dev.hayloft.examples.openai.StreamingExample;
import dev.hayloft.examples.openai.StructuredOutputExample;
import dev.hayloft.examples.openai.ToolCallingExample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example programs run offline (their loopback stand-ins, forced by
 * {@code hayloft.examples.offline}) and print what they promise.
 */
class ExamplesRunOfflineTest {
    @BeforeAll
    static void offline() {
        System.setProperty("hayloft.examples.offline", "true");
    }

    @AfterAll
    static void online() {
        System.clearProperty("hayloft.examples.offline");
    }

    @FunctionalInterface
    interface Main {
        void run(String[] args) throws Exception;
    }

    static synchronized String run(Main main, String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.run(args);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }

    @Test
    void theQuickStartTellsAStoryWithTheEmbeddedModel() throws Exception {
        int[] status = new int[1];
        String out = run(args -> status[0] = LocalGenerationExample.start(args), "--max-new-tokens", "24");
        assertEquals(0, status[0], out);
        assertTrue(out.contains("Model: stories260K (embedded"), out);
        // the greedy story streamed after the prompt is also the pipeline's reply
        String streamed = out.substring(out.indexOf("Once upon a time") + "Once upon a time".length(),
                out.indexOf("\n---"));
        assertTrue(streamed.length() > 20, out);
        assertTrue(out.contains("replies: [" + streamed + "]"), out);
    }

    @Test
    void openAIChat() throws Exception {
        String out = run(OpenAIChatExample::main);
        assertTrue(out.contains("scripted OpenAI stand-in on loopback"), out);
        assertTrue(out.contains("You asked: What is the capital of France?"), out);
        assertTrue(out.contains("finish_reason=stop") && out.contains("completion_tokens"), out);
    }

    @Test
    void streamingPrintsTheChunksThenTheWholeReply() throws Exception {
        String out = run(StreamingExample::main);
        assertTrue(out.contains("You asked: Write a two-line poem about hay.\n---"), out);
    }

    @Test
    void toolCallRoundTrip() throws Exception {
        String out = run(ToolCallingExample::main);
        assertTrue(out.contains("the model calls get_weather{city=Paris}"), out);
        assertTrue(out.contains("According to the tool: sunny, 22°C in Paris"), out);
    }

    @Test
    void structuredOutputIntoARecord() throws Exception {
        String out = run(StructuredOutputExample::main);
        assertTrue(out.contains("CalendarEvent[event_name=example event name"), out);
    }

    @Test
    void azureChat() throws Exception {
        String out = run(AzureChatExample::main);
        assertTrue(out.contains("scripted Azure OpenAI stand-in"), out);
        assertTrue(out.contains("You asked: Name three uses of hay."), out);
    }

    @Test
    void localChatStreamsTheReply() throws Exception {
        String out = run(LocalChatStreamingExample::main);
        assertTrue(out.contains("the streamed text is the reply: true"), out);
        assertTrue(out.matches("(?s).*finish_reason=(stop|length) usage=\\{.*completion_tokens=\\d+.*"), out);
    }

    @Test
    void fallbackFromOpenAIToLocal() throws Exception {
        String out = run(FallbackExample::main);
        assertTrue(out.contains("answered by #1 HuggingFaceLocalChatGenerator after 2 attempt(s); "
                + "failed_chat_generators=[OpenAIChatGenerator]"), out);
        assertTrue(out.contains("HTTP 429 RateLimitException"), out);
        assertTrue(out.contains("HTTP 503 ServerErrorException"), out);
    }

    @Test
    void tgiGrammarFromARecordSchema() throws Exception {
        String out = run(TgiStructuredOutputExample::main);
        // the generators wrote the record's schema in TGI's grammar dialect, on both routes
        assertTrue(out.contains("the server received on /v1/chat/completions: \"response_format\": {\"type\":\"json\","
                + "\"value\":{\"properties\":{\"city\":{\"title\":\"City\",\"type\":\"string\"}"), out);
        assertTrue(out.contains("the server received on /generate: \"grammar\": {\"type\":\"json\",\"value\":{"), out);
        assertTrue(out.contains("[GET /info, POST /v1/chat/completions, POST /generate]"), out);
        assertTrue(out.contains("-> Weather[city=Paris, celsius=1.5, conditions=example conditions]"), out);
        assertTrue(out.contains("finish_reason=stop"), out);
    }

    @Test
    void pipelineFromYaml() throws Exception {
        String out = run(YamlPipelineExample::main);
        // Haystack's type names in the YAML resolved to Hayloft's classes
        assertTrue(out.contains("loaded llm: dev.hayloft.hf.local.HuggingFaceLocalChatGenerator"), out);
        assertTrue(out.contains("loaded prompt_builder: dev.hayloft.core.builders.ChatPromptBuilder"), out);
        assertTrue(out.matches("(?s).*reply: \\S.*\nfinish_reason=(stop|length) usage=\\{.*completion_tokens=\\d+.*"),
                out);
    }

    @Test
    void answersFromDocuments() throws Exception {
        String out = run(DocumentAnswersExample::main);
        // the prompt budget (the model's tokenizer, its 512-token window) left the long document out
        assertTrue(out.contains("2 answers; doc_ids=[max, lily] skipped_doc_ids=[farm-manual]"), out);
        assertTrue(out.contains("context_window=512"), out);
        assertTrue(out.contains("from documents [max, lily], titles [Max, Lily], scores [0.92, 0.81]"), out);
    }

    @Test
    void batchAnswersWithProgress() throws Exception {
        String out = run(BatchAnswersExample::main);
        assertTrue(out.contains("progress: 20/20 done, 1 failed"), out);
        assertTrue(out.contains("19 of 20 questions answered, 19 answers; 1 failed:"), out);
        assertTrue(out.contains("  #19 (Why does Max run and run and r...): ContextLengthExceededException: "), out);
    }
}
