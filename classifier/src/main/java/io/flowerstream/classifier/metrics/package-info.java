/**
 * The classifier's meters: batching, latency, predictions, dead-letter causes, model loading,
 * online accuracy, input drift and state restoration.
 */
package io.flowerstream.classifier.metrics;
