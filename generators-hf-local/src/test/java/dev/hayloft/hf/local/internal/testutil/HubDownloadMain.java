package dev.hayloft.hf.local.internal.testutil;

import dev.hayloft.hf.local.DownloadListener;
import dev.hayloft.hf.local.HuggingFaceHub;
import java.nio.file.Path;
import java.util.Map;

/**
 * A second JVM for the shared-cache test: downloads {@code args[2]} from the Hub at
 * {@code args[0]} into the cache {@code args[1]} and prints the snapshot folder.
 */
public final class HubDownloadMain {
    private HubDownloadMain() {
    }

    public static void main(String[] args) {
        Map<String, String> env = Map.of("HF_TOKEN_PATH", args[1] + "/no-token");
        try (HuggingFaceHub hub = HuggingFaceHub.builder().environment(env::get).endpoint(args[0])
                .cacheDir(Path.of(args[1])).token(null).progressListener(DownloadListener.none()).build()) {
            System.out.println(hub.downloadModel(args[2]));
        }
    }
}
