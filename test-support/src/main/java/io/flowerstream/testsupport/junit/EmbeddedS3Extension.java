package io.flowerstream.testsupport.junit;

import io.flowerstream.embedded.EmbeddedS3;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts an {@link EmbeddedS3} before a test class and stops it after:
 * {@code @RegisterExtension static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();}.
 */
public final class EmbeddedS3Extension implements BeforeAllCallback, AfterAllCallback {

    private final EmbeddedS3 s3;

    public EmbeddedS3Extension() {
        this(EmbeddedS3.inMemory());
    }

    public EmbeddedS3Extension(EmbeddedS3 s3) {
        this.s3 = s3;
    }

    /** The server, started once {@code beforeAll} has run. */
    public EmbeddedS3 s3() {
        return s3;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        s3.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        s3.close();
    }
}
