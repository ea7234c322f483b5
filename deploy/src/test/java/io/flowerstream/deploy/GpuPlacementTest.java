package io.flowerstream.deploy;

import static io.flowerstream.deploy.RenderedChart.sets;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import org.junit.jupiter.api.Test;

/** Where GPU pods land: on GPU nodes, tolerating their taint, with GPU-sized batches; CPU pods unchanged. */
class GpuPlacementTest {

    private static final String[] GPU_COMPONENTS = {"classifier", "classifier-canary", "trainer"};

    private static PodSpec pod(RenderedChart chart, String component) {
        return chart.template(component).getSpec();
    }

    private static RenderedChart withCanary(Object... more) {
        Object[] all = new Object[more.length + 4];
        all[0] = "classifier.canary.enabled";
        all[1] = true;
        all[2] = "classifier.canary.model.version";
        all[3] = 8;
        System.arraycopy(more, 0, all, 4, more.length);
        return RenderedChart.render(sets(all));
    }

    @Test
    void gpu_pods_select_gpu_nodes_tolerate_their_taint_and_ask_for_the_gpu() {
        RenderedChart chart = withCanary("classifier.gpu.enabled", true, "trainer.gpu.enabled", true);

        for (String component : GPU_COMPONENTS) {
            PodSpec pod = pod(chart, component);
            assertThat(pod.getNodeSelector()).as(component).containsEntry("nvidia.com/gpu.present", "true");
            assertThat(pod.getTolerations())
                    .as(component)
                    .extracting(Toleration::getKey, Toleration::getOperator, Toleration::getEffect)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("nvidia.com/gpu", "Exists", "NoSchedule"));
            assertThat(pod.getContainers().get(0).getResources().getLimits())
                    .as(component)
                    .containsEntry("nvidia.com/gpu", new Quantity("1"));
        }
        assertThat(chart.env("classifier")).containsEntry("MAX_BATCH_SIZE", "0").containsEntry("DEVICE", "gpu");
        assertThat(chart.env("classifier-canary")).containsEntry("MAX_BATCH_SIZE", "0");
    }

    @Test
    void cpu_pods_have_no_gpu_selector_or_toleration_and_keep_their_batch_size() {
        RenderedChart chart = withCanary();

        for (String component : GPU_COMPONENTS) {
            PodSpec pod = pod(chart, component);
            assertThat(pod.getNodeSelector()).as(component).isNullOrEmpty();
            assertThat(pod.getTolerations()).as(component).isNullOrEmpty();
        }
        assertThat(chart.env("classifier")).containsEntry("MAX_BATCH_SIZE", "0");
    }

    @Test
    void a_component_s_own_placement_is_kept_beside_the_gpu_one_and_wins_a_clash() {
        RenderedChart chart = RenderedChart.render(sets(
                "trainer.gpu.enabled",
                true,
                "trainer.nodeSelector.pool",
                "a100",
                "trainer.nodeSelector.nvidia\\.com/gpu\\.present",
                "yes",
                "trainer.tolerations[0].key",
                "dedicated",
                "trainer.tolerations[0].operator",
                "Equal",
                "trainer.tolerations[0].value",
                "training",
                "trainer.tolerations[0].effect",
                "NoSchedule",
                "classifier.gpu.enabled",
                true,
                "classifier.gpu.maxBatchSize",
                128));

        PodSpec trainer = pod(chart, "trainer");
        assertThat(trainer.getNodeSelector())
                .containsEntry("pool", "a100")
                .containsEntry("nvidia.com/gpu.present", "yes");
        assertThat(trainer.getTolerations())
                .extracting(Toleration::getKey)
                .containsExactly("dedicated", "nvidia.com/gpu");
        assertThat(chart.env("classifier")).containsEntry("MAX_BATCH_SIZE", "128");
        // The ingest service never lands on GPU nodes on its own account.
        assertThat(pod(chart, "ingest").getNodeSelector()).isNullOrEmpty();
    }
}
