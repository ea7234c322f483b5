package io.flowerstream.ingest.publish;

import io.flowerstream.platform.kafka.KafkaClientConfig;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Asks the cluster to describe itself within a timeout: the quick way to tell "no broker at
 * this address" apart from a slow send, used before a push and by the readiness check.
 */
public final class BrokerProbe implements AutoCloseable {

    private final KafkaClientConfig kafka;
    private final Duration timeout;
    private final Admin admin;

    /** A probe with one long-lived admin client (cheap to ask again, for readiness checks). */
    public BrokerProbe(KafkaClientConfig kafka, Duration timeout) {
        this.kafka = kafka;
        this.timeout = timeout;
        Properties props = kafka.toProperties();
        int ms = (int) timeout.toMillis();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "flowerstream-ingest-probe");
        this.admin = Admin.create(props);
    }

    /**
     * Returns when a broker answered; otherwise throws with a message naming the address tried
     * and what to do.
     */
    public void requireReachable() throws BrokerUnreachableException {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .clusterId()
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(e);
        } catch (ExecutionException | TimeoutException e) {
            throw unreachable(e);
        }
    }

    /** Whether a broker answers now. */
    public boolean isReachable() {
        try {
            requireReachable();
            return true;
        } catch (BrokerUnreachableException e) {
            return false;
        }
    }

    private BrokerUnreachableException unreachable(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new BrokerUnreachableException(
                "no Kafka broker answered at " + kafka.bootstrapServers()
                        + " within " + timeout.toSeconds() + " s ("
                        + cause.getClass().getSimpleName() + "): start the broker, or point --bootstrap-servers / "
                        + "KAFKA_BOOTSTRAP_SERVERS at a running one",
                cause);
    }

    @Override
    public void close() {
        admin.close(Duration.ZERO);
    }
}
