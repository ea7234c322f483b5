package io.flowerstream.classifier.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.Model;
import io.flowerstream.classifier.config.ModelSpec;
import io.flowerstream.classifier.metrics.ClassifierMetrics;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.net.FlowerModels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelManagerTest {

    static byte[] goodParams;

    @TempDir
    Path dir;

    DirectoryModelSource source;
    ModelHolder holder;
    SimpleMeterRegistry registry;
    ClassifierMetrics metrics;

    @BeforeAll
    static void makeParams() {
        DjlRuntime.engine();
        try (Model model = FlowerModels.newModel(Device.cpu())) {
            goodParams = FlowerModels.saveParams(model);
        }
    }

    @BeforeEach
    void setUp() {
        source = new DirectoryModelSource(dir);
        holder = new ModelHolder();
        registry = new SimpleMeterRegistry();
        metrics = new ClassifierMetrics(() -> holder.servingVersion().orElse(0));
        metrics.bindTo(registry);
    }

    private ModelManager manager(String spec) {
        return new ModelManager(
                ModelSpec.parse(spec),
                new ModelLoader(source, Device.cpu(), 1, metrics),
                holder,
                metrics,
                Duration.ofHours(1));
    }

    private double failures(String reason) {
        var c = registry.find("flowers.classifier.model.load.failures")
                .tag("reason", reason)
                .counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void serves_nothing_and_stays_not_ready_until_the_alias_is_set() throws Exception {
        try (ModelManager manager = manager("champion")) {
            manager.check();
            assertThat(holder.hasModel()).isFalse();
            assertThat(manager.firstModel()).isNotDone();

            source.publish(3, goodParams);
            source.setAlias("champion", 3);
            manager.check();

            assertThat(holder.servingVersion()).hasValue(3);
            assertThat(manager.firstModel()).isCompletedWithValue(3);
            assertThat(registry.get("flowers.classifier.model.version").gauge().value())
                    .isEqualTo(3);
        } finally {
            holder.close();
        }
    }

    @Test
    void follows_the_alias_and_refuses_corrupt_truncated_tampered_and_missing_versions_while_serving_the_last_good_one()
            throws Exception {
        try (ModelManager manager = manager("champion")) {
            source.publish(1, goodParams);
            source.setAlias("champion", 1);
            manager.check();
            LoadedModel first;
            try (ModelHolder.Lease lease = holder.acquire()) {
                first = lease.model();
            }

            source.publish(2, Arrays.copyOf(goodParams, goodParams.length / 2));
            source.setAlias("champion", 2);
            manager.check();
            assertThat(holder.servingVersion()).as("truncated params").hasValue(1);
            assertThat(failures("malformed")).isEqualTo(1);

            source.publish(3, "not weights at all".getBytes(StandardCharsets.UTF_8));
            source.setAlias("champion", 3);
            manager.check();
            assertThat(holder.servingVersion()).as("garbage params").hasValue(1);
            assertThat(failures("malformed")).isEqualTo(2);

            source.publish(4, goodParams);
            byte[] tampered = goodParams.clone();
            tampered[tampered.length - 1] ^= 1;
            Files.write(dir.resolve("4").resolve("model.params"), tampered);
            source.setAlias("champion", 4);
            manager.check();
            assertThat(holder.servingVersion()).as("checksum mismatch").hasValue(1);
            assertThat(failures("integrity")).isEqualTo(1);

            source.setAlias("champion", 5);
            manager.check();
            assertThat(holder.servingVersion()).as("unpublished version").hasValue(1);
            assertThat(failures("not_found")).isEqualTo(1);

            manager.check();
            assertThat(failures("malformed"))
                    .as("refused content is not retried")
                    .isEqualTo(2);
            assertThat(failures("not_found")).as("a missing version is retried").isEqualTo(2);

            source.publish(6, goodParams);
            source.setAlias("champion", 6);
            manager.check();
            assertThat(holder.servingVersion()).hasValue(6);
            assertThat(first.isClosed())
                    .as("the replaced version is closed once no batch holds it")
                    .isTrue();
        } finally {
            holder.close();
        }
    }

    @Test
    void keeps_a_replaced_version_open_until_its_running_batch_ends() throws Exception {
        try (ModelManager manager = manager("champion")) {
            source.publish(1, goodParams);
            source.setAlias("champion", 1);
            manager.check();
            ModelHolder.Lease runningBatch = holder.acquire();

            source.publish(2, goodParams);
            source.setAlias("champion", 2);
            manager.check();

            assertThat(holder.servingVersion()).hasValue(2);
            assertThat(runningBatch.model().isClosed()).isFalse();
            runningBatch.close();
            assertThat(runningBatch.model().isClosed()).isTrue();
        } finally {
            holder.close();
        }
    }

    @Test
    void a_pinned_version_is_served_and_never_swapped() throws Exception {
        try (ModelManager manager = manager("2")) {
            source.publish(2, goodParams);
            source.publish(9, goodParams);
            source.setAlias("champion", 9);
            manager.check();
            manager.check();
            assertThat(holder.servingVersion()).hasValue(2);
            assertThat(registry.get("flowers.classifier.model.swaps").counter().count())
                    .isEqualTo(1);
        } finally {
            holder.close();
        }
    }
}
