package dev.hayloft.hf.local.internal.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.hayloft.core.errors.ModelLoadException;
import dev.hayloft.hf.local.internal.config.TokenizerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A model's {@code tokenizer.json} (through DJL's Hugging Face tokenizers binding) encoding
 * and decoding the way transformers' fast tokenizer does: no truncation, no padding,
 * {@code add_bos_token}/{@code add_eos_token} from {@code tokenizer_config.json} honoured when
 * set (otherwise tokenizer.json's post-processor decides), and transformers'
 * {@code clean_up_tokenization_spaces} applied on decode when enabled. Thread-safe.
 *
 * <pre>{@code
 * try (LocalTokenizer tok = LocalTokenizer.load(folder, TokenizerSettings.read(folder), null)) {
 *     int[] ids = tok.encode("Once upon a time", true);   // [1, 403, 407, 261, 378]
 *     String text = tok.decode(ids, true);                // "Once upon a time"
 * }
 * }</pre>
 */
public final class LocalTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final TokenizerSettings settings;
    private final boolean cleanUp;
    private final Integer bosId;
    private final Integer eosId;
    private final Integer padId;

    private LocalTokenizer(HuggingFaceTokenizer tokenizer, TokenizerSettings settings, boolean cleanUp) {
        this.tokenizer = tokenizer;
        this.settings = settings;
        this.cleanUp = cleanUp;
        this.bosId = tokenId(settings.bosToken());
        this.eosId = tokenId(settings.eosToken());
        this.padId = tokenId(settings.padToken());
        if (Boolean.TRUE.equals(settings.addBosToken()) && bosId == null) {
            throw new ModelLoadException("tokenizer_config.json sets add_bos_token but bos_token "
                    + settings.bosToken() + " is not a single token of tokenizer.json");
        }
        if (Boolean.TRUE.equals(settings.addEosToken()) && eosId == null) {
            throw new ModelLoadException("tokenizer_config.json sets add_eos_token but eos_token "
                    + settings.eosToken() + " is not a single token of tokenizer.json");
        }
    }

    /**
     * Loads {@code folder/tokenizer.json}. {@code cleanUpOverride} replaces the
     * {@code clean_up_tokenization_spaces} setting when not {@code null}.
     */
    public static LocalTokenizer load(Path folder, TokenizerSettings settings, Boolean cleanUpOverride) {
        Path file = folder.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("Missing tokenizer.json in " + folder
                    + " (only fast tokenizers in tokenizer.json form are supported)");
        }
        HuggingFaceTokenizer hf;
        try {
            hf = HuggingFaceTokenizer.newInstance(file, Map.of(
                    "truncation", "false",
                    "padding", "false",
                    "addSpecialTokens", "true"));
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("Cannot load tokenizer " + file + ": " + e.getMessage(), e);
        }
        boolean cleanUp = cleanUpOverride != null ? cleanUpOverride : settings.cleanUpTokenizationSpaces();
        try {
            return new LocalTokenizer(hf, settings, cleanUp);
        } catch (RuntimeException e) {
            hf.close();
            throw e;
        }
    }

    /**
     * Token ids of {@code text}. With {@code addSpecialTokens}, BOS/EOS are added as
     * transformers would: per {@code add_bos_token}/{@code add_eos_token} when the config sets
     * either, else per tokenizer.json's post-processor. Chat prompts rendered from a template
     * already contain their special tokens: encode them with {@code addSpecialTokens=false}.
     */
    public int[] encode(String text, boolean addSpecialTokens) {
        boolean explicit = settings.addBosToken() != null || settings.addEosToken() != null;
        if (!addSpecialTokens || !explicit) {
            return toInts(tokenizer.encode(text, addSpecialTokens, false).getIds());
        }
        long[] raw = tokenizer.encode(text, false, false).getIds();
        boolean bos = Boolean.TRUE.equals(settings.addBosToken());
        boolean eos = Boolean.TRUE.equals(settings.addEosToken());
        int[] out = new int[raw.length + (bos ? 1 : 0) + (eos ? 1 : 0)];
        int i = 0;
        if (bos) {
            out[i++] = bosId;
        }
        for (long id : raw) {
            out[i++] = Math.toIntExact(id);
        }
        if (eos) {
            out[i] = eosId;
        }
        return out;
    }

    /** Text of {@code ids}; ids outside the vocabulary are skipped. */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            longs[i] = ids[i];
        }
        String text = tokenizer.decode(longs, skipSpecialTokens);
        return cleanUp ? cleanUpTokenization(text) : text;
    }

    /** Decodes without transformers' clean-up, whatever the setting. */
    public String decodeRaw(int[] ids, boolean skipSpecialTokens) {
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            longs[i] = ids[i];
        }
        return tokenizer.decode(longs, skipSpecialTokens);
    }

    /** Whether decoding applies transformers' {@code clean_up_tokenization_spaces}. */
    public boolean cleansUpSpaces() {
        return cleanUp;
    }

    /** The id of {@code token} if it encodes to exactly one id, else {@code null}. */
    public Integer tokenId(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        long[] ids = tokenizer.encode(token, false, false).getIds();
        return ids.length == 1 ? Math.toIntExact(ids[0]) : null;
    }

    /** The BOS token id, or {@code null}. */
    public Integer bosTokenId() {
        return bosId;
    }

    /** The EOS token id of the tokenizer config, or {@code null}. */
    public Integer eosTokenId() {
        return eosId;
    }

    /** The padding token id, or {@code null}. */
    public Integer padTokenId() {
        return padId;
    }

    /** The settings this tokenizer was loaded with. */
    public TokenizerSettings settings() {
        return settings;
    }

    /** transformers' {@code clean_up_tokenization}: removes spaces before punctuation and contractions. */
    public static String cleanUpTokenization(String s) {
        return s.replace(" .", ".").replace(" ?", "?").replace(" !", "!").replace(" ,", ",")
                .replace(" ' ", "'").replace(" n't", "n't").replace(" 'm", "'m").replace(" 's", "'s")
                .replace(" 've", "'ve").replace(" 're", "'re");
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    private static int[] toInts(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }
}
