package dev.hayloft.hf.local.internal.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.errors.ModelLoadException;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import dev.hayloft.hf.local.internal.testutil.SafetensorsWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SafetensorsFileTest {
    @TempDir
    Path dir;

    @Test
    void readsTheFixtureHeaderAndMapsTensorsReadOnly() {
        Path file = Fixtures.folder(Fixtures.QWEN2).resolve("model.safetensors");
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(26, f.entries().size());
            assertEquals("pt", f.metadata().get("format"));
            TensorEntry e = f.entries().get("model.layers.0.self_attn.k_proj.weight");
            assertEquals(List.of(16L, 32L), e.shape());
            assertEquals(DType.F32, e.dtype());
            assertEquals(16 * 32 * 4, e.byteLength());
            ByteBuffer b = f.map(e);
            assertTrue(b.isReadOnly());
            assertEquals(ByteOrder.LITTLE_ENDIAN, b.order());
            // data starts right after the 2752-byte header (README) and tensors are sorted by name
            TensorEntry embed = f.entries().get("model.embed_tokens.weight");
            assertEquals(8 + 2752, embed.absoluteOffset());
            // norm weights are 1 + N(0, 0.05): all values near 1
            TensorEntry norm = f.entries().get("model.norm.weight");
            ByteBuffer nb = f.map(norm);
            for (int i = 0; i < 32; i++) {
                float v = nb.getFloat(i * 4);
                assertTrue(v > 0.7f && v < 1.3f, "norm weight " + v);
            }
        }
    }

    static Stream<Arguments> corruptHeaders() {
        return Stream.of(
                Arguments.of("not json",
                        "{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}",
                        "not well-formed JSON"),
                Arguments.of("unknown dtype",
                        "{\"a\":{\"dtype\":\"F33\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                        "tensor 'a': unknown dtype 'F33'"),
                Arguments.of("size mismatch",
                        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}",
                        "tensor 'a': data_offsets [0,4] cover 4 bytes but shape [2] of F32 needs 8"),
                Arguments.of("out of bounds",
                        "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}",
                        "tensor 'a': data_offsets [0,16] run past the end of the data buffer (8 bytes)"),
                Arguments.of("reversed",
                        "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}",
                        "tensor 'a': data_offsets [4,0] are negative or reversed"),
                Arguments.of("overlap",
                        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                        "tensor 'b': data overlaps tensor 'a'"),
                Arguments.of("negative dim",
                        "{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}",
                        "tensor 'a': shape [-1] has a dimension that is not a non-negative integer"),
                Arguments.of("duplicate key",
                        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                        "not well-formed JSON"),
                Arguments.of("not an object",
                        "[1, 2]",
                        "header is not a JSON object"),
                Arguments.of("missing offsets",
                        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}",
                        "tensor 'a': 'data_offsets' must be an array of two integers"),
                Arguments.of("bad metadata",
                        "{\"__metadata__\":{\"format\":1}}",
                        "__metadata__ value 'format' is not a string"),
                Arguments.of("extra key",
                        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}",
                        "tensor 'a': unexpected key 'x'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptHeaders")
    void rejectsCorruptHeadersNamingFileAndTensor(String label, String header, String expected) {
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.writeRaw(file, header, 8);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> SafetensorsFile.open(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), label + ": " + e.getMessage());
    }

    @Test
    void rejectsHeaderLengthsThatAreZeroHugeOrPastTheEnd() throws Exception {
        Path file = dir.resolve("x.safetensors");
        for (long len : new long[] {0, 1L << 40, 100, -1}) {
            ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(len);
            Files.write(file, b.array());
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> SafetensorsFile.open(file));
            assertTrue(e.getMessage().contains("header length " + Long.toUnsignedString(len)), e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()));
        }
        Files.write(file, new byte[] {1, 2, 3});
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> SafetensorsFile.open(file));
        assertTrue(e.getMessage().contains("shorter than the 8-byte header length"), e.getMessage());
    }

    @Test
    void rejectsInvalidUtf8Header() throws Exception {
        Path file = dir.resolve("x.safetensors");
        ByteBuffer b = ByteBuffer.allocate(8 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(4).put(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
        Files.write(file, b.array());
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> SafetensorsFile.open(file));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @Test
    void corruptingTheFixtureHeaderLengthIsDetected() throws Exception {
        byte[] bytes = Files.readAllBytes(Fixtures.folder(Fixtures.STORIES).resolve("model.safetensors"));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, bytes.length);
        Path file = dir.resolve("model.safetensors");
        Files.write(file, bytes);
        assertThrows(ModelLoadException.class, () -> SafetensorsFile.open(file));
    }

    @Test
    void shardIndexErrorsNameTheShardOrTensor() throws Exception {
        Path file = dir.resolve("a.safetensors");
        SafetensorsWriter.write(file, List.of(new SafetensorsWriter.Tensor("x", new long[] {2},
                new float[] {1, 2}, DType.F32)));
        SafetensorsWriter.writeIndex(dir.resolve(WeightSource.INDEX_FILE), Map.of("x", "a.safetensors",
                "y", "a.safetensors"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> WeightSource.open(dir));
        assertTrue(e.getMessage().contains("maps tensor 'y' to a.safetensors, which does not contain it"), e.getMessage());

        SafetensorsWriter.writeIndex(dir.resolve(WeightSource.INDEX_FILE), Map.of("x", "b.safetensors"));
        e = assertThrows(ModelLoadException.class, () -> WeightSource.open(dir));
        assertTrue(e.getMessage().contains("names shard 'b.safetensors', which does not exist"), e.getMessage());

        SafetensorsWriter.writeIndex(dir.resolve(WeightSource.INDEX_FILE), Map.of("x", "../a.safetensors"));
        e = assertThrows(ModelLoadException.class, () -> WeightSource.open(dir));
        assertTrue(e.getMessage().contains("not a file name inside the model folder"), e.getMessage());

        SafetensorsWriter.writeIndex(dir.resolve(WeightSource.INDEX_FILE), Map.of("x", "a.safetensors"));
        try (WeightSource w = WeightSource.open(dir)) {
            assertEquals(List.of(2L), w.entry("x").shape());
            e = assertThrows(ModelLoadException.class, () -> w.entry("nope"));
            assertTrue(e.getMessage().contains("Missing tensor 'nope'"), e.getMessage());
        }
    }

    @Test
    void folderWithoutWeightsListsItsFiles() throws Exception {
        Files.writeString(dir.resolve("pytorch_model.bin"), "x");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> WeightSource.open(dir));
        assertTrue(e.getMessage().contains("expected model.safetensors or model.safetensors.index.json"), e.getMessage());
        assertTrue(e.getMessage().contains("pytorch_model.bin"), e.getMessage());
    }
}
