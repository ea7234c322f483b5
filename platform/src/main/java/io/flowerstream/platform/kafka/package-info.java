/**
 * Kafka client settings from the {@code KAFKA_*} environment, and the {@code --bootstrap-servers} flag
 * every command that talks to Kafka mixes in.
 */
package io.flowerstream.platform.kafka;
