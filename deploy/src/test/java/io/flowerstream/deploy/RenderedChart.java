package io.flowerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The chart rendered by the embedded Helm with some {@code --set} values, parsed into fabric8's
 * typed model. Release "fs" in namespace "flowers", so objects are named {@code fs-flowerstream-*}.
 */
final class RenderedChart {

    static final String RELEASE = "fs";
    static final String PREFIX = RELEASE + "-flowerstream-";
    /** The oldest Kubernetes the chart supports (Chart.yaml's kubeVersion). */
    static final String KUBE_VERSION = "1.25.0";

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    final String yaml;
    final List<HasMetadata> objects;
    /** Objects of operators' kinds that fabric8 has no model of (KEDA, Strimzi), checked by {@link CustomResources}. */
    final List<CustomResources.Resource> customResources;

    private RenderedChart(String yaml, List<HasMetadata> objects, List<CustomResources.Resource> customResources) {
        this.yaml = yaml;
        this.objects = objects;
        this.customResources = customResources;
    }

    /**
     * Renders with {@code sets} (key to value, as {@code --set}); throws where Helm fails. Hooks
     * (the topics Job, the {@code helm test} Pod) are included: the embedded Helm returns only the
     * release manifest, so the chart is rendered from a copy whose {@code helm.sh/hook*} annotation
     * keys are renamed, and the parsed objects get their original keys back.
     */
    static RenderedChart render(Map<String, Object> sets) {
        TemplateCommand command = new Helm(chartWithHooksAsManifests())
                .template()
                .withName(RELEASE)
                .withNamespace("flowers")
                .withKubeVersion(KUBE_VERSION);
        sets.forEach(command::set);
        String yaml = command.call();
        List<HasMetadata> objects = new ArrayList<>();
        List<CustomResources.Resource> custom = new ArrayList<>();
        parse(yaml, objects, custom);
        return new RenderedChart(yaml, objects, custom);
    }

    private static final String HOOK_KEY = "helm.sh/hook";
    private static final String RENAMED_HOOK_KEY = "test.flowerstream.io/hook";
    private static Path hooksAsManifests;

    /** A copy of the chart, made once per test JVM, in which Helm sees no hook annotations. */
    private static synchronized Path chartWithHooksAsManifests() {
        if (hooksAsManifests != null) {
            return hooksAsManifests;
        }
        try {
            Path copy = Files.createTempDirectory("chart-with-hooks-").resolve("flowerstream");
            try (Stream<Path> files = Files.walk(RepoPaths.CHART)) {
                for (Path source : files.toList()) {
                    Path target =
                            copy.resolve(RepoPaths.CHART.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        String text = Files.readString(source);
                        Files.writeString(
                                target,
                                source.toString().contains("templates")
                                        ? text.replace(HOOK_KEY, RENAMED_HOOK_KEY)
                                        : text);
                    }
                }
            }
            hooksAsManifests = copy;
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the chart " + RepoPaths.CHART, e);
        }
    }

    /** Puts back the {@code helm.sh/hook*} keys that {@link #chartWithHooksAsManifests()} renamed. */
    private static void restoreHookAnnotations(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        if (annotations == null || annotations.keySet().stream().noneMatch(k -> k.startsWith(RENAMED_HOOK_KEY))) {
            return;
        }
        Map<String, String> restored = new LinkedHashMap<>();
        annotations.forEach((k, v) -> restored.put(
                k.startsWith(RENAMED_HOOK_KEY) ? HOOK_KEY + k.substring(RENAMED_HOOK_KEY.length()) : k, v));
        object.getMetadata().setAnnotations(restored);
    }

    /** Renders with the chart's own values. */
    static RenderedChart render() {
        return render(Map.of());
    }

    /** {@code key1, value1, key2, value2...} as an ordered map, for {@link #render(Map)}. */
    static Map<String, Object> sets(Object... keysAndValues) {
        Map<String, Object> sets = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            sets.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return sets;
    }

    private static void parse(String yaml, List<HasMetadata> objects, List<CustomResources.Resource> custom) {
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            boolean onlyComments =
                    document.lines().map(String::strip).allMatch(line -> line.isEmpty() || line.startsWith("#"));
            if (onlyComments) {
                continue;
            }
            if (CustomResources.handles(document)) {
                custom.add(CustomResources.parse(document));
                continue;
            }
            Object parsed = SERIALIZATION.unmarshal(document);
            assertThat(parsed)
                    .as("a rendered document parses into a typed fabric8 class, not a generic one:%n%s", document)
                    .isInstanceOf(HasMetadata.class)
                    .isNotInstanceOf(GenericKubernetesResource.class);
            restoreHookAnnotations((HasMetadata) parsed);
            objects.add((HasMetadata) parsed);
        }
    }

    /** Every object of {@code type}. */
    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The one object of {@code type} named {@code name}. */
    <T extends HasMetadata> T one(Class<T> type, String name) {
        return all(type).stream()
                .filter(o -> name.equals(o.getMetadata().getName()))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + type.getSimpleName() + " " + name + " among "
                        + objects.stream()
                                .map(o -> o.getKind() + "/" + o.getMetadata().getName())
                                .toList()));
    }

    /** The Deployment of a component ("classifier-canary", "ingest"...). */
    Deployment deployment(String component) {
        return one(Deployment.class, PREFIX + component);
    }

    /** The StatefulSet of a component ("classifier" with persistence on, the default). */
    StatefulSet statefulSet(String component) {
        return one(StatefulSet.class, PREFIX + component);
    }

    /** The pod template of a component's workload, a Deployment or a StatefulSet. */
    PodTemplateSpec template(String component) {
        String name = PREFIX + component;
        return all(StatefulSet.class).stream()
                .filter(s -> name.equals(s.getMetadata().getName()))
                .map(s -> s.getSpec().getTemplate())
                .findFirst()
                .orElseGet(() -> deployment(component).getSpec().getTemplate());
    }

    /** The custom resources of {@code kind} (ScaledObject, KafkaTopic). */
    List<CustomResources.Resource> custom(String kind) {
        return customResources.stream().filter(r -> kind.equals(r.kind())).toList();
    }

    /** The first container of a component's workload. */
    Container container(String component) {
        return template(component).getSpec().getContainers().get(0);
    }

    /** The plain-valued environment of a component's container, name to value. */
    Map<String, String> env(String component) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : container(component).getEnv()) {
            if (var.getValue() != null) {
                env.put(var.getName(), var.getValue());
            }
        }
        return env;
    }
}
