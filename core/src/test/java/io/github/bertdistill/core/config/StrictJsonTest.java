package io.github.bertdistill.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StrictJsonTest {
    static final class Inner {
        int width = 3;
    }

    static final class Outer {
        String name = "default";
        double temperature = 1.0;
        Inner inner = new Inner();
    }

    @Test
    void keepsDefaultsForMissingKeys() {
        Outer outer = StrictJson.read("{\"temperature\": 4}", Outer.class);
        assertEquals("default", outer.name);
        assertEquals(4.0, outer.temperature);
        assertEquals(3, outer.inner.width);
    }

    @Test
    void rejectsAnUnknownKeyByItsPath() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> StrictJson.read("{\"temprature\": 4}", Outer.class));
        assertEquals(
                "unknown key 'Outer.temprature'; known keys: [inner, name, temperature]",
                e.getMessage());
    }

    @Test
    void checksNestedObjectsToo() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> StrictJson.read("{\"inner\": {\"widht\": 5}}", Outer.class));
        assertEquals("unknown key 'Outer.inner.widht'; known keys: [width]", e.getMessage());
    }

    @Test
    void roundTrips() {
        Outer outer = new Outer();
        outer.inner.width = 7;
        assertEquals(7, StrictJson.read(StrictJson.write(outer), Outer.class).inner.width);
    }

    @Test
    void reportsMalformedJson() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> StrictJson.read("{", Outer.class));
        assertEquals(true, e.getMessage().startsWith("invalid Outer JSON"), e.getMessage());
    }
}
