package io.github.bertdistill.core.config;

import com.google.common.base.Strings;

/**
 * A configuration value that is wrong, with the key path that holds it ({@code
 * student.distillMethod.temperature.from}) and what is expected. A config class throws it with the
 * path relative to itself ({@code temperature.from}); {@link StrictJson} prefixes the path of the
 * field that holds the class, so the user reads the full path from the root of the file.
 *
 * <p>It is an {@link IllegalArgumentException}: builders throw it for a bad {@code optX} value, and
 * a command line reports it as bad input.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String keyPath;
    private final String problem;

    private ConfigException(String keyPath, String problem) {
        super(keyPath.isEmpty() ? problem : keyPath + ": " + problem);
        this.keyPath = keyPath;
        this.problem = problem;
    }

    /**
     * The value at {@code keyPath} is wrong: {@code problem} is a {@code %s} template (Guava's
     * lenient format) saying what is expected and what was found.
     */
    public static ConfigException at(String keyPath, String problem, Object... args) {
        return new ConfigException(keyPath, Strings.lenientFormat(problem, args));
    }

    /**
     * Throws a {@link ConfigException} for {@code keyPath} unless {@code valid}.
     *
     * @throws ConfigException if {@code valid} is false
     */
    public static void require(boolean valid, String keyPath, String problem, Object... args) {
        if (!valid) {
            throw at(keyPath, problem, args);
        }
    }

    /** The same problem, one level down: {@code parent.keyPath}. */
    public ConfigException under(String parent) {
        if (parent.isEmpty()) {
            return this;
        }
        String path =
                keyPath.isEmpty()
                        ? parent
                        : keyPath.startsWith("[") ? parent + keyPath : parent + "." + keyPath;
        ConfigException moved = new ConfigException(path, problem);
        moved.setStackTrace(getStackTrace());
        return moved;
    }

    /** Where the bad value is, from the root of the config ({@code ""} for the root itself). */
    public String keyPath() {
        return keyPath;
    }

    /** What is wrong with it, without the path. */
    public String problem() {
        return problem;
    }
}
