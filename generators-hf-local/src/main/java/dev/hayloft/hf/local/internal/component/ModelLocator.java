package dev.hayloft.hf.local.internal.component;

import dev.hayloft.core.auth.Secret;
import dev.hayloft.core.errors.ModelAccessException;
import dev.hayloft.core.errors.ModelDownloadException;
import dev.hayloft.core.errors.ModelLoadException;
import dev.hayloft.core.errors.ModelNotFoundException;
import dev.hayloft.hf.local.internal.hub.HubClient;
import dev.hayloft.hf.local.internal.hub.RepoRef;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Finds a model's folder: {@code model} itself when it is a directory, else a Hub id
 * ({@code org/name}, optionally {@code @revision}) fetched through the {@link HubClient}
 * (cached snapshot, or downloaded into the standard Hugging Face cache) with the generator's
 * {@code token}. Closes the Hub client when it owns it.
 *
 * <pre>{@code
 * ModelLocator locator = new ModelLocator(hubClient, token, false);
 * Path folder = locator.locate("HuggingFaceTB/SmolLM2-135M-Instruct");
 * }</pre>
 */
public final class ModelLocator implements AutoCloseable {
    private final HubClient hub;
    private final Secret token;
    private final boolean ownsHub;

    /**
     * @param hub downloads Hub ids
     * @param token the generator's token (tried before the Hub client's), or null
     * @param ownsHub whether {@link #close()} closes {@code hub}
     */
    public ModelLocator(HubClient hub, Secret token, boolean ownsHub) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.token = token;
        this.ownsHub = ownsHub;
    }

    /** The folder holding {@code model}; fails with a {@link ModelLoadException} (a download one for Hub ids) explaining what to do. */
    public Path locate(String model) {
        Path local = null;
        try {
            local = Path.of(model);
            if (Files.isDirectory(local)) {
                return local;
            }
        } catch (InvalidPathException ignored) {
            // not a path; maybe a Hub id
        }
        if (RepoRef.isHubId(model)) {
            try {
                return hub.snapshot(RepoRef.parse(model), token);
            } catch (ModelAccessException | ModelNotFoundException e) {
                Path first = local == null ? null : local.getName(0);
                if (first != null && Files.isDirectory(first)) {
                    throw asLocalTypo(model, e);
                }
                throw e;
            }
        }
        throw new ModelLoadException("Model folder '" + model + "' does not exist (expected a folder with config.json, "
                + "model.safetensors and tokenizer.json, or a Hub id such as org/name)");
    }

    /** The same exception, saying that {@code model} was taken for a Hub id because no such folder exists. */
    private static ModelDownloadException asLocalTypo(String model, ModelDownloadException e) {
        String msg = "'" + model + "' is not a local folder, so it was looked up on the Hub: " + e.getMessage();
        Integer status = e.statusCode().isPresent() ? e.statusCode().getAsInt() : null;
        if (e instanceof ModelAccessException) {
            return new ModelAccessException(msg, e.repoId(), e.fileName().orElse(null), status, e);
        }
        return new ModelNotFoundException(msg, e.repoId(), e.fileName().orElse(null), status, e);
    }

    @Override
    public void close() {
        if (ownsHub) {
            hub.close();
        }
    }
}
