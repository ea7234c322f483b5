package io.flowerstream.ingest.push;

import io.flowerstream.ingest.check.ImageCheck;
import io.flowerstream.ingest.check.Verdict;
import io.flowerstream.ingest.metrics.IngestMetrics;
import io.flowerstream.ingest.publish.ImagePublisher;
import io.flowerstream.ingest.publish.ImageSubmission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Pushes files to the images topic: reads and checks each one on a few worker threads (the
 * check decodes the whole image, the costly part), sends the good ones, and waits for every
 * acknowledgement, so that the report it returns accounts for every file.
 */
public final class Pusher {

    /** Reason code of a file that cannot be read. */
    public static final String UNREADABLE = "unreadable";
    /** Reason code of a file over the byte limit, refused before it is read. */
    public static final String TOO_LARGE = "too_large";

    private final ImageCheck check;
    private final ImagePublisher publisher;
    private final long maxBytes;
    private final int threads;
    private final IngestMetrics metrics;

    /** A pusher that refuses files over {@code maxBytes} unread and checks the rest on {@code threads} threads. */
    public Pusher(ImageCheck check, ImagePublisher publisher, long maxBytes, int threads, IngestMetrics metrics) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, not " + threads);
        }
        this.check = check;
        this.publisher = publisher;
        this.maxBytes = maxBytes;
        this.threads = threads;
        this.metrics = metrics;
    }

    /** Pushes {@code files}, labelled by {@code labelling}; returns when every file has an outcome. */
    public PushReport push(List<Path> files, Labelling labelling, Progress progress) {
        long start = System.nanoTime();
        progress.start(files.size());
        // Bounds the images held in memory between reading and acknowledgement.
        Semaphore inFlight = new Semaphore(threads * 16);
        ExecutorService workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "ingest-push");
            thread.setDaemon(true);
            return thread;
        });
        List<CompletableFuture<FileOutcome>> outcomes = new ArrayList<>(files.size());
        try {
            for (Path file : files) {
                inFlight.acquireUninterruptibly();
                CompletableFuture<FileOutcome> outcome = CompletableFuture.supplyAsync(
                                () -> prepare(file, labelling), workers)
                        .thenCompose(prepared -> prepared)
                        .whenComplete((done, error) -> {
                            inFlight.release();
                            progress.advance();
                        });
                outcomes.add(outcome);
            }
            List<FileOutcome> results = new ArrayList<>(files.size());
            for (int i = 0; i < files.size(); i++) {
                results.add(joinOutcome(files.get(i), outcomes.get(i)));
            }
            progress.finish();
            return new PushReport(results, (System.nanoTime() - start) / 1e9);
        } finally {
            workers.shutdownNow();
        }
    }

    private CompletableFuture<FileOutcome> prepare(Path file, Labelling labelling) {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                return skip(
                        file,
                        TOO_LARGE,
                        file + ": is " + size + " bytes, over the limit of " + maxBytes
                                + ": shrink or recompress the image below the size limit");
            }
            byte[] bytes = Files.readAllBytes(file);
            Verdict verdict = check.check(bytes, file.toString());
            if (verdict instanceof Verdict.Rejected rejected) {
                return skip(file, rejected.reason(), rejected.message());
            }
            Optional<String> label = labelling.labelOf(file);
            Verdict.Accepted accepted = (Verdict.Accepted) verdict;
            ImageSubmission image = ImageSubmission.of(bytes, label.orElse(null), accepted.contentType());
            return publisher.publish(image).handle((metadata, error) -> {
                if (error != null) {
                    metrics.refused("kafka_unavailable");
                    Throwable cause =
                            error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    return new FileOutcome.Failed(
                            file,
                            file + ": the broker did not acknowledge it ("
                                    + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                                    + "): push it again once the broker is healthy");
                }
                metrics.published(bytes.length);
                return new FileOutcome.Published(
                        file, image.imageId(), bytes.length, metadata.partition(), metadata.offset());
            });
        } catch (Labelling.UnknownLabelException e) {
            return skip(file, Labelling.UNKNOWN_LABEL, file + ": " + e.getMessage());
        } catch (IOException e) {
            return skip(
                    file,
                    UNREADABLE,
                    file + ": cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "): check its permissions");
        }
    }

    private CompletableFuture<FileOutcome> skip(Path file, String reason, String message) {
        metrics.refused(reason);
        return CompletableFuture.completedFuture(new FileOutcome.Skipped(file, reason, message));
    }

    private static FileOutcome joinOutcome(Path file, CompletableFuture<FileOutcome> outcome) {
        try {
            return outcome.join();
        } catch (CompletionException e) {
            // A bug of ours, not the file's: still accounted for, never dropped.
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new FileOutcome.Failed(file, file + ": could not be handled (" + cause + ")");
        }
    }
}
