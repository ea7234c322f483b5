package io.flowerstream.ingest.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a request body up to a limit: at most {@code limit + 1} bytes are ever held, so an
 * oversized or endless upload costs no more memory than an image at the limit.
 */
public final class BoundedBody {

    private BoundedBody() {}

    /** The body, or empty when it is longer than {@code limit} bytes. */
    public static Optional<byte[]> read(InputStream in, long limit, long declaredLength) throws IOException {
        int initial = (int) Math.min(Math.max(declaredLength, 8192), limit + 1);
        ByteArrayOutputStream body = new ByteArrayOutputStream(initial);
        byte[] chunk = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(chunk, 0, (int) Math.min(chunk.length, limit + 1 - total))) > 0) {
            body.write(chunk, 0, n);
            total += n;
            if (total > limit) {
                return Optional.empty();
            }
        }
        return Optional.of(body.toByteArray());
    }

    /**
     * Reads and drops up to {@code max} more bytes. Answering while the client is still sending
     * makes the server close a socket with unread data, which resets the connection and loses the
     * answer; dropping bytes costs no memory.
     */
    public static void discard(InputStream in, long max) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        long dropped = 0;
        int n;
        while (dropped < max && (n = in.read(chunk, 0, (int) Math.min(chunk.length, max - dropped))) > 0) {
            dropped += n;
        }
    }
}
