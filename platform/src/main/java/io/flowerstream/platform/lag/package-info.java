/**
 * The lag exporter: consumer-group lag read from the broker and served for Prometheus under
 * kafka-exporter's names, so a classifier's backlog stays visible while no classifier runs.
 */
package io.flowerstream.platform.lag;
