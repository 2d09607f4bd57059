package dev.hayloft.core.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hayloft.core.errors.DeserializationException;
import dev.hayloft.core.serde.JsonValues;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentDeviceTest {
    @Test
    void singleDeviceShapeAndParsing() {
        ComponentDevice gpu = ComponentDevice.fromString("cuda:1");
        assertEquals(JsonValues.map("type", "single", "device", "cuda:1"), gpu.toDict());
        assertEquals(gpu, ComponentDevice.fromDict(gpu.toDict()));
        assertEquals("cuda:1", gpu.toTorchString());
        assertEquals(new Device(DeviceType.GPU, 1), gpu.firstDevice());
        assertEquals("mps", ComponentDevice.fromString("mps").toTorchString());
        assertEquals(Device.cpu(), ComponentDevice.resolveDevice(null).firstDevice());
    }

    @Test
    void deviceMapShape() {
        Map<String, Object> dict = JsonValues.map("type", "multiple", "device_map",
                JsonValues.map("layer1", "cuda:0", "layer2", "disk"));
        ComponentDevice d = ComponentDevice.fromDict(dict);
        assertTrue(d.hasMultipleDevices());
        assertEquals(Device.gpu(0), d.firstDevice());
        assertEquals(dict, d.toDict());
        assertThrows(IllegalStateException.class, d::toTorchString);
    }

    @Test
    void invalidDevicesAreRefusedWithReasons() {
        assertThrows(IllegalArgumentException.class, () -> ComponentDevice.fromString("tpu"));
        assertThrows(IllegalArgumentException.class, () -> ComponentDevice.fromString("cuda:-1"));
        assertThrows(IllegalArgumentException.class, () -> ComponentDevice.fromString("cuda:x"));
        IllegalArgumentException disk = assertThrows(IllegalArgumentException.class,
                () -> ComponentDevice.fromString("disk"));
        assertTrue(disk.getMessage().contains("device maps"));
        DeserializationException bad = assertThrows(DeserializationException.class,
                () -> ComponentDevice.fromDict(Map.of("type", "several")));
        assertTrue(bad.getMessage().contains("several"));
    }
}
