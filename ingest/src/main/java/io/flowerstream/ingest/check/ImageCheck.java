package io.flowerstream.ingest.check;

/**
 * The check every image passes before it is published or archived. Implementations are
 * thread-safe: the CLI and the HTTP server call one instance from several threads.
 */
@FunctionalInterface
public interface ImageCheck {

    /** Checks {@code bytes}; {@code sourceName} (a path, an image id) only goes into messages. */
    Verdict check(byte[] bytes, String sourceName);
}
