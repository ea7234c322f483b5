package io.flowerstream.ingest.check;

/**
 * What an {@link ImageCheck} concluded about some bytes: accepted with its format, or rejected with a
 * stable reason code.
 */
public sealed interface Verdict permits Verdict.Accepted, Verdict.Rejected {

    /** Whether the bytes may be published. */
    boolean accepted();

    /** The bytes are a sound image of this MIME type, stored with this file extension. */
    record Accepted(String contentType, String extension) implements Verdict {
        @Override
        public boolean accepted() {
            return true;
        }
    }

    /**
     * The bytes were rejected: {@code reason} is the decoder's stable code ({@code truncated},
     * {@code not_an_image}, ...), {@code message} names the input and what to do.
     */
    record Rejected(String reason, String message) implements Verdict {
        @Override
        public boolean accepted() {
            return false;
        }
    }
}
