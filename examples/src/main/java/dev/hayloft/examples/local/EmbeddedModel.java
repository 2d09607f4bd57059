package dev.hayloft.examples.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Quick start's embedded default model: stories260K (Karpathy's llama2.c, MIT, 1 MB; see
 * {@code models/stories260K/LICENSE.md} in the examples' resources), copied from the class path
 * to a temporary folder (the runtime memory-maps files, which a jar entry is not) and deleted by
 * {@link #close()}.
 *
 * <pre>{@code
 * try (EmbeddedModel model = EmbeddedModel.extract()) {
 *     HuggingFaceLocalGenerator llm = HuggingFaceLocalGenerator.builder().model(model.folder().toString()).build();
 * }
 * }</pre>
 */
public final class EmbeddedModel implements AutoCloseable {
    /** The model's name, for messages. */
    public static final String NAME = "stories260K";
    private static final String RESOURCE = "/models/" + NAME + "/";
    private static final List<String> FILES = List.of("config.json", "generation_config.json", "model.safetensors",
            "special_tokens_map.json", "tokenizer.json", "tokenizer_config.json", "LICENSE.md");

    private final Path folder;

    private EmbeddedModel(Path folder) {
        this.folder = folder;
    }

    /** Copies the model out of the class path. */
    public static EmbeddedModel extract() {
        try {
            Path dir = Files.createTempDirectory("hayloft-" + NAME + "-");
            for (String file : FILES) {
                try (InputStream in = EmbeddedModel.class.getResourceAsStream(RESOURCE + file)) {
                    if (in == null) {
                        throw new IllegalStateException("the embedded model lacks " + RESOURCE + file
                                + " (is the examples' jar complete?)");
                    }
                    Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return new EmbeddedModel(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the embedded model: " + e.getMessage(), e);
        }
    }

    /** The folder holding the model's files. */
    public Path folder() {
        return folder;
    }

    /** Deletes the temporary copy. */
    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + folder + ": " + e.getMessage());
        }
    }
}
