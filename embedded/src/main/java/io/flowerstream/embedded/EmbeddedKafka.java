package io.flowerstream.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka (KRaft: broker and controller in one server) running inside this JVM on
 * 127.0.0.1, for integration tests and the standalone pipeline.
 *
 * <p>Plain Java: {@code start()}, use {@link #bootstrapServers()}, {@code close()}. Ports are chosen
 * once, at the first start, and kept across {@link #restart()} so that clients configured with the
 * old address reconnect to the same broker, with the same data.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDir;
    private final boolean deleteDataDirOnClose;
    private final Map<String, String> overrides;
    private int brokerPort;
    private int controllerPort;
    private KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(Builder builder) {
        try {
            this.deleteDataDirOnClose = builder.dataDir == null;
            this.dataDir = builder.dataDir != null ? builder.dataDir : Files.createTempDirectory("embedded-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the embedded Kafka log", e);
        }
        this.brokerPort = builder.brokerPort;
        this.controllerPort = builder.controllerPort;
        this.overrides = Map.copyOf(builder.overrides);
    }

    /** A broker with its log in a fresh temporary directory, deleted on {@link #close()}, and free ports. */
    public static EmbeddedKafka inTempDir() {
        return builder().build();
    }

    /**
     * A broker whose log lives in {@code dataDir}, kept after close: the first start formats it, later
     * starts (in this or another JVM) resume with the topics and records already there, on the ports
     * of the first run unless the builder fixes others.
     */
    public static EmbeddedKafka onDataDir(Path dataDir) {
        return builder().dataDir(dataDir).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Formats the log directory if it has never been formatted, then starts broker and controller. */
    public synchronized EmbeddedKafka start() {
        if (closed) {
            throw new IllegalStateException("this EmbeddedKafka was closed: create a new one");
        }
        if (server != null) {
            return this;
        }
        // Ports are fixed at the first start: a restart must come back on the same address. A data dir
        // from an earlier run keeps its ports too: the single controller's address is part of its quorum state.
        if (brokerPort == 0 && controllerPort == 0) {
            reusePortsOfEarlierRun();
        }
        if (brokerPort == 0) {
            brokerPort = FreePorts.next();
        }
        if (controllerPort == 0) {
            controllerPort = FreePorts.next();
        }
        long started = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
            Properties props = serverProperties();
            Path configFile = dataDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(configFile)) {
                props.store(out, "embedded Kafka, written by " + EmbeddedKafka.class.getName());
            }
            formatIfNeeded(configFile);
            KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            raftServer.startup();
            server = raftServer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the embedded Kafka configuration under " + dataDir, e);
        }
        LOG.info(
                "embedded Kafka on {} (log in {}) started in {} ms",
                bootstrapServers(),
                dataDir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return this;
    }

    /** {@code 127.0.0.1:<port>}, the value for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        if (brokerPort == 0) {
            throw new IllegalStateException("the embedded Kafka has not been started: call start() first");
        }
        return "127.0.0.1:" + brokerPort;
    }

    /** The directory that holds the log, the metadata and {@code server.properties}. */
    public Path dataDir() {
        return dataDir;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Creates a topic with replication factor 1; does nothing if it already exists. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** Creates a topic with topic configs (e.g. {@code cleanup.policy=compact}); does nothing if it already exists. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.of((short) 1)).configs(configs);
        try (Admin admin = admin()) {
            admin.createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "cannot create topic '" + name + "' with " + partitions + " partitions on " + bootstrapServers()
                                + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "topic '" + name + "' was not created within " + ADMIN_TIMEOUT + " on " + bootstrapServers()
                            + ": is the broker running?",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic '" + name + "'", e);
        }
    }

    /** An admin client on this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Shuts broker and controller down, flushing the log; {@link #start()} brings them back. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        KafkaRaftServer stopping = server;
        server = null;
        stopping.shutdown();
        stopping.awaitShutdown();
        LOG.info("embedded Kafka on 127.0.0.1:{} stopped", brokerPort);
    }

    /** Stops and starts again on the same ports and log directory: what a broker outage looks like to clients. */
    public synchronized void restart() {
        stop();
        start();
    }

    /** Stops the server and, for a temporary log directory, deletes it. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stop();
        } finally {
            closed = true;
            if (deleteDataDirOnClose) {
                Directories.deleteQuietly(dataDir);
            }
        }
    }

    private Properties serverProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("log.dirs", dataDir.resolve("log").toString());
        // One broker: every internal topic must accept a single replica, or groups and transactions hang.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // The default 3 s wait for more members only slows every test's first poll.
        p.put("group.initial.rebalance.delay.ms", "0");
        // The cleaner (for compacted topics) otherwise reserves 128 MB up front.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        p.putAll(overrides);
        Properties props = new Properties();
        props.putAll(p);
        return props;
    }

    private void reusePortsOfEarlierRun() {
        Path configFile = dataDir.resolve("server.properties");
        if (!Files.exists(configFile)) {
            return;
        }
        Properties earlier = new Properties();
        try (var in = Files.newInputStream(configFile)) {
            earlier.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the earlier configuration " + configFile, e);
        }
        Matcher broker = Pattern.compile("PLAINTEXT://[^:,]+:(\\d+)").matcher(earlier.getProperty("listeners", ""));
        Matcher controller =
                Pattern.compile("CONTROLLER://[^:,]+:(\\d+)").matcher(earlier.getProperty("listeners", ""));
        if (broker.find() && controller.find()) {
            brokerPort = Integer.parseInt(broker.group(1));
            controllerPort = Integer.parseInt(controller.group(1));
        }
    }

    private void formatIfNeeded(Path configFile) {
        // A formatted log directory has meta.properties; formatting again would fail (or, forced, lose data).
        if (Files.exists(dataDir.resolve("log").resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            code = StorageTool.execute(
                    new String[] {
                        "format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString(), "--standalone"
                    },
                    out);
        }
        if (code != 0) {
            throw new IllegalStateException("formatting the Kafka log directory " + dataDir.resolve("log")
                    + " failed (exit " + code + "): "
                    + output.toString(StandardCharsets.UTF_8).trim()
                    + "; delete the directory if it holds a half-formatted log");
        }
    }

    /** Chooses where the log lives, the ports, and extra broker settings. */
    public static final class Builder {
        private Path dataDir;
        private int brokerPort;
        private int controllerPort;
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {}

        /** Keep the log in this directory (not deleted on close); without it a temporary one is used. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** The client port; 0 (default) picks a free one. */
        public Builder brokerPort(int port) {
            this.brokerPort = port;
            return this;
        }

        /** The controller port; 0 (default) picks a free one. */
        public Builder controllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        /** Any broker setting, applied after the defaults (e.g. {@code auto.create.topics.enable=false}). */
        public Builder brokerConfig(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        public EmbeddedKafka build() {
            return new EmbeddedKafka(this);
        }
    }
}
