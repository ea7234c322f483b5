package io.flowerstream.ingest.publish;

/** Signals that no broker answered at the configured address within the allowed time. */
public final class BrokerUnreachableException extends Exception {

    private static final long serialVersionUID = 1L;

    public BrokerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
