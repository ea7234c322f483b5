package io.flowerstream.ingest.push;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The result of one push: every file's outcome, with the summary line in the seed's spirit
 * ({@code published 1,062 of 1,065 images; 3 skipped: 2 truncated, 1 not_an_image}) and the
 * exit code.
 */
public record PushReport(List<FileOutcome> outcomes, double seconds) {

    public PushReport {
        outcomes = List.copyOf(outcomes);
    }

    /** Files the broker acknowledged. */
    public List<FileOutcome.Published> published() {
        return ofType(FileOutcome.Published.class);
    }

    /** Files refused before sending. */
    public List<FileOutcome.Skipped> skipped() {
        return ofType(FileOutcome.Skipped.class);
    }

    /** Files whose send failed. */
    public List<FileOutcome.Failed> failed() {
        return ofType(FileOutcome.Failed.class);
    }

    /** Skipped files counted by reason code, most frequent first. */
    public Map<String, Long> skippedByReason() {
        Map<String, Long> counts = new TreeMap<>(
                skipped().stream().collect(Collectors.groupingBy(FileOutcome.Skipped::reason, Collectors.counting())));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.toMap(
                        Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    /** The one-line summary. */
    public String summary() {
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT, "published %,d of %,d images", published().size(), outcomes.size()));
        if (!skipped().isEmpty()) {
            List<String> parts = new ArrayList<>();
            skippedByReason()
                    .forEach((reason, count) -> parts.add(String.format(Locale.ROOT, "%,d %s", count, reason)));
            line.append(String.format(Locale.ROOT, "; %,d skipped: ", skipped().size()))
                    .append(String.join(", ", parts));
        }
        if (!failed().isEmpty()) {
            line.append(String.format(Locale.ROOT, "; %,d failed to send", failed().size()));
        }
        return line.toString();
    }

    /** Images per second over the whole push. */
    public double rate() {
        return seconds <= 0 ? 0 : outcomes.size() / seconds;
    }

    /** 0 when all went well; 1 when a send failed, or when anything was skipped under {@code --strict}. */
    public int exitCode(boolean strict) {
        if (!failed().isEmpty() || (strict && !skipped().isEmpty())) {
            return 1;
        }
        return 0;
    }

    private <T extends FileOutcome> List<T> ofType(Class<T> type) {
        return outcomes.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
