package io.flowerstream.ingest.push;

import java.nio.file.Path;

/** What happened to one file of a push: published, skipped before sending, or failed in sending. */
public sealed interface FileOutcome permits FileOutcome.Published, FileOutcome.Skipped, FileOutcome.Failed {

    /** The file. */
    Path path();

    /** The broker acknowledged the image at this partition and offset. */
    record Published(Path path, String imageId, long bytes, int partition, long offset) implements FileOutcome {}

    /** The file was not sent: {@code reason} is a stable code ({@code truncated}, {@code unknown_label}, ...). */
    record Skipped(Path path, String reason, String message) implements FileOutcome {}

    /** The file was sent but the broker never acknowledged it. */
    record Failed(Path path, String message) implements FileOutcome {}
}
