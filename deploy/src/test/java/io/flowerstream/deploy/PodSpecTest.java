package io.flowerstream.deploy;

import static io.flowerstream.deploy.RenderedChart.sets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What every pod must be: hardened, probed, resourced; GPUs and replica caps where asked. */
class PodSpecTest {

    private static final String[] COMPONENTS = {"ingest", "classifier", "classifier-canary", "trainer"};

    private static RenderedChart everyDeployment() {
        return RenderedChart.render(sets("classifier.canary.enabled", true, "classifier.canary.model.version", 8));
    }

    @Test
    void every_pod_runs_restricted_non_root_with_a_read_only_root() {
        RenderedChart chart = everyDeployment();

        for (String component : COMPONENTS) {
            PodSpec pod = chart.template(component).getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(component).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(component).isEqualTo(10001L);
            assertThat(pod.getSecurityContext().getSeccompProfile().getType())
                    .as(component)
                    .isEqualTo("RuntimeDefault");
            Container container = pod.getContainers().get(0);
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem())
                    .as(component)
                    .isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation())
                    .as(component)
                    .isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop())
                    .as(component)
                    .containsExactly("ALL");
            assertThat(container.getSecurityContext().getCapabilities().getAdd())
                    .as(component)
                    .isNullOrEmpty();
        }
    }

    @Test
    void the_djl_cache_and_tmp_are_writable_empty_dirs_under_the_read_only_root() {
        RenderedChart chart = everyDeployment();

        for (String component : COMPONENTS) {
            PodSpec pod = chart.template(component).getSpec();
            Map<String, Volume> volumes = pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
            Map<String, String> mounts = pod.getContainers().get(0).getVolumeMounts().stream()
                    .collect(Collectors.toMap(m -> m.getMountPath(), m -> m.getName()));
            if (component.equals("classifier")) {
                // The stable classifier is a StatefulSet: its Kafka Streams state is on the pod's own volume.
                assertThat(mounts)
                        .as(component)
                        .containsOnlyKeys("/var/cache/djl", "/tmp", "/var/lib/flowerstream/state");
                mounts.remove("/var/lib/flowerstream/state");
            } else {
                assertThat(mounts).as(component).containsOnlyKeys("/var/cache/djl", "/tmp");
            }
            mounts.values()
                    .forEach(name -> assertThat(volumes.get(name).getEmptyDir())
                            .as(component + " " + name)
                            .isNotNull());
            assertThat(volumes.get("djl-cache").getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("2Gi"));
        }
        // DJL must find the mounted folder: the shared ConfigMap points it there.
        assertThat(chart.one(io.fabric8.kubernetes.api.model.ConfigMap.class, "fs-flowerstream")
                        .getData())
                .containsEntry("DJL_CACHE_DIR", "/var/cache/djl");
    }

    @Test
    void every_container_is_probed_on_its_own_http_port_and_has_requests_and_limits() {
        RenderedChart chart = everyDeployment();

        for (String component : COMPONENTS) {
            Container container = chart.container(component);
            assertThat(container.getPorts())
                    .as(component)
                    .singleElement()
                    .satisfies(p -> assertThat(p.getName()).isEqualTo("http"))
                    .satisfies(p -> assertThat(String.valueOf(p.getContainerPort()))
                            .isEqualTo(chart.env(component).get("HTTP_PORT")));
            assertProbe(component + " startup", container.getStartupProbe(), "/health/live");
            assertProbe(component + " liveness", container.getLivenessProbe(), "/health/live");
            assertProbe(component + " readiness", container.getReadinessProbe(), "/health/ready");
            assertThat(container.getResources().getRequests()).as(component).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits())
                    .as(component)
                    .containsKeys("cpu", "memory")
                    .doesNotContainKey("nvidia.com/gpu");
        }
    }

    @Test
    void gpu_on_asks_for_nvidia_gpus_and_runs_the_cuda_images() {
        RenderedChart chart = RenderedChart.render(
                sets("trainer.gpu.enabled", true, "classifier.gpu.enabled", true, "classifier.gpu.count", 2));

        assertThat(chart.container("trainer").getResources().getLimits())
                .containsEntry("nvidia.com/gpu", new Quantity("1"))
                .containsKeys("cpu", "memory");
        assertThat(chart.container("classifier").getResources().getLimits())
                .containsEntry("nvidia.com/gpu", new Quantity("2"));
        assertThat(chart.container("trainer").getImage()).isEqualTo("flowerstream/trainer:0.1.0-cuda");
        assertThat(chart.container("classifier").getImage()).isEqualTo("flowerstream/classifier:0.1.0-cuda");
        assertThat(chart.env("trainer")).containsEntry("DEVICE", "gpu");
        assertThat(chart.env("classifier")).containsEntry("DEVICE", "gpu");
        // The ingest service never computes on a GPU.
        assertThat(chart.container("ingest").getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
        assertThat(chart.container("ingest").getImage()).isEqualTo("flowerstream/ingest:0.1.0");
    }

    @Test
    void the_trainer_is_a_single_pod_replaced_not_rolled() {
        RenderedChart chart = RenderedChart.render(sets("trainer.every", "PT2H", "trainer.minNewImages", 50));
        Deployment trainer = chart.deployment("trainer");

        assertThat(trainer.getSpec().getReplicas()).isEqualTo(1);
        assertThat(trainer.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        // The schedule goes in through the environment: flags would override it.
        assertThat(chart.container("trainer").getArgs()).containsExactly("serve");
        assertThat(chart.env("trainer"))
                .containsEntry("RETRAIN_EVERY", "PT2H")
                .containsEntry("RETRAIN_MIN_NEW_IMAGES", "50");
    }

    @Test
    void the_autoscaler_is_capped_at_the_partition_count() {
        RenderedChart chart = RenderedChart.render(sets("classifier.autoscaling.enabled", true));

        HorizontalPodAutoscaler hpa = chart.one(HorizontalPodAutoscaler.class, RenderedChart.PREFIX + "classifier");
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(RenderedChart.PREFIX + "classifier");
        // With an autoscaler the Deployment leaves replicas to it, or every upgrade would reset them.
        assertThat(chart.statefulSet("classifier").getSpec().getReplicas()).isNull();
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("StatefulSet");
    }

    @Test
    void an_autoscaler_above_the_partition_count_fails_the_render_and_says_why() {
        assertThatThrownBy(() -> RenderedChart.render(
                        sets("classifier.autoscaling.enabled", true, "classifier.autoscaling.maxReplicas", 7)))
                .hasMessageContaining(
                        "classifier.autoscaling.maxReplicas is 7, but the image topics have 6 partitions");
        // More partitions lift the cap.
        assertThat(RenderedChart.render(sets(
                                "classifier.autoscaling.enabled",
                                true,
                                "classifier.autoscaling.maxReplicas",
                                12,
                                "kafka.partitions",
                                12))
                        .all(HorizontalPodAutoscaler.class))
                .singleElement()
                .satisfies(h -> assertThat(h.getSpec().getMaxReplicas()).isEqualTo(12));
    }

    @Test
    void more_classifier_replicas_than_partitions_fail_the_render() {
        assertThatThrownBy(() -> RenderedChart.render(sets("classifier.replicas", 8)))
                .hasMessageContaining("classifier.replicas is 8, but the image topics have 6 partitions");
    }

    private static void assertProbe(String what, Probe probe, String path) {
        assertThat(probe).as(what).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(what).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).as(what).isEqualTo("http");
    }
}
