package dev.hayloft.hf.local.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.hayloft.core.errors.ModelLoadException;
import dev.hayloft.hf.local.internal.generation.GenerationParams;
import dev.hayloft.hf.local.internal.testutil.Fixtures;
import org.junit.jupiter.api.Test;

class DeviceAndThreadsTest {

    @Test
    void parsesComponentDeviceStrings() {
        assertEquals(DeviceSpec.CPU, DeviceSpec.parse("cpu"));
        assertEquals(DeviceSpec.CPU, DeviceSpec.parse(" CPU "));
        assertEquals(DeviceSpec.cuda(0), DeviceSpec.parse("cuda"));
        assertEquals(DeviceSpec.cuda(1), DeviceSpec.parse("cuda:1"));
        assertEquals(DeviceSpec.cuda(2), DeviceSpec.parse("gpu:2"));
        assertEquals("cuda:1", DeviceSpec.parse("cuda:1").toString());
        for (String bad : new String[] {"mps", "cuda:", "cuda:x", "cuda:-1", "cpu:1", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceSpec.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void mapsToDjlDevicesAndDefaultsToCpuWithoutGpu() {
        assertEquals(Device.cpu(), Engines.resolve(DeviceSpec.CPU));
        if (Engines.gpuCount() == 0) {
            assertEquals(Device.cpu(), Engines.resolve(null));
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> Engines.resolve(DeviceSpec.cuda(0)));
            assertTrue(e.getMessage().contains("no CUDA GPU is visible"), e.getMessage());
            assertEquals("cpu", Fixtures.model(Fixtures.STORIES).info().device());
        } else {
            assertEquals(Device.gpu(0), Engines.resolve(null));
        }
    }

    @Test
    void threadsAreOneProcessWideSettingAndTheDefaultDeviceNeedsNoEngineForCpuNatives() {
        int before = Natives.intraOpThreads();
        try {
            Natives.setIntraOpThreads(2);
            assertEquals(2, Engines.intraOpThreads());
            assertEquals(5, Fixtures.model(Fixtures.STORIES).generate("Once", GenerationParams.builder()
                    .doSample(false).maxNewTokens(5).build(), null).usage().completionTokens());
        } finally {
            Natives.setIntraOpThreads(before);
        }
        assertThrows(IllegalArgumentException.class, () -> Natives.setIntraOpThreads(0));
        // the build's native is pytorch-native-cpu unless someone swapped it (see docs/hf-local.md)
        if ("cpu".equals(Natives.flavor())) {
            assertEquals("cpu", Natives.defaultDevice());
        }
    }
}
