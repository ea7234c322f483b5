package io.flowerstream.reliability.report;

/**
 * Every fault, input class and security property that docs/reliability.md reports on, in the
 * table's order. A check with no row after a run shows as not run (a long test without
 * {@code -Preliability}) or failed.
 */
public enum Check {
    F1_KILL_MID_BATCH("fault", "1. classifier killed with `kill -9` mid-batch, restarted"),
    F2_FAILOVER("fault", "2. two classifier JVMs share the partitions, one killed with `kill -9`"),
    F3_BROKER_RESTART("fault", "3. broker stopped and started again (same log dir) under ingest and classifier"),
    F4_S3_DOWN_BEFORE_PUBLISH("fault", "4a. S3 down after training, before the publish step"),
    F4_S3_DOWN_MID_PUBLISH("fault", "4b. S3 down in the middle of the publish (weights written, metadata not)"),
    F5_BAD_CHECKSUM("fault", "5a. corrupt model version published: bad checksum"),
    F5_WRONG_SHAPE("fault", "5b. corrupt model version published: wrong tensor shape"),
    F5_TRUNCATED("fault", "5c. corrupt model version published: truncated parameters"),
    F6_BURST("fault", "6. a burst of 10x the steady rate"),
    INPUT_MEMORY("input", "resident memory while the hostile corpus goes through every path"),
    INPUT_PATH_TEXT("input", "image ids and labels with path characters (`../`, `%2F`, NUL)"),
    S1_TOKEN("security", "ingest token"),
    S2_SECRETS("security", "secrets never in logs or metrics"),
    S3_OBJECT_KEYS("security", "object keys only from validated labels and hashes"),
    S4_KAFKA_PASSTHROUGH("security", "`KAFKA_*` passthrough carries SASL/SSL settings");

    private final String area;
    private final String title;

    Check(String area, String title) {
        this.area = area;
        this.title = title;
    }

    public String area() {
        return area;
    }

    public String title() {
        return title;
    }
}
