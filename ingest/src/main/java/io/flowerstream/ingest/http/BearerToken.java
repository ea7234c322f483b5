package io.flowerstream.ingest.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * The optional shared secret of the HTTP endpoint ({@code INGEST_TOKEN}, or a file named by
 * {@code INGEST_TOKEN_FILE} for Kubernetes secrets). Compared in constant time; its value is
 * never shown: {@link #toString()} hides it.
 */
public final class BearerToken {

    private static final String PREFIX = "Bearer ";

    private final byte[] secret;

    private BearerToken(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** A token with this secret. */
    public static BearerToken of(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(
                    "the ingest token is empty: set a non-empty INGEST_TOKEN, or leave it unset for no token");
        }
        return new BearerToken(secret.strip());
    }

    /** The token from {@code INGEST_TOKEN} or else the file at {@code INGEST_TOKEN_FILE}; empty when neither is set. */
    public static Optional<BearerToken> fromEnv(Map<String, String> env) {
        String value = env.get("INGEST_TOKEN");
        if (value != null && !value.isEmpty()) {
            return Optional.of(of(value));
        }
        String file = env.get("INGEST_TOKEN_FILE");
        if (file != null && !file.isEmpty()) {
            try {
                return Optional.of(of(Files.readString(Path.of(file), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot read the ingest token from INGEST_TOKEN_FILE=" + file + " ("
                                + e.getClass().getSimpleName() + "): check the path and its permissions",
                        e);
            }
        }
        return Optional.empty();
    }

    /** Whether an {@code Authorization} header value carries this token. */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] offered = authorization.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
        // MessageDigest.isEqual takes the same time wherever the first difference is.
        return MessageDigest.isEqual(secret, offered);
    }

    @Override
    public String toString() {
        return "BearerToken[hidden]";
    }
}
