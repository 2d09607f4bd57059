package dev.hayloft.serialization;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Not a test: measures loading of big YAML documents (best of 3, main-thread CPU and wall
 * time). The numbers in docs/serialization.md come from it.
 *
 * <pre>{@code
 * java -cp <test-classes:classes:deps> dev.hayloft.serialization.YamlLoadTiming double 9000000
 * java ... YamlLoadTiming components 20000 85000
 * java ... YamlLoadTiming components-pipeline 20000
 * }</pre>
 */
public final class YamlLoadTiming {
    private YamlLoadTiming() {
    }

    static String document(String kind, int n) {
        switch (kind) {
            case "double":
                return "metadata:\n  blob: \"" + "x".repeat(n) + "\"\n";
            case "single":
                return "metadata:\n  blob: '" + "x".repeat(n) + "'\n";
            case "plain":
                return "metadata:\n  blob: " + "x ".repeat(n / 2) + "\n";
            default:
                StringBuilder sb = new StringBuilder("components:\n");
                for (int i = 0; i < n; i++) {
                    sb.append("  c").append(i).append(":\n    init_parameters:\n      template: x\n")
                            .append("    type: haystack.components.builders.prompt_builder.PromptBuilder\n");
                }
                return sb.append("connections: []\nmax_runs_per_component: 100\nmetadata: {}\n").toString();
        }
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Limits limits = Limits.DEFAULT.withMaxChars(Integer.MAX_VALUE - 8);
        YamlMarshaller yaml = YamlMarshaller.create(limits);
        PipelineSerializer pipelines = PipelineSerializer.builder().limits(limits).marshaller(yaml).build();
        String kind = args[0];
        for (int a = 1; a < args.length; a++) {
            int n = Integer.parseInt(args[a]);
            String doc = document(kind, n);
            long cpu = Long.MAX_VALUE;
            long wall = Long.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                if (kind.equals("components-pipeline")) {
                    pipelines.loads(doc);
                } else {
                    yaml.unmarshal(doc);
                }
                cpu = Math.min(cpu, threads.getCurrentThreadCpuTime() - c0);
                wall = Math.min(wall, System.nanoTime() - w0);
            }
            System.out.printf("%s n=%d chars=%d cpu=%d ms wall=%d ms%n", kind, n, doc.length(), cpu / 1_000_000,
                    wall / 1_000_000);
        }
    }
}
