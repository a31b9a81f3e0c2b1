package io.github.bertdistill.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.annotations.SerializedName;
import java.util.ArrayList;
import java.util.List;
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

    static final class Training {
        int epochs = 1;
    }

    static final class Part {
        int seeds = 1;
        Training training = new Training();
    }

    static final class Run {
        int seed = 1;
        Part teacher = new Part();
        Part student = new Part();
    }

    @Test
    void parsingStrictlyRefusesAKeyGivenTwiceNamingItsPath() {
        StrictJson.DuplicateKeyException twice =
                assertThrows(
                        StrictJson.DuplicateKeyException.class,
                        () ->
                                StrictJson.parseStrictly(
                                        "{\"student\": {\"training\": {\"epochs\": 1,"
                                                + " \"epochs\": 2}}}"));
        assertEquals("epochs", twice.key());
        assertEquals("'epochs' is given twice in student.training", twice.getMessage());
        assertEquals(
                "'name' is given twice",
                assertThrows(
                                StrictJson.DuplicateKeyException.class,
                                () ->
                                        StrictJson.parseStrictly(
                                                "{\"name\": \"a\", \"name\": \"b\"}"))
                        .getMessage());
    }

    @Test
    void parsingStrictlyRefusesCommentsAndTrailingDataInTheUsersWords() {
        JsonParseException comment =
                assertThrows(
                        JsonParseException.class,
                        () -> StrictJson.parseStrictly("{\n// a comment\n\"seed\": 1}"));
        String reason = StrictJson.describe(comment);
        assertTrue(reason.startsWith("malformed JSON at line 2 column"), reason);
        assertTrue(!reason.contains("setStrictness") && !reason.contains("http"), reason);
        assertThrows(JsonParseException.class, () -> StrictJson.parseStrictly("{} {}"));
        assertEquals(
                1,
                StrictJson.parseStrictly("{\"seed\": 1}").getAsJsonObject().get("seed").getAsInt());
    }

    @Test
    void keepsDefaultsForMissingKeys() {
        Outer outer = StrictJson.read("{\"temperature\": 4}", Outer.class);
        assertEquals("default", outer.name);
        assertEquals(4.0, outer.temperature);
        assertEquals(3, outer.inner.width);
    }

    @Test
    void readOverKeepsTheGivenDefaultsAtEveryDepthAndReplacesRecordsAndListsWhole() {
        Holder defaults = new Holder();
        defaults.size = 5;
        defaults.typed.count = 9;
        defaults.typed.range = new Range(2, 8);
        defaults.typed.values = new ArrayList<>(List.of(1f, 2f));
        Holder read =
                StrictJson.readOver(
                        JsonParser.parseString(
                                "{\"typed\": {\"flag\": true, \"range\": {\"from\": 3, \"to\": 4},"
                                        + " \"values\": [7]}}"),
                        defaults);
        assertEquals(5, read.size);
        assertEquals(9, read.typed.count);
        assertTrue(read.typed.flag);
        assertEquals(new Range(3, 4), read.typed.range);
        assertEquals(List.of(7f), read.typed.values);
        assertEquals(1, StrictJson.read("{\"typed\": {\"flag\": true}}", Holder.class).typed.count);
        assertEquals(
                "typed.range: expected an object {\"from\": a number, \"to\": a number}, got"
                        + " {\"from\":3}",
                assertThrows(
                                ConfigException.class,
                                () ->
                                        StrictJson.readOver(
                                                JsonParser.parseString(
                                                        "{\"typed\": {\"range\": {\"from\": 3}}}"),
                                                defaults))
                        .getMessage());
    }

    @Test
    void rejectsAnUnknownKeyByItsPath() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> StrictJson.read("{\"temprature\": 4}", Outer.class));
        assertEquals(
                "temprature: unknown key (did you mean 'temperature'?); known keys: inner, name,"
                        + " temperature",
                e.getMessage());
    }

    @Test
    void checksNestedObjectsToo() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> StrictJson.read("{\"inner\": {\"widht\": 5}}", Outer.class));
        assertEquals(
                "inner.widht: unknown key (did you mean 'width'?); known keys: width",
                e.getMessage());
    }

    @Test
    void namesTheSectionAKeyPutInTheWrongOneBelongsTo() {
        IllegalArgumentException nested =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> StrictJson.read("{\"inner\": {\"Temperature\": 2}}", Outer.class));
        assertEquals(
                "inner.Temperature: unknown key (did you mean the top-level 'temperature'?); known"
                        + " keys: width",
                nested.getMessage());
        IllegalArgumentException atRoot =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> StrictJson.read("{\"width\": 2}", Outer.class));
        assertEquals(
                "width: unknown key (did you mean 'inner.width'?); known keys: inner, name,"
                        + " temperature",
                atRoot.getMessage());
    }

    @Test
    void aMisplacedKeyIsSuggestedInTheSectionNearestItsPath() {
        IllegalArgumentException deeper =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> StrictJson.read("{\"student\": {\"epochs\": 2}}", Run.class));
        assertEquals(
                "student.epochs: unknown key (did you mean 'student.training.epochs'?); known"
                        + " keys: seeds, training",
                deeper.getMessage());
        // a near key of the section itself wins over the same word at the top level
        IllegalArgumentException near =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> StrictJson.read("{\"student\": {\"seed\": 2}}", Run.class));
        assertEquals(
                "student.seed: unknown key (did you mean 'seeds'?); known keys: seeds, training",
                near.getMessage());
    }

    @Test
    void aKeyMisspeltOnlyInCaseIsSuggestedInItsOwnSection() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> StrictJson.read("{\"inner\": {\"WIDTH\": 2}}", Outer.class));
        assertEquals(
                "inner.WIDTH: unknown key (did you mean 'width'?); known keys: width",
                e.getMessage());
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
        assertEquals(true, e.getMessage().startsWith("invalid JSON"), e.getMessage());
    }

    enum Shape {
        ROUND,
        @SerializedName("two-sided")
        TWO_SIDED
    }

    record Range(float from, float to) {}

    static final class Typed implements CheckedConfig {
        int count = 1;
        long big;
        boolean flag;
        Shape shape = Shape.ROUND;
        Range range = new Range(0, 1);
        List<Float> values = new ArrayList<>();
        int[] widths = {3};
        String label;

        @Override
        public void check() {
            ConfigException.require(range.from() <= range.to(), "range.from", "must be <= to");
        }
    }

    static final class Holder implements CheckedConfig {
        Typed typed = new Typed();
        int size = 1;

        @Override
        public void check() {
            ConfigException.require(size > 0, "size", "must be > 0, got %s", size);
        }
    }

    private static String problem(String json) {
        return assertThrows(ConfigException.class, () -> StrictJson.read(json, Holder.class))
                .getMessage();
    }

    @Test
    void wrongTypesNameTheKeyPathTheValueAndWhatIsExpected() {
        assertEquals(
                "typed.count: expected a whole number, got 2.5",
                problem("{\"typed\": {\"count\": 2.5}}"));
        assertEquals(
                "typed.count: expected a whole number, got \"x\"",
                problem("{\"typed\": {\"count\": \"x\"}}"));
        assertEquals(
                "typed.count: must be between -2147483648 and 2147483647, got 3000000000",
                problem("{\"typed\": {\"count\": 3000000000}}"));
        assertEquals(
                "typed.flag: expected true or false, got 1", problem("{\"typed\": {\"flag\": 1}}"));
        assertEquals(
                "typed.shape: expected one of ROUND, two-sided, got \"square\"",
                problem("{\"typed\": {\"shape\": \"square\"}}"));
        assertEquals(
                "typed.range: expected an object {\"from\": a number, \"to\": a number}, got -2",
                problem("{\"typed\": {\"range\": -2}}"));
        assertEquals(
                "typed.range: expected an object {\"from\": a number, \"to\": a number}, got"
                        + " {\"from\":1}",
                problem("{\"typed\": {\"range\": {\"from\": 1}}}"));
        assertEquals(
                "typed.values[1]: expected a number, got \"b\"",
                problem("{\"typed\": {\"values\": [1, \"b\"]}}"));
        assertEquals(
                "typed.widths: expected a list of whole numbers, got 3",
                problem("{\"typed\": {\"widths\": 3}}"));
        assertEquals("typed: expected an object, got 7", problem("{\"typed\": 7}"));
        assertEquals("size: expected a whole number, got null", problem("{\"size\": null}"));
    }

    @Test
    void rulesOfNestedConfigsAreReportedWithTheirPath() {
        assertEquals("size: must be > 0, got 0", problem("{\"size\": 0}"));
        assertEquals(
                "typed.range.from: must be <= to",
                problem("{\"typed\": {\"range\": {\"from\": 2, \"to\": 1}}}"));
    }

    @Test
    void enumsAreReadIgnoringCaseAndDashesAndWrittenByTheirJsonName() {
        Holder holder = StrictJson.read("{\"typed\": {\"shape\": \"TWO_SIDED\"}}", Holder.class);
        assertEquals(Shape.TWO_SIDED, holder.typed.shape);
        assertEquals(
                Shape.TWO_SIDED,
                StrictJson.read("{\"typed\": {\"shape\": \"Two-Sided\"}}", Holder.class)
                        .typed
                        .shape);
        assertTrue(StrictJson.write(holder).contains("\"two-sided\""), StrictJson.write(holder));
        assertEquals(
                Shape.TWO_SIDED,
                StrictJson.read(StrictJson.write(holder), Holder.class).typed.shape);
    }

    @Test
    void nullIsAllowedForOptionalStrings() {
        assertEquals(
                null, StrictJson.read("{\"typed\": {\"label\": null}}", Holder.class).typed.label);
    }
}
