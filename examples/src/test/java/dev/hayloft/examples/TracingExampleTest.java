package dev.hayloft.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.examples.observability.TracingExample;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tracing example runs offline and prints the span tree and the meters. */
class TracingExampleTest {
    @BeforeAll
    static void offline() {
        System.setProperty("hayloft.examples.offline", "true");
    }

    @AfterAll
    static void online() {
        System.clearProperty("hayloft.examples.offline");
    }

    @Test
    void printsSpansAndMeters() throws Exception {
        String out = ExamplesRunOfflineTest.run(TracingExample::main);
        assertTrue(out.contains("reply: ") && out.contains("You asked: What is the capital of France?"), out);
        for (String span : new String[] {"span chat gpt-4o-mini", "span prompt", "span llm", "span invoke_workflow qa",
            "span handle question"}) {
            assertTrue(out.contains(span), span + " in " + out);
        }
        assertTrue(out.contains("gen_ai.usage.output_tokens"), out);
        assertTrue(out.contains("meter gen_ai.client.operation.duration"), out);
        assertTrue(out.contains("meter gen_ai.client.token.usage"), out);
    }
}
