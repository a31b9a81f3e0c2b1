package io.github.bertdistill.examples.cli;

import com.google.common.base.CaseFormat;
import io.github.bertdistill.core.config.ConfigException;

/**
 * Config keys as the command-line options that set them: a command that fills a checked config from
 * its options ({@code --queue-capacity} into {@code queueCapacity}) reports a bad value under the
 * option's name, not the key's.
 */
final class OptionKeys {
    private OptionKeys() {}

    /** {@code problem}, re-said of the option whose name is its key path in hyphens. */
    static IllegalArgumentException asOptionError(ConfigException problem) {
        return new IllegalArgumentException(
                "--"
                        + CaseFormat.LOWER_CAMEL.to(CaseFormat.LOWER_HYPHEN, problem.keyPath())
                        + ": "
                        + problem.problem(),
                problem);
    }
}
