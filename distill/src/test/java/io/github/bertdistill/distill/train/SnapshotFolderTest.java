package io.github.bertdistill.distill.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFolderTest {
    @TempDir Path dir;

    @Test
    void theLatestSnapshotIsTheLastCompleteOneAndOlderOnesAreRemoved() throws IOException {
        SnapshotFolder folder = new SnapshotFolder(dir);
        assertEquals(Optional.empty(), folder.latest());

        folder.write("step-1", staging -> staging.writeString("a.txt", "one"));
        Files.createDirectories(dir.resolve(".step-2.staging-leftover")); // an interrupted write
        Path second = folder.write("step-3", staging -> staging.writeString("a.txt", "three"));

        assertEquals(Optional.of(second), folder.latest());
        assertEquals("three", Files.readString(second.resolve("a.txt")));
        assertEquals(List.of("LATEST", "step-3"), entries());
    }

    @Test
    void aFailedWriteKeepsThePreviousSnapshot() throws IOException {
        SnapshotFolder folder = new SnapshotFolder(dir);
        Path first = folder.write("step-1", staging -> staging.writeString("a.txt", "one"));
        try {
            folder.write(
                    "step-2",
                    staging -> {
                        staging.writeString("a.txt", "partial");
                        throw new IOException("disk full");
                    });
        } catch (IOException expected) {
            assertTrue(expected.getMessage().contains("disk full"));
        }
        assertEquals(Optional.of(first), folder.latest());
        assertEquals(List.of("LATEST", "step-1"), entries());
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
