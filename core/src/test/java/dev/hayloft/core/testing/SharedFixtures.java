package dev.hayloft.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared test fixtures (models, tokenizers) that live beside the checkout in
 * {@code ../shared}, never inside the repository.
 *
 * <p>The folder comes from the system property {@code hayloft.shared} (the build sets it
 * to {@code ../shared} relative to the project root). When it is missing, a test that needs
 * it fails with a clear message if the environment variable {@code CI} is {@code true},
 * and is otherwise skipped with a loud message on standard error.
 *
 * <pre>{@code
 * Path model = SharedFixtures.require("models/stories260K");
 * }</pre>
 */
public final class SharedFixtures {
    public static final String PROPERTY = "hayloft.shared";

    private SharedFixtures() {
    }

    /** The shared folder's root, resolved from {@code -Dhayloft.shared} (default {@code ../shared}). */
    public static Path root() {
        return Path.of(System.getProperty(PROPERTY, "../shared")).toAbsolutePath().normalize();
    }

    /**
     * Returns {@code root()/relative}, or fails (CI) / aborts the test (elsewhere) when it
     * does not exist.
     */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        if (Files.exists(p)) {
            return p;
        }
        String msg = "Shared fixture not found: " + p + ". Tests locate ../shared through -D" + PROPERTY
                + "=<dir>; check out the shared fixtures beside the project or point the property at them.";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(msg + " (CI=true, so this is a failure, not a skip)");
        }
        System.err.println("!!! SKIPPING: " + msg);
        Assumptions.abort(msg);
        return p; // unreachable
    }
}
