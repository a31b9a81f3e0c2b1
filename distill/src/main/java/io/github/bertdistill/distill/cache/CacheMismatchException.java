package io.github.bertdistill.distill.cache;

/**
 * A cache that must not be used as it is: it was written by another teacher (fingerprint or label
 * set differ), by an unknown format version, or a looked-up example's text differs from the text
 * its logits were computed from. The message names what differs and the cache folder.
 */
public final class CacheMismatchException extends IllegalStateException {
    /** An exception with this message. */
    public CacheMismatchException(String message) {
        super(message);
    }
}
