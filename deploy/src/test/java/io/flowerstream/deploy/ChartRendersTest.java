package io.flowerstream.deploy;

import static io.flowerstream.deploy.RenderedChart.PREFIX;
import static io.flowerstream.deploy.RenderedChart.sets;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart renders in every shape it supports (defaults, canary, GPU, pinned version, every option on), into
 * typed objects with no unknown fields.
 */
class ChartRendersTest {

    /** The value sets the chart must render with: name, --set values. */
    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("default values", sets()),
                Arguments.of(
                        "canary on", sets("classifier.canary.enabled", true, "classifier.canary.model.version", 8)),
                Arguments.of("GPU on", sets("trainer.gpu.enabled", true, "classifier.gpu.enabled", true)),
                Arguments.of("pinned version", sets("classifier.model.version", 7)),
                Arguments.of("classifier as a Deployment", sets("classifier.persistence.enabled", false)),
                Arguments.of(
                        "KEDA and Strimzi topics",
                        sets(
                                "classifier.autoscaling.keda.enabled",
                                true,
                                "topics.strimzi",
                                true,
                                "topics.strimziCluster",
                                "my-cluster",
                                "classifier.canary.enabled",
                                true,
                                "classifier.canary.model.version",
                                8)),
                Arguments.of(
                        "operator options",
                        sets(
                                "networkPolicy.enabled",
                                true,
                                "networkPolicy.metricsFrom[0].namespaceSelector.matchLabels.name",
                                "monitoring",
                                "ingest.ingress.enabled",
                                true,
                                "ingest.ingress.host",
                                "photos.example.com",
                                "ingest.ingress.tlsSecret",
                                "photos-tls",
                                "serviceMonitor.enabled",
                                true,
                                "lagExporter.enabled",
                                true,
                                "serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn",
                                "arn:aws:iam::1:role/r",
                                "s3.existingSecret",
                                "",
                                "classifier.standbyReplicas",
                                2)),
                Arguments.of(
                        "every option on",
                        sets(
                                "classifier.canary.enabled",
                                true,
                                "classifier.canary.model.version",
                                8,
                                "classifier.autoscaling.enabled",
                                true,
                                "serviceMonitor.enabled",
                                true,
                                "serviceMonitor.labels.release",
                                "kube-prometheus-stack",
                                "prometheusRule.enabled",
                                true,
                                "prometheusRule.labels.release",
                                "kube-prometheus-stack",
                                "kafka.existingSecret",
                                "flowerstream-kafka",
                                "kafka.config.security\\.protocol",
                                "SASL_SSL",
                                "ingest.tokenSecret.name",
                                "flowerstream-ingest",
                                "grafanaDashboard.annotations.grafana_folder",
                                "flowerstream",
                                "lagExporter.enabled",
                                true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void renders_into_typed_objects_with_no_unknown_fields(String shape, Map<String, Object> sets) {
        RenderedChart chart = RenderedChart.render(sets);

        assertThat(chart.objects).as(shape).isNotEmpty();
        for (HasMetadata object : chart.objects) {
            assertThat(UnknownFields.in(object))
                    .as(
                            "%s: fields fabric8 does not know in %s/%s",
                            shape, object.getKind(), object.getMetadata().getName())
                    .isEmpty();
            assertThat(object.getMetadata().getLabels())
                    .as("%s/%s labels", object.getKind(), object.getMetadata().getName())
                    .containsEntry("app.kubernetes.io/instance", RenderedChart.RELEASE)
                    .containsEntry("app.kubernetes.io/name", "flowerstream")
                    .containsEntry("app.kubernetes.io/managed-by", "Helm");
        }
        for (CustomResources.Resource resource : chart.customResources) {
            assertThat(resource.metadata().labels())
                    .as("%s/%s labels", resource.kind(), resource.metadata().name())
                    .containsEntry("app.kubernetes.io/instance", RenderedChart.RELEASE)
                    .containsEntry("app.kubernetes.io/managed-by", "Helm");
        }
    }

    @Test
    void default_values_render_the_three_services_and_nothing_optional() {
        RenderedChart chart = RenderedChart.render();

        assertThat(chart.all(Deployment.class))
                .extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder(PREFIX + "ingest", PREFIX + "trainer");
        assertThat(chart.all(StatefulSet.class))
                .extracting(d -> d.getMetadata().getName())
                .containsExactly(PREFIX + "classifier");
        assertThat(chart.customResources).isEmpty();
        assertThat(chart.all(Service.class)).hasSize(3);
        assertThat(chart.all(PodDisruptionBudget.class))
                .extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder(PREFIX + "ingest", PREFIX + "classifier");
        assertThat(chart.all(ConfigMap.class))
                .extracting(c -> c.getMetadata().getName())
                .containsExactlyInAnyOrder("fs-flowerstream", PREFIX + "dashboards");
        assertThat(chart.all(HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(chart.all(ServiceMonitor.class)).isEmpty();
        assertThat(chart.all(PrometheusRule.class)).isEmpty();
    }

    @Test
    void never_renders_a_secret_and_takes_credentials_by_reference() {
        RenderedChart chart = RenderedChart.render(
                sets("kafka.existingSecret", "flowerstream-kafka", "ingest.tokenSecret.name", "flowerstream-ingest"));

        assertThat(chart.all(Secret.class)).isEmpty();
        for (String component : new String[] {"ingest", "classifier", "trainer"}) {
            var container = chart.container(component);
            assertThat(container.getEnv())
                    .filteredOn(
                            e -> e.getName().startsWith("S3_") && e.getName().endsWith("KEY"))
                    .as("%s S3 credentials", component)
                    .hasSize(2)
                    .allSatisfy(
                            e -> assertThat(e.getValueFrom().getSecretKeyRef().getName())
                                    .isEqualTo("flowerstream-s3"));
            assertThat(container.getEnvFrom())
                    .as("%s envFrom", component)
                    .filteredOn(e -> e.getSecretRef() != null)
                    .singleElement()
                    .satisfies(e -> assertThat(e.getSecretRef().getName()).isEqualTo("flowerstream-kafka"));
        }
        assertThat(chart.container("ingest").getEnv())
                .filteredOn(e -> e.getName().equals("INGEST_TOKEN"))
                .singleElement()
                .satisfies(e ->
                        assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("flowerstream-ingest"));
    }

    @Test
    void kafka_client_settings_become_kafka_variables_in_the_config_map() {
        RenderedChart chart = RenderedChart.render(
                sets("kafka.config.security\\.protocol", "SASL_SSL", "kafka.config.sasl\\.mechanism", "SCRAM-SHA-512"));

        assertThat(chart.one(ConfigMap.class, "fs-flowerstream").getData())
                .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                .containsEntry("DJL_OFFLINE", "true")
                .containsEntry("HTTP_HOST", "0.0.0.0");
    }

    @Test
    void the_service_monitor_scrapes_every_service_on_its_http_port() {
        RenderedChart chart = RenderedChart.render(sets("serviceMonitor.enabled", true));

        ServiceMonitor monitor = chart.one(ServiceMonitor.class, "fs-flowerstream");
        assertThat(monitor.getSpec().getEndpoints())
                .singleElement()
                .satisfies(e -> assertThat(e.getPort()).isEqualTo("http"))
                .satisfies(e -> assertThat(e.getPath()).isEqualTo("/metrics"))
                // The meters' own service label (ingest, classifier, trainer) wins over the operator's.
                .satisfies(e -> assertThat(e.getHonorLabels()).isTrue());
        Map<String, String> selector = monitor.getSpec().getSelector().getMatchLabels();
        for (Service service : chart.all(Service.class)) {
            assertThat(service.getMetadata().getLabels())
                    .as(service.getMetadata().getName())
                    .containsAllEntriesOf(selector);
            assertThat(service.getSpec().getPorts())
                    .extracting(p -> p.getName())
                    .containsExactly("http");
        }
        // Jobs are named after the component label: the job names the up-based alerts select.
        assertThat(monitor.getSpec().getJobLabel()).isEqualTo("app.kubernetes.io/component");
        assertThat(chart.all(Service.class))
                .extracting(
                        s -> s.getMetadata().getLabels().get(monitor.getSpec().getJobLabel()))
                .containsExactlyInAnyOrder("ingest", "classifier", "trainer");
    }
}
