package io.flowerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

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

    private RenderedChart(String yaml, List<HasMetadata> objects) {
        this.yaml = yaml;
        this.objects = objects;
    }

    /** Renders with {@code sets} (key to value, as {@code --set}); throws where Helm fails. */
    static RenderedChart render(Map<String, Object> sets) {
        TemplateCommand command = new Helm(RepoPaths.CHART).template()
                .withName(RELEASE).withNamespace("flowers").withKubeVersion(KUBE_VERSION);
        sets.forEach(command::set);
        String yaml = command.call();
        return new RenderedChart(yaml, parse(yaml));
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

    private static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            boolean onlyComments = document.lines().map(String::strip)
                    .allMatch(line -> line.isEmpty() || line.startsWith("#"));
            if (onlyComments) {
                continue;
            }
            Object parsed = SERIALIZATION.unmarshal(document);
            assertThat(parsed)
                    .as("a rendered document parses into a typed fabric8 class, not a generic one:%n%s", document)
                    .isInstanceOf(HasMetadata.class)
                    .isNotInstanceOf(GenericKubernetesResource.class);
            objects.add((HasMetadata) parsed);
        }
        return objects;
    }

    /** Every object of {@code type}. */
    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The one object of {@code type} named {@code name}. */
    <T extends HasMetadata> T one(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + type.getSimpleName() + " " + name + " among "
                        + objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList()));
    }

    /** The Deployment of a component ("classifier", "classifier-canary"...). */
    Deployment deployment(String component) {
        return one(Deployment.class, PREFIX + component);
    }

    /** The first container of a component's Deployment. */
    Container container(String component) {
        return deployment(component).getSpec().getTemplate().getSpec().getContainers().get(0);
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
