package io.github.bertdistill.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.github.bertdistill.core.config.ConfigException;
import io.github.bertdistill.core.config.StrictJson;
import org.junit.jupiter.api.Test;

class ComputeDeviceTest {
    static final class Settings {
        ComputeDevice device = ComputeDevice.AUTO;
    }

    @Test
    void namesParseAndPrintBack() {
        assertEquals(ComputeDevice.AUTO, ComputeDevice.parse("auto"));
        assertEquals(ComputeDevice.CPU, ComputeDevice.parse(" CPU "));
        assertEquals(new ComputeDevice(ComputeDevice.Kind.GPU, 0), ComputeDevice.parse("gpu"));
        assertEquals(new ComputeDevice(ComputeDevice.Kind.GPU, 2), ComputeDevice.parse("gpu:2"));
        assertEquals("gpu:2", ComputeDevice.parse("gpu:2").toString());
        assertEquals("cpu", ComputeDevice.CPU.toString());
    }

    @Test
    void badNamesSayWhatIsExpected() {
        for (String bad : new String[] {"tpu", "cpu:1", "gpu:x", ""}) {
            ConfigException e = assertThrows(ConfigException.class, () -> ComputeDevice.parse(bad));
            assertEquals("expected auto, cpu, gpu or gpu:N, got \"" + bad + "\"", e.getMessage());
        }
    }

    @Test
    void configsReadAndWriteTheDeviceByNameWithTheKeyPath() {
        Settings read = StrictJson.read("{\"device\": \"gpu:1\"}", Settings.class);
        assertEquals(ComputeDevice.parse("gpu:1"), read.device);
        assertTrue(StrictJson.write(read).contains("\"device\": \"gpu:1\""));
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> StrictJson.read("{\"device\": \"tpu\"}", Settings.class));
        assertEquals("device: expected auto, cpu, gpu or gpu:N, got \"tpu\"", e.getMessage());
    }

    @Test
    void devicesResolveOnTheEngineOrSayWhatIsMissing() {
        EngineBootstrap.start();
        Engine engine = Engine.getEngine(EngineBootstrap.ENGINE_NAME);
        assertEquals(Device.cpu(), ComputeDevice.CPU.resolve(engine));
        assertEquals(engine.defaultDevice(), ComputeDevice.AUTO.resolve(engine));
        ComputeDevice gpu = ComputeDevice.parse("gpu:" + engine.getGpuCount());
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> gpu.resolve(engine));
        assertTrue(
                missing.getMessage().startsWith("device " + gpu + " asked for, but the PyTorch"),
                missing.getMessage());
        assertEquals(engine.defaultDevice(), EngineBootstrap.device());
        try (var manager = EngineBootstrap.newManager()) {
            assertEquals(
                    EngineBootstrap.device(),
                    manager.zeros(new ai.djl.ndarray.types.Shape(1)).getDevice());
        }
    }
}
