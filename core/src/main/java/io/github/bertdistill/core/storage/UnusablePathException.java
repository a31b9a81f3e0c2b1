package io.github.bertdistill.core.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A path given by the user cannot be used as asked: an input that is a folder where a file is
 * wanted (or the reverse), or an output location that cannot be written (a file in the way, a
 * read-only folder, too little free space). The message names the path and what is wrong, e.g.
 * {@code cannot write to runs/x: it is a file, not a folder}.
 */
public final class UnusablePathException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    /**
     * @param path the path the user gave
     * @param message the whole message, naming the path and what is wrong
     */
    public UnusablePathException(Path path, String message) {
        super(message);
        this.path = Objects.requireNonNull(path, "path");
    }

    /** The path the user gave. */
    public Path path() {
        return path;
    }
}
