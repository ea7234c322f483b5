package io.flowerstream.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible server (S3Proxy over a jclouds blob store) running inside this JVM on 127.0.0.1,
 * for integration tests and the standalone pipeline where MinIO cannot run.
 *
 * <p>It checks AWS V2 and V4 signatures against one access key and secret. Objects live in memory by
 * default ({@link #inMemory()}), or under a directory that survives restarts ({@link #onDirectory(Path)}).
 * S3 clients must use path-style addressing and region {@code us-east-1}.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);
    public static final String DEFAULT_ACCESS_KEY = "flowerstream";
    public static final String DEFAULT_SECRET_KEY = "flowerstream-secret";
    public static final String REGION = "us-east-1";

    private final Path baseDir;
    private final String accessKey;
    private final String secretKey;
    private final int requestedPort;
    private BlobStoreContext context;
    private S3Proxy proxy;
    private int port;

    private EmbeddedS3(Path baseDir, String accessKey, String secretKey, int port) {
        this.baseDir = baseDir;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.requestedPort = port;
    }

    /** Objects in memory, lost on stop; the default keys; a free port. */
    public static EmbeddedS3 inMemory() {
        return new EmbeddedS3(null, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, 0);
    }

    /** Objects as files under {@code baseDir} (a bucket is a sub-directory), kept across restarts. */
    public static EmbeddedS3 onDirectory(Path baseDir) {
        return new EmbeddedS3(baseDir, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, 0);
    }

    /** The same storage with other credentials. */
    public EmbeddedS3 withCredentials(String accessKey, String secretKey) {
        return new EmbeddedS3(baseDir, accessKey, secretKey, requestedPort);
    }

    /** The same storage on a fixed port (0 picks a free one). */
    public EmbeddedS3 withPort(int port) {
        return new EmbeddedS3(baseDir, accessKey, secretKey, port);
    }

    /** Starts serving; returns when the server accepts requests. */
    public synchronized EmbeddedS3 start() {
        if (proxy != null) {
            return this;
        }
        long started = System.nanoTime();
        Properties overrides = new Properties();
        String provider = "transient";
        if (baseDir != null) {
            provider = "filesystem";
            try {
                Files.createDirectories(baseDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the S3 storage directory " + baseDir, e);
            }
            overrides.setProperty(
                    "jclouds.filesystem.basedir", baseDir.toAbsolutePath().toString());
        }
        // The blob store's own credentials are never checked; S3Proxy checks the client's signature.
        context = ContextBuilder.newBuilder(provider)
                .credentials("identity", "credential")
                .overrides(overrides)
                .build(BlobStoreContext.class);
        S3Proxy s3Proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + requestedPort))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        try {
            s3Proxy.start();
            while (!"STARTED".equals(s3Proxy.getState())) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            context.close();
            context = null;
            throw new IllegalStateException(
                    "S3Proxy did not start on 127.0.0.1:" + requestedPort + ": " + e.getMessage()
                            + (requestedPort != 0 ? " (is the port taken?)" : ""),
                    e);
        }
        proxy = s3Proxy;
        port = s3Proxy.getPort();
        LOG.info(
                "embedded S3 on {} ({}) started in {} ms",
                endpoint(),
                baseDir == null ? "in memory" : baseDir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return this;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        if (port == 0) {
            throw new IllegalStateException("the embedded S3 server has not been started: call start() first");
        }
        return "http://127.0.0.1:" + port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public String region() {
        return REGION;
    }

    /** Stops serving and releases the blob store; in-memory objects are gone. Safe to call more than once. */
    public synchronized void stop() {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.warn("S3Proxy on {} did not stop cleanly: {}", endpoint(), e.toString());
        } finally {
            proxy = null;
            context.close();
            context = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
