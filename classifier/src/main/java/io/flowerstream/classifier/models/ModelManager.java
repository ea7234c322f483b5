package io.flowerstream.classifier.models;

import io.flowerstream.classifier.config.ModelSpec;
import io.flowerstream.classifier.metrics.ClassifierMetrics;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which model version to serve and puts it into service: the pinned version, or
 * whatever the followed alias points to, checked every poll interval and whenever
 * {@code flowers.models} announces a version ({@link #checkNow()}).
 *
 * <p>A version that fails to load is refused with a log line and
 * {@code flowers.classifier.model.load.failures}; the running version keeps serving. A version
 * refused for its content (corrupt, wrong shape) is not tried again; one that was missing or
 * unreachable is, at the next check. All checks run on one thread, so loads never overlap.
 */
public final class ModelManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelManager.class);

    private final ModelSpec spec;
    private final ModelLoader loader;
    private final ModelHolder holder;
    private final ClassifierMetrics metrics;
    private final Duration pollInterval;
    private final Set<Integer> refused = new HashSet<>();
    private final CompletableFuture<Integer> firstModel = new CompletableFuture<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "model-manager");
        t.setDaemon(true);
        return t;
    });
    private boolean aliasUnsetLogged;

    public ModelManager(
            ModelSpec spec, ModelLoader loader, ModelHolder holder, ClassifierMetrics metrics, Duration pollInterval) {
        this.spec = spec;
        this.loader = loader;
        this.holder = holder;
        this.metrics = metrics;
        this.pollInterval = pollInterval;
    }

    /** Checks now and then every poll interval, in the background. */
    public ModelManager start() {
        scheduler.scheduleWithFixedDelay(this::checkQuietly, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Asks for a check soon (a version was announced). */
    public void checkNow() {
        if (!scheduler.isShutdown()) {
            scheduler.execute(this::checkQuietly);
        }
    }

    /** Completes with the first version put into service. */
    public CompletableFuture<Integer> firstModel() {
        return firstModel;
    }

    /** The spec being served. */
    public ModelSpec spec() {
        return spec;
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.error(
                    "model check failed unexpectedly; the serving version is unchanged, next check in {} s",
                    pollInterval.toSeconds(),
                    e);
        }
    }

    /** One check: find the wanted version, load it unless it is served or refused. */
    public synchronized void check() {
        Optional<Integer> wanted;
        try {
            wanted = wantedVersion();
        } catch (ModelLoadException e) {
            metrics.modelLoadFailed(e.reason().tag());
            LOG.warn(
                    "could not look up {} in {}: {}; serving {} meanwhile",
                    spec,
                    loader.source().describe(),
                    e.getMessage(),
                    describeServing());
            return;
        }
        if (wanted.isEmpty()) {
            return;
        }
        int version = wanted.get();
        if ((holder.servingVersion().isPresent() && holder.servingVersion().getAsInt() == version)
                || refused.contains(version)) {
            return;
        }
        try {
            LoadedModel loaded = loader.load(version);
            String before = describeServing();
            holder.swap(loaded);
            LOG.info("now serving model version {} ({}), was {}", version, spec, before);
            firstModel.complete(version);
        } catch (ModelLoadException e) {
            metrics.modelLoadFailed(e.reason().tag());
            if (!e.reason().retryable()) {
                refused.add(version);
            }
            LOG.warn(
                    "refused model version {} ({}): {}; still serving {}{}",
                    version,
                    e.reason().tag(),
                    e.getMessage(),
                    describeServing(),
                    e.reason().retryable() ? ", will retry" : "");
        }
    }

    private Optional<Integer> wantedVersion() throws ModelLoadException {
        if (!spec.follows()) {
            return Optional.of(spec.pinned());
        }
        Optional<Integer> version = loader.source().resolveAlias(spec.alias());
        if (version.isEmpty() && !aliasUnsetLogged) {
            aliasUnsetLogged = true;
            LOG.warn(
                    "alias '{}' is not set in {}: waiting for a version to be published (not ready until then)",
                    spec.alias(),
                    loader.source().describe());
        }
        return version;
    }

    private String describeServing() {
        return holder.servingVersion().isPresent()
                ? "version " + holder.servingVersion().getAsInt()
                : "no model";
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
