package io.github.bertdistill.core.config;

/**
 * A configuration class with rules beyond its JSON types (ranges, relations between values). {@link
 * StrictJson#read} calls {@link #check()} on every such object it reads, nested ones included, and
 * prefixes the key path of the object to the error, so a rule is written once, in its class, and
 * reported with the full path wherever the class is used.
 */
public interface CheckedConfig {
    /**
     * Checks the values.
     *
     * @throws ConfigException naming the key (relative to this object) whose value is wrong
     */
    void check();
}
