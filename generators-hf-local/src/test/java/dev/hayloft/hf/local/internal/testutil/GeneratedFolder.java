package dev.hayloft.hf.local.internal.testutil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A temporary model folder that a test fixture assembles once per JVM (deleted when the JVM
 * exits): small files copied from the test resources, generated files written next to them.
 *
 * <pre>{@code
 * GeneratedFolder f = GeneratedFolder.create("tiny-random-t5", "/models/tiny-random-t5/", List.of("config.json"));
 * SafetensorsWriter.write(f.file("model.safetensors"), tensors);
 * Path folder = f.dir();
 * }</pre>
 */
record GeneratedFolder(Path dir) {

    /** A new folder holding copies of {@code files} of the class-path directory {@code resources}. */
    static GeneratedFolder create(String name, String resources, List<String> files) throws IOException {
        Path dir = Files.createTempDirectory("hayloft-" + name + "-");
        dir.toFile().deleteOnExit();
        GeneratedFolder folder = new GeneratedFolder(dir);
        for (String file : files) {
            try (InputStream in = GeneratedFolder.class.getResourceAsStream(resources + file)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource " + resources + file);
                }
                Files.copy(in, folder.file(file));
            }
        }
        return folder;
    }

    /** The path of {@code name} in the folder, deleted when the JVM exits. */
    Path file(String name) {
        Path file = dir.resolve(name);
        file.toFile().deleteOnExit();
        return file;
    }
}
