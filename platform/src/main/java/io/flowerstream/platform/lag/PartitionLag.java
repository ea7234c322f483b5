package io.flowerstream.platform.lag;

/**
 * One consumer group's position on one partition, as the broker reports it: the group's committed
 * offset and the partition's log-end offset.
 *
 * @param group     consumer group id
 * @param topic     topic name
 * @param partition partition number
 * @param committed the group's committed offset (the next record it will read)
 * @param logEnd    the partition's log-end offset (the offset the next record written will get)
 */
public record PartitionLag(String group, String topic, int partition, long committed, long logEnd) {

    /**
     * Records written and not yet processed by the group; never negative (a commit may land after the log-end read).
     */
    public long lag() {
        return Math.max(0, logEnd - committed);
    }
}
