package io.flowerstream.reliability.support;

import io.flowerstream.classifier.it.ClassifierProcess;
import io.flowerstream.classifier.models.DirectoryModelSource;
import io.flowerstream.embedded.FreePorts;
import io.flowerstream.testsupport.Eventually;
import io.flowerstream.testsupport.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A classifier in its own JVM ({@link ClassifierProcess}) serving version 1 of a model folder,
 * with its ops port known so that a test can wait for readiness and scrape it.
 */
public final class ClassifierChild implements AutoCloseable {

    private final ClassifierProcess process;
    private final int port;

    private ClassifierChild(ClassifierProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** A model folder with random weights as version 1, {@code champion} pointing at it. */
    public static Path modelFolder(Path dir) throws Exception {
        DirectoryModelSource source = new DirectoryModelSource(Files.createDirectories(dir));
        source.publish(1, ModelVersions.goodParams());
        source.setAlias("champion", 1);
        return dir;
    }

    /** Starts one; {@code extraArgs} are added to the usual flags (later flags win). */
    public static ClassifierChild start(
            String bootstrapServers,
            Path models,
            Path stateDir,
            Path log,
            Map<String, String> env,
            String... extraArgs) {
        int port = FreePorts.next();
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-servers",
                bootstrapServers,
                "--model-dir",
                models.toString(),
                "--state-dir",
                stateDir.toString(),
                "--http-port",
                String.valueOf(port),
                "--model-poll-seconds",
                "2"));
        args.addAll(List.of(extraArgs));
        return new ClassifierChild(ClassifierProcess.start(log, env, args.toArray(String[]::new)), port);
    }

    public ClassifierProcess process() {
        return process;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String opsAddress() {
        return "http://127.0.0.1:" + port;
    }

    public boolean isReady() {
        try {
            return Http.get(opsAddress() + "/health/ready").statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    public void awaitReady(Duration timeout) throws InterruptedException {
        Eventually.await(
                timeout,
                () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("the classifier JVM died; log:\n" + process.logTail());
                    }
                    return isReady();
                },
                () -> "the classifier JVM to be ready; log:\n" + process.logTail());
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
