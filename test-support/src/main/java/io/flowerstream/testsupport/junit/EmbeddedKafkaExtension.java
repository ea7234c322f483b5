package io.flowerstream.testsupport.junit;

import io.flowerstream.embedded.EmbeddedKafka;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts an {@link EmbeddedKafka} before a test class and closes it after:
 * {@code @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();}.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback {

    private final EmbeddedKafka kafka;

    public EmbeddedKafkaExtension() {
        this(EmbeddedKafka.inTempDir());
    }

    public EmbeddedKafkaExtension(EmbeddedKafka kafka) {
        this.kafka = kafka;
    }

    /** The broker, started once {@code beforeAll} has run. */
    public EmbeddedKafka kafka() {
        return kafka;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        kafka.close();
    }
}
