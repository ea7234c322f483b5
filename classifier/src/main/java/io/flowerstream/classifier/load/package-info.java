/**
 * Drives load through a running classifier over Kafka and measures throughput and latency, for the
 * classifier benchmark and {@code gpu-check}.
 */
package io.flowerstream.classifier.load;
