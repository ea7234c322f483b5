/**
 * The classifier's Kafka Streams topology (batching, predictions, dead letters, the feedback
 * join), its Streams configuration, and the handlers that dead-letter poison records.
 */
package io.flowerstream.classifier.topology;
