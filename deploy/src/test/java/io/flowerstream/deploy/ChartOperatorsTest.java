package io.flowerstream.deploy;

import static io.flowerstream.deploy.RenderedChart.PREFIX;
import static io.flowerstream.deploy.RenderedChart.sets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The values an operator reaches for at scale: topics, autoscaling, durable state, network, identity, schema. */
class ChartOperatorsTest {

    // ---- topics ----------------------------------------------------------------------------

    @Test
    void a_pre_install_and_pre_upgrade_hook_ensures_the_topics_with_the_projects_own_command() {
        RenderedChart chart = RenderedChart.render(sets(
                "kafka.partitions",
                12,
                "topics.replicationFactor",
                3,
                "kafka.existingSecret",
                "flowerstream-kafka",
                "kafka.config.security\\.protocol",
                "SASL_SSL"));

        Job job = chart.one(Job.class, PREFIX + "topics");
        assertThat(job.getMetadata().getAnnotations())
                .containsEntry("helm.sh/hook", "pre-install,pre-upgrade")
                .containsEntry("helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded");
        Container container =
                job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("flowerstream/ingest:0.1.0");
        assertThat(container.getArgs()).containsExactly("ensure");
        assertThat(env(container))
                .containsEntry("MAIN_CLASS", "io.flowerstream.platform.topics.TopicsCommand")
                .containsEntry("TOPIC_PARTITIONS", "12")
                .containsEntry("TOPIC_REPLICATION_FACTOR", "3")
                .containsEntry("TOPIC_IMAGES", "flowers.images")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .doesNotContainKey("TOPIC_PREDICTIONS_CANARY");
        // Hooks run before the release's ConfigMap exists: nothing may come from it.
        assertThat(container.getEnvFrom())
                .singleElement()
                .satisfies(e -> assertThat(e.getSecretRef().getName()).isEqualTo("flowerstream-kafka"));
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(chart.custom("KafkaTopic")).isEmpty();
    }

    @Test
    void the_canary_topic_is_ensured_only_with_a_canary() {
        RenderedChart chart =
                RenderedChart.render(sets("classifier.canary.enabled", true, "classifier.canary.model.version", 8));

        assertThat(env(chart.one(Job.class, PREFIX + "topics")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)))
                .containsEntry("TOPIC_PREDICTIONS_CANARY", "flowers.predictions.canary");
    }

    @Test
    void topics_create_false_renders_no_hook() {
        assertThat(RenderedChart.render(sets("topics.create", false)).all(Job.class))
                .isEmpty();
    }

    @Test
    void strimzi_gets_kafka_topics_with_the_same_partitions_and_configs_and_no_hook() throws IOException {
        RenderedChart chart = RenderedChart.render(
                sets("topics.strimzi", true, "topics.strimziCluster", "my-cluster", "kafka.partitions", 8));

        assertThat(chart.all(Job.class)).isEmpty();
        List<CustomResources.Resource> topics = chart.custom("KafkaTopic");
        assertThat(topics)
                .extracting(t -> t.kafkaTopic().topicName())
                .containsExactlyInAnyOrder(
                        "flowers.images",
                        "flowers.predictions",
                        "flowers.feedback",
                        "flowers.models",
                        "flowers.images.dlq");
        for (CustomResources.Resource topic : topics) {
            assertThat(topic.metadata().labels()).containsEntry("strimzi.io/cluster", "my-cluster");
            assertThat(topic.kafkaTopic().replicas()).as("broker default").isNull();
        }
        Map<String, CustomResources.KafkaTopicSpec> byName = new java.util.TreeMap<>();
        topics.forEach(t -> byName.put(t.kafkaTopic().topicName(), t.kafkaTopic()));
        assertThat(byName.get("flowers.images").partitions()).isEqualTo(8);
        assertThat(byName.get("flowers.feedback").partitions()).isEqualTo(8);
        assertThat(byName.get("flowers.models").partitions()).isEqualTo(1);
        assertThat(byName.get("flowers.models").config()).containsEntry("cleanup.policy", "compact");
        String maxBytes = String.valueOf(maxMessageBytesOfTopicsJava());
        assertThat(byName.get("flowers.images").config()).containsEntry("max.message.bytes", maxBytes);
        assertThat(byName.get("flowers.images.dlq").config()).containsEntry("max.message.bytes", maxBytes);
    }

    @Test
    void strimzi_without_a_cluster_name_fails_the_render_and_says_which_value() {
        assertThatThrownBy(() -> RenderedChart.render(sets("topics.strimzi", true)))
                .hasMessageContaining("topics.strimziCluster must name the Strimzi Kafka cluster");
    }

    /** Topics.MAX_MESSAGE_BYTES as the contracts module's source computes it (products summed). */
    private static long maxMessageBytesOfTopicsJava() throws IOException {
        String source = Files.readString(
                RepoPaths.ROOT.resolve("contracts/src/main/java/io/flowerstream/contracts/topics/Topics.java"));
        Matcher m = Pattern.compile("MAX_MESSAGE_BYTES\\s*=\\s*([0-9*+ ]+);").matcher(source);
        assertThat(m.find())
                .as("Topics.MAX_MESSAGE_BYTES as a sum of products of numbers")
                .isTrue();
        long sum = 0;
        for (String term : m.group(1).split("\\+")) {
            long product = 1;
            for (String factor : term.split("\\*")) {
                product *= Long.parseLong(factor.strip());
            }
            sum += product;
        }
        return sum;
    }

    // ---- autoscaling -----------------------------------------------------------------------

    @Test
    void keda_on_scales_the_stateful_set_on_the_groups_lag_never_past_the_partitions() {
        RenderedChart chart = RenderedChart.render(sets(
                "classifier.autoscaling.keda.enabled",
                true,
                "classifier.autoscaling.minReplicas",
                1,
                "classifier.autoscaling.maxReplicas",
                6,
                "classifier.autoscaling.keda.lagThreshold",
                150,
                "classifier.autoscaling.keda.triggerAuthentication",
                "kafka-sasl"));

        CustomResources.ScaledObjectSpec spec =
                chart.custom("ScaledObject").get(0).scaledObject();
        assertThat(chart.custom("ScaledObject"))
                .singleElement()
                .satisfies(s -> assertThat(s.metadata().name()).isEqualTo(PREFIX + "classifier"));
        assertThat(spec.scaleTargetRef().kind()).isEqualTo("StatefulSet");
        assertThat(spec.scaleTargetRef().name()).isEqualTo(PREFIX + "classifier");
        assertThat(spec.minReplicaCount()).isEqualTo(1);
        assertThat(spec.maxReplicaCount()).isEqualTo(6);
        assertThat(spec.triggers()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo("kafka");
            assertThat(t.metadata())
                    .containsEntry("consumerGroup", "flowers-classifier")
                    .containsEntry("topic", "flowers.images")
                    .containsEntry("bootstrapServers", "kafka:9092")
                    .containsEntry("lagThreshold", "150")
                    // KEDA then also caps at the partition count itself.
                    .containsEntry("allowIdleConsumers", "false");
            assertThat(t.authenticationRef().name()).isEqualTo("kafka-sasl");
        });
        assertThat(chart.all(HorizontalPodAutoscaler.class))
                .as("KEDA makes its own HPA")
                .isEmpty();
        assertThat(chart.statefulSet("classifier").getSpec().getReplicas())
                .as("left to the autoscaler")
                .isNull();
    }

    @Test
    void keda_off_renders_no_scaled_object() {
        assertThat(RenderedChart.render().custom("ScaledObject")).isEmpty();
        assertThat(RenderedChart.render(sets("classifier.autoscaling.enabled", true))
                        .custom("ScaledObject"))
                .isEmpty();
    }

    @Test
    void keda_past_the_partitions_or_beside_the_hpa_fails_the_render() {
        assertThatThrownBy(() -> RenderedChart.render(
                        sets("classifier.autoscaling.keda.enabled", true, "classifier.autoscaling.maxReplicas", 7)))
                .hasMessageContaining(
                        "classifier.autoscaling.maxReplicas is 7, but the image topics have 6 partitions");
        assertThatThrownBy(() -> RenderedChart.render(
                        sets("classifier.autoscaling.keda.enabled", true, "classifier.autoscaling.enabled", true)))
                .hasMessageContaining("both scale the classifier: turn one off");
    }

    @Test
    void the_scaled_object_check_rejects_an_undocumented_field_and_a_number_in_trigger_metadata() {
        String good = """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: x}
                spec:
                  scaleTargetRef: {name: x}
                  triggers:
                    - type: kafka
                      metadata: {topic: t, lagThreshold: "5"}
                """;
        assertThat(CustomResources.parse(good).scaledObject().triggers()).hasSize(1);
        assertThatThrownBy(() -> CustomResources.parse(good.replace("scaleTargetRef:", "scaleTarget:")))
                .hasMessageContaining("scaleTarget");
        assertThatThrownBy(() -> CustomResources.parse(good.replace("lagThreshold: \"5\"", "lagThreshold: 5")))
                .hasMessageContaining("KEDA wants every value as a string");
        assertThatThrownBy(() -> CustomResources.parse(good.replace("topic: t", "topics: t")))
                .hasMessageContaining("'topics' is not one KEDA documents");
    }

    // ---- durable state ---------------------------------------------------------------------

    @Test
    void the_stable_classifier_is_a_stateful_set_with_a_volume_per_pod_and_static_membership() {
        RenderedChart chart = RenderedChart.render(
                sets("classifier.persistence.size", "5Gi", "classifier.persistence.storageClass", "fast-ssd"));

        StatefulSet classifier = chart.statefulSet("classifier");
        assertThat(chart.all(Deployment.class))
                .extracting(d -> d.getMetadata().getName())
                .doesNotContain(PREFIX + "classifier");
        assertThat(classifier.getSpec().getServiceName()).isEqualTo(PREFIX + "classifier");
        assertThat(classifier.getSpec().getVolumeClaimTemplates())
                .singleElement()
                .satisfies(pvc -> {
                    assertThat(pvc.getMetadata().getName()).isEqualTo("state");
                    assertThat(pvc.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
                    assertThat(pvc.getSpec().getResources().getRequests())
                            .containsEntry("storage", new Quantity("5Gi"));
                    assertThat(pvc.getSpec().getStorageClassName()).isEqualTo("fast-ssd");
                });
        Container container = chart.container("classifier");
        assertThat(container.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("state");
            assertThat(m.getMountPath()).isEqualTo("/var/lib/flowerstream/state");
        });
        assertThat(chart.env("classifier")).containsEntry("STATE_DIR", "/var/lib/flowerstream/state");
        assertThat(var(container, "GROUP_INSTANCE_ID"))
                .hasValueSatisfying(
                        v -> assertThat(v.getValueFrom().getFieldRef().getFieldPath())
                                .isEqualTo("metadata.name"));
        // No class named: the cluster's default, not the empty class.
        assertThat(RenderedChart.render()
                        .statefulSet("classifier")
                        .getSpec()
                        .getVolumeClaimTemplates()
                        .get(0)
                        .getSpec()
                        .getStorageClassName())
                .isNull();
    }

    @Test
    void persistence_off_gives_a_deployment_with_dynamic_membership() {
        RenderedChart chart = RenderedChart.render(
                sets("classifier.persistence.enabled", false, "classifier.autoscaling.enabled", true));

        assertThat(chart.all(StatefulSet.class)).isEmpty();
        assertThat(chart.deployment("classifier")).isNotNull();
        assertThat(var(chart.container("classifier"), "GROUP_INSTANCE_ID")).isEmpty();
        assertThat(chart.env("classifier")).doesNotContainKey("STATE_DIR");
        assertThat(chart.one(HorizontalPodAutoscaler.class, PREFIX + "classifier")
                        .getSpec()
                        .getScaleTargetRef()
                        .getKind())
                .isEqualTo("Deployment");
    }

    @Test
    void standby_replicas_default_to_one_with_more_than_one_replica_and_follow_the_value() {
        assertThat(RenderedChart.render().env("classifier")).containsEntry("NUM_STANDBY_REPLICAS", "1");
        assertThat(RenderedChart.render(sets("classifier.replicas", 1)).env("classifier"))
                .containsEntry("NUM_STANDBY_REPLICAS", "0");
        assertThat(RenderedChart.render(sets("classifier.replicas", 1, "classifier.autoscaling.enabled", true))
                        .env("classifier"))
                .as("an autoscaler may add replicas")
                .containsEntry("NUM_STANDBY_REPLICAS", "1");
        assertThat(RenderedChart.render(sets("classifier.standbyReplicas", 2)).env("classifier"))
                .containsEntry("NUM_STANDBY_REPLICAS", "2");
        assertThat(RenderedChart.render(sets("classifier.standbyReplicas", 0, "classifier.replicas", 4))
                        .env("classifier"))
                .containsEntry("NUM_STANDBY_REPLICAS", "0");
    }

    // ---- network and identity --------------------------------------------------------------

    @Test
    void network_policies_open_only_the_http_port_to_the_peers_named() {
        assertThat(RenderedChart.render().all(NetworkPolicy.class)).isEmpty();

        RenderedChart chart = RenderedChart.render(sets(
                "networkPolicy.enabled",
                true,
                "networkPolicy.ingestFrom[0].namespaceSelector.matchLabels.team",
                "photos",
                "networkPolicy.metricsFrom[0].namespaceSelector.matchLabels.name",
                "monitoring"));

        assertThat(chart.all(NetworkPolicy.class))
                .extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder(PREFIX + "ingest", PREFIX + "classifier", PREFIX + "trainer");
        for (NetworkPolicy policy : chart.all(NetworkPolicy.class)) {
            assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
            assertThat(policy.getSpec().getIngress())
                    .singleElement()
                    .satisfies(rule -> assertThat(rule.getPorts())
                            .singleElement()
                            .satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http")));
        }
        assertThat(chart.one(NetworkPolicy.class, PREFIX + "ingest")
                        .getSpec()
                        .getIngress()
                        .get(0)
                        .getFrom())
                .extracting(peer -> peer.getNamespaceSelector().getMatchLabels())
                .containsExactlyInAnyOrder(Map.of("team", "photos"), Map.of("name", "monitoring"));
        assertThat(chart.one(NetworkPolicy.class, PREFIX + "classifier")
                        .getSpec()
                        .getIngress()
                        .get(0)
                        .getFrom())
                .extracting(peer -> peer.getNamespaceSelector().getMatchLabels())
                .containsExactly(Map.of("name", "monitoring"));

        // The lag exporter, when it runs, serves only /metrics: the metrics peers alone.
        RenderedChart withExporter = RenderedChart.render(sets(
                "networkPolicy.enabled",
                true,
                "lagExporter.enabled",
                true,
                "networkPolicy.metricsFrom[0].namespaceSelector.matchLabels.name",
                "monitoring"));
        NetworkPolicy exporter = withExporter.one(NetworkPolicy.class, PREFIX + "kafka-exporter");
        assertThat(exporter.getSpec().getPodSelector().getMatchLabels())
                .isEqualTo(withExporter.template("kafka-exporter").getMetadata().getLabels());
        assertThat(exporter.getSpec().getIngress().get(0).getFrom())
                .extracting(peer -> peer.getNamespaceSelector().getMatchLabels())
                .containsExactly(Map.of("name", "monitoring"));
    }

    @Test
    void the_ingress_routes_the_ingest_path_to_the_ingest_service() {
        assertThat(RenderedChart.render().all(Ingress.class)).isEmpty();

        RenderedChart chart = RenderedChart.render(sets(
                "ingest.ingress.enabled",
                true,
                "ingest.ingress.className",
                "nginx",
                "ingest.ingress.host",
                "photos.example.com",
                "ingest.ingress.tlsSecret",
                "photos-tls",
                "ingest.ingress.annotations.nginx\\.ingress\\.kubernetes\\.io/proxy-body-size",
                "11m"));

        Ingress ingress = chart.one(Ingress.class, PREFIX + "ingest");
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(t -> {
            assertThat(t.getSecretName()).isEqualTo("photos-tls");
            assertThat(t.getHosts()).containsExactly("photos.example.com");
        });
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getHost()).isEqualTo("photos.example.com");
            assertThat(rule.getHttp().getPaths()).singleElement().satisfies(path -> {
                assertThat(path.getPath()).isEqualTo("/v1/images");
                assertThat(path.getBackend().getService().getName()).isEqualTo(PREFIX + "ingest");
                assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
            });
        });
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "11m");
    }

    @Test
    void every_pod_runs_as_the_charts_service_account_without_an_api_token() {
        RenderedChart chart = RenderedChart.render(sets(
                "serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn",
                "arn:aws:iam::123456789012:role/flowerstream-s3"));

        ServiceAccount account = chart.one(ServiceAccount.class, "fs-flowerstream");
        assertThat(account.getMetadata().getAnnotations())
                .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/flowerstream-s3");
        assertThat(account.getAutomountServiceAccountToken()).isFalse();
        for (String component : new String[] {"ingest", "classifier", "trainer"}) {
            PodSpec pod = chart.template(component).getSpec();
            assertThat(pod.getServiceAccountName()).as(component).isEqualTo("fs-flowerstream");
            assertThat(pod.getAutomountServiceAccountToken()).as(component).isFalse();
        }
        RenderedChart existing =
                RenderedChart.render(sets("serviceAccount.create", false, "serviceAccount.name", "photos"));
        assertThat(existing.all(ServiceAccount.class)).isEmpty();
        assertThat(existing.template("classifier").getSpec().getServiceAccountName())
                .isEqualTo("photos");
    }

    @Test
    void without_an_s3_secret_the_pods_get_no_keys_and_use_their_identity() {
        RenderedChart chart = RenderedChart.render(sets("s3.existingSecret", ""));

        for (String component : new String[] {"ingest", "classifier", "trainer"}) {
            assertThat(chart.container(component).getEnv())
                    .extracting(EnvVar::getName)
                    .as(component)
                    .doesNotContain("S3_ACCESS_KEY", "S3_SECRET_KEY");
        }
        assertThat(chart.one(io.fabric8.kubernetes.api.model.ConfigMap.class, "fs-flowerstream")
                        .getData())
                .containsEntry("S3_REGION", "us-east-1");
    }

    @Test
    void the_lag_exporter_runs_from_the_ingest_image_and_is_scraped_as_job_kafka_exporter_when_asked()
            throws IOException {
        assertThat(RenderedChart.render(sets("serviceMonitor.enabled", true)).objects)
                .noneMatch(o -> o.getMetadata().getName().contains("kafka-exporter"));

        RenderedChart chart = RenderedChart.render(sets("serviceMonitor.enabled", true, "lagExporter.enabled", true));

        Container exporter = chart.container("kafka-exporter");
        assertThat(exporter.getImage()).isEqualTo(chart.container("ingest").getImage());
        Map<String, String> env = chart.env("kafka-exporter");
        String mainClass = env.get("MAIN_CLASS");
        assertThat(mainClass).isEqualTo("io.flowerstream.platform.lag.LagExporterCommand");
        assertThat(Files.readString(
                        RepoPaths.ROOT.resolve("platform/src/main/java/" + mainClass.replace('.', '/') + ".java")))
                .contains("public static void main(String[] args)");
        assertThat(env)
                .containsEntry("HTTP_PORT", "9308")
                .containsEntry("LAG_GROUP_PATTERN", "flowers-classifier.*")
                .containsEntry("LAG_TOPICS", "flowers.images")
                .containsEntry("LAG_POLL_SECONDS", "15");
        assertThat(exporter.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(9308);
        });
        assertThat(exporter.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(chart.deployment("kafka-exporter").getSpec().getReplicas()).isEqualTo(1);

        // The one ServiceMonitor selects the exporter's Service and takes the job from its component label.
        io.fabric8.kubernetes.api.model.Service service =
                chart.one(io.fabric8.kubernetes.api.model.Service.class, PREFIX + "kafka-exporter");
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getPort()).isEqualTo(9308);
        });
        assertThat(chart.template("kafka-exporter").getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        ServiceMonitor monitor = chart.all(ServiceMonitor.class).stream().collect(onlyOne());
        assertThat(service.getMetadata().getLabels())
                .containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels())
                .containsEntry(monitor.getSpec().getJobLabel(), "kafka-exporter");
        assertThat(monitor.getSpec().getEndpoints())
                .singleElement()
                .satisfies(e -> assertThat(e.getPort()).isEqualTo("http"));
    }

    @Test
    void the_lag_exporter_watches_the_given_groups_and_topics_or_follows_the_classifier_application_id() {
        Map<String, String> followed = RenderedChart.render(sets(
                        "lagExporter.enabled",
                        true,
                        "classifier.applicationId",
                        "tulips",
                        "topics.images",
                        "photos.in"))
                .env("kafka-exporter");
        assertThat(followed).containsEntry("LAG_GROUP_PATTERN", "tulips.*").containsEntry("LAG_TOPICS", "photos.in");

        Map<String, String> given = RenderedChart.render(sets(
                        "lagExporter.enabled",
                        true,
                        "lagExporter.groupPattern",
                        "flowers-classifier",
                        "lagExporter.topics[0]",
                        "a",
                        "lagExporter.topics[1]",
                        "b",
                        "lagExporter.pollSeconds",
                        30))
                .env("kafka-exporter");
        assertThat(given)
                .containsEntry("LAG_GROUP_PATTERN", "flowers-classifier")
                .containsEntry("LAG_TOPICS", "a,b")
                .containsEntry("LAG_POLL_SECONDS", "30");
    }

    private static <T> java.util.stream.Collector<T, ?, T> onlyOne() {
        return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), list -> {
            assertThat(list).hasSize(1);
            return list.get(0);
        });
    }

    // ---- helm test -------------------------------------------------------------------------

    @Test
    void helm_test_publishes_one_photo_and_waits_for_its_prediction() {
        Pod test = RenderedChart.render().one(Pod.class, PREFIX + "test-roundtrip");

        assertThat(test.getMetadata().getAnnotations()).containsEntry("helm.sh/hook", "test");
        assertThat(test.getSpec().getRestartPolicy()).isEqualTo("Never");
        Container container = test.getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("flowerstream/ingest:0.1.0");
        assertThat(container.getArgs()).containsExactly("roundtrip");
        assertThat(container.getEnvFrom())
                .anySatisfy(e -> assertThat(e.getConfigMapRef().getName()).isEqualTo("fs-flowerstream"));
    }

    // ---- schema ----------------------------------------------------------------------------

    @Test
    void values_of_the_wrong_type_fail_the_render_through_the_schema() {
        assertThatThrownBy(() -> RenderedChart.render(sets("kafka.partitions", "six")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("partitions");
        assertThatThrownBy(() -> RenderedChart.render(sets("classifier.autoscaling.keda.enabled", "yes")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("enabled");
        assertThatThrownBy(() -> RenderedChart.render(sets("classifier.device", "tpu")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("device");
        assertThatThrownBy(() -> RenderedChart.render(sets("classifier.replicas", -1)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("replicas");
        assertThatThrownBy(() -> RenderedChart.render(sets("classifier.persistence.size", "lots")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("size");
    }

    private static Map<String, String> env(Container container) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        container.getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> env.put(e.getName(), e.getValue()));
        return env;
    }

    private static Optional<EnvVar> var(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }
}
