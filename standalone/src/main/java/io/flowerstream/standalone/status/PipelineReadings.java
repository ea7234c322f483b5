package io.flowerstream.standalone.status;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the status view shows, read from the services' own meter registries: the same numbers
 * their {@code /metrics} endpoints serve, so the terminal and Grafana never disagree.
 */
public final class PipelineReadings {

    /** Online accuracy of one model version: judged predictions and the correct ones. */
    public record Accuracy(long correct, long judged) {
        public double ratio() {
            return judged == 0 ? Double.NaN : (double) correct / judged;
        }
    }

    private final MeterRegistry ingest;
    private final MeterRegistry classifier;
    private final MeterRegistry trainer;

    public PipelineReadings(MeterRegistry ingest, MeterRegistry classifier, MeterRegistry trainer) {
        this.ingest = ingest;
        this.classifier = classifier;
        this.trainer = trainer;
    }

    /** Images the ingest service published (CLI and HTTP). */
    public long imagesIn() {
        return (long) sum(ingest, "flowers.ingest.images", "outcome", "published");
    }

    /** Images the ingest service refused. */
    public long imagesRefused() {
        return (long) sum(ingest, "flowers.ingest.images", "outcome", "refused");
    }

    /** Labelled images stored for training. */
    public long archived() {
        return (long) sum(ingest, "flowers.ingest.archived", null, null);
    }

    /** Predictions made by the classifier, all versions. */
    public long predictions() {
        return (long) sum(classifier, "flowers.classifier.predictions", null, null);
    }

    /** Records dead-lettered by the classifier. */
    public long deadLetters() {
        return (long) sum(classifier, "flowers.classifier.dead.letters", null, null);
    }

    /** The version the classifier serves, 0 for none. */
    public int servingVersion() {
        return (int) gauge(classifier, "flowers.classifier.model.version");
    }

    /** The champion the trainer last saw, 0 for none. */
    public int championVersion() {
        return (int) gauge(trainer, "flowers.trainer.champion.version");
    }

    /** The last version the trainer published, 0 for none. */
    public int publishedVersion() {
        return (int) gauge(trainer, "flowers.trainer.published.version");
    }

    /**
     * Online accuracy per model version, from labels in headers and from feedback; versions with no
     * judged prediction yet are left out (the classifier registers their counters at 0 on load).
     */
    public Map<Integer, Accuracy> accuracyByVersion() {
        Map<Integer, long[]> counts = new TreeMap<>();
        for (Counter counter :
                classifier.find("flowers.classifier.online.predictions").counters()) {
            String version = counter.getId().getTag("model_version");
            String outcome = counter.getId().getTag("outcome");
            if (version == null || outcome == null) {
                continue;
            }
            long[] c = counts.computeIfAbsent(Integer.parseInt(version), v -> new long[2]);
            c[0] += "correct".equals(outcome) ? (long) counter.count() : 0;
            c[1] += (long) counter.count();
        }
        Map<Integer, Accuracy> result = new TreeMap<>();
        counts.forEach((v, c) -> {
            if (c[1] > 0) {
                result.put(v, new Accuracy(c[0], c[1]));
            }
        });
        return result;
    }

    private static double sum(MeterRegistry registry, String name, String tag, String value) {
        var search = registry.find(name);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    private static double gauge(MeterRegistry registry, String name) {
        Gauge gauge = registry.find(name).gauge();
        return gauge == null || Double.isNaN(gauge.value()) ? 0 : gauge.value();
    }
}
