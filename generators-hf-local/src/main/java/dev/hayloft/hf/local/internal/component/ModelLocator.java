package dev.hayloft.hf.local.internal.component;

import dev.hayloft.core.errors.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Finds a model's folder: {@code model} itself when it is a directory, else a Hub id
 * ({@code org/name}, optionally {@code @revision}) already present in the standard Hugging
 * Face cache ({@code $HF_HUB_CACHE}, else {@code $HF_HOME/hub}, else
 * {@code ~/.cache/huggingface/hub}: {@code models--org--name/snapshots/<rev>}).
 *
 * <pre>{@code
 * ModelLocator locator = ModelLocator.fromEnvironment(System::getenv);   // read once, at build()
 * Path folder = locator.locate("HuggingFaceTB/SmolLM2-135M-Instruct");
 * }</pre>
 *
 * @param hubCache the Hugging Face hub cache folder
 */
public record ModelLocator(Path hubCache) {
    private static final Pattern HUB_ID = Pattern.compile("[\\w.-]+/[\\w.-]+(@[\\w./-]+)?");

    /** A locator using the cache the environment points at. */
    public static ModelLocator fromEnvironment(Function<String, String> env) {
        String hubCache = env.apply("HF_HUB_CACHE");
        if (hubCache != null && !hubCache.isBlank()) {
            return new ModelLocator(Path.of(hubCache));
        }
        String home = env.apply("HF_HOME");
        if (home != null && !home.isBlank()) {
            return new ModelLocator(Path.of(home, "hub"));
        }
        return new ModelLocator(Path.of(System.getProperty("user.home"), ".cache", "huggingface", "hub"));
    }

    /** The folder holding {@code model}; fails with a {@link ModelLoadException} explaining what to do. */
    public Path locate(String model) {
        try {
            Path p = Path.of(model);
            if (Files.isDirectory(p)) {
                return p;
            }
        } catch (InvalidPathException ignored) {
            // not a path; maybe a Hub id
        }
        if (HUB_ID.matcher(model).matches()) {
            Path cached = fromCache(model);
            if (cached != null) {
                return cached;
            }
            throw new ModelLoadException("Model '" + model + "' is neither a local folder nor in the Hugging Face cache "
                    + hubCache + ". Download it first (for example `huggingface-cli download " + model.split("@")[0]
                    + "`) or pass the path of a folder with config.json, model.safetensors and tokenizer.json.");
        }
        throw new ModelLoadException("Model folder '" + model + "' does not exist (expected a folder with config.json, "
                + "model.safetensors and tokenizer.json, or a Hub id such as org/name)");
    }

    private Path fromCache(String model) {
        String[] idRev = model.split("@", 2);
        Path repo = hubCache.resolve("models--" + idRev[0].replace("/", "--"));
        String revision = idRev.length > 1 ? idRev[1] : "main";
        Path ref = repo.resolve("refs").resolve(revision);
        String snapshot = revision;
        try {
            if (Files.isRegularFile(ref)) {
                snapshot = Files.readString(ref).trim();
            }
        } catch (IOException e) {
            return null;
        }
        Path dir = repo.resolve("snapshots").resolve(snapshot);
        return Files.isRegularFile(dir.resolve("config.json")) ? dir : null;
    }
}
