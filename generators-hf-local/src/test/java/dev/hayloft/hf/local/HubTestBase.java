package dev.hayloft.hf.local;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh {@link HubFixture} (fake Hub, empty cache) per test, closed afterwards. */
abstract class HubTestBase {
    @TempDir
    Path tmp;
    HubFixture f;

    @BeforeEach
    void startHub() throws IOException {
        f = new HubFixture(tmp);
    }

    @AfterEach
    void stopHub() throws IOException {
        f.close();
    }
}
