package io.flowerstream.standalone.local;

import io.flowerstream.embedded.EmbeddedKafka;
import io.flowerstream.embedded.EmbeddedS3;
import io.flowerstream.model.registry.ModelRegistry;
import io.flowerstream.platform.s3.S3Settings;
import io.flowerstream.platform.topics.TopicEnsurer;
import io.flowerstream.platform.topics.TopicOutcome;
import io.flowerstream.platform.topics.TopicPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers the pipeline runs on when there is no cluster: an embedded KRaft broker and an
 * embedded S3 server (S3Proxy on the filesystem), both on 127.0.0.1, both keeping their data under
 * the data folder so that a second start resumes where the first stopped.
 */
public final class LocalInfrastructure implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalInfrastructure.class);

    /** The bucket everything lives in, as in the other setups. */
    public static final String BUCKET = "flowerstream";

    private final EmbeddedKafka kafka;
    private final EmbeddedS3 s3;

    private LocalInfrastructure(EmbeddedKafka kafka, EmbeddedS3 s3) {
        this.kafka = kafka;
        this.s3 = s3;
    }

    /** Starts both servers under {@code dataDir} (ports 0 pick free ones) and creates the topics and the bucket. */
    public static LocalInfrastructure start(Path dataDir, int kafkaPort, int s3Port) {
        EmbeddedKafka kafka = EmbeddedKafka.builder()
                .dataDir(dataDir.resolve("kafka"))
                .brokerPort(kafkaPort)
                .build();
        EmbeddedS3 s3 = EmbeddedS3.onDirectory(dataDir.resolve("s3")).withPort(s3Port);
        LocalInfrastructure infrastructure = new LocalInfrastructure(kafka, s3);
        try {
            kafka.start();
            s3.start();
            // The same code as `topics ensure` and the Helm chart's hook: a second start finds them as they are.
            try (Admin admin = kafka.admin()) {
                for (TopicOutcome outcome : new TopicEnsurer(admin, Optional.empty(), Duration.ofSeconds(30))
                        .ensure(TopicPlan.defaults().specs())) {
                    if (outcome.action() == TopicOutcome.Action.REFUSED) {
                        throw new IllegalStateException("the local broker under " + dataDir + " " + outcome
                                + "; or delete " + dataDir + " to start afresh");
                    }
                    LOG.debug("{}", outcome);
                }
            }
            new ModelRegistry(infrastructure.s3Settings().newClient(), BUCKET).ensureBucket();
            LOG.info("local Kafka on {} and S3 on {}, data under {}", kafka.bootstrapServers(), s3.endpoint(), dataDir);
            return infrastructure;
        } catch (RuntimeException | Error e) {
            infrastructure.close();
            throw e;
        }
    }

    /** The broker's address. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Settings for a client of the local S3 server and its bucket. */
    public S3Settings s3Settings() {
        return new S3Settings(s3.endpoint(), s3.accessKey(), s3.secretKey(), BUCKET, s3.region());
    }

    @Override
    public void close() {
        s3.close();
        kafka.close();
    }
}
