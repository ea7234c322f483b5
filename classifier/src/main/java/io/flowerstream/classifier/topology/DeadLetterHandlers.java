package io.flowerstream.classifier.topology;

import io.flowerstream.classifier.metrics.ClassifierMetrics;
import io.flowerstream.classifier.metrics.DeadLetterCause;
import io.flowerstream.contracts.topics.DeadLetters;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams exception handlers that route a poison record to the dead-letter topic, as
 * received plus {@code error.*} headers, and let the stream thread carry on.
 *
 * <p>Streams instantiates them by class name and hands them its configuration:
 * {@link #DLQ_TOPIC_CONFIG} names the topic and {@link #METRICS_CONFIG} may carry the
 * {@link ClassifierMetrics} to count them.
 */
public final class DeadLetterHandlers {

    /** Streams config key: the dead-letter topic. */
    public static final String DLQ_TOPIC_CONFIG = "flowers.classifier.dlq.topic";
    /**
     * {@link #DLQ_TOPIC_CONFIG} of a classifier that publishes no dead letters (a shadow canary): count and log only.
     */
    public static final String NO_TOPIC = "";
    /** Streams config key: a {@link ClassifierMetrics} instance (optional). */
    public static final String METRICS_CONFIG = "flowers.classifier.metrics";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);

    private DeadLetterHandlers() {}

    /** Shared set-up: the topic and meters from the Streams configuration. */
    abstract static class Base {
        String topic;
        ClassifierMetrics metrics;

        public void configure(Map<String, ?> configs) {
            Object t = configs.get(DLQ_TOPIC_CONFIG);
            if (t == null) {
                throw new IllegalArgumentException(
                        DLQ_TOPIC_CONFIG + " is not set: the dead-letter handlers need a topic");
            }
            topic = t.toString();
            metrics = configs.get(METRICS_CONFIG) instanceof ClassifierMetrics m ? m : null;
        }

        List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext context, String stage, Exception e) {
            DeadLetterCause cause = DeadLetterCause.handler(stage);
            Headers headers = DeadLetters.headers(
                    context.headers(),
                    cause.stage(),
                    cause.reason(),
                    e.getClass().getName(),
                    e.getMessage(),
                    context.topic(),
                    context.partition(),
                    context.offset());
            if (metrics != null) {
                metrics.deadLetter(cause);
            }
            if (topic.equals(NO_TOPIC)) {
                LOG.warn(
                        "skipping the record at {}-{}@{} ({} failed in {}: {}); this classifier publishes no dead "
                                + "letters (a canary: the stable classifier dead-letters it)",
                        context.topic(),
                        context.partition(),
                        context.offset(),
                        stage,
                        context.processorNodeId(),
                        e.toString());
                return List.of();
            }
            LOG.warn(
                    "dead-lettering the record at {}-{}@{} ({} failed in {}: " + "{})",
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    stage,
                    context.processorNodeId(),
                    e.toString());
            return List.of(
                    new ProducerRecord<>(topic, null, context.sourceRawKey(), context.sourceRawValue(), headers));
        }
    }

    /** A record whose key or value cannot be deserialised. */
    public static final class Deserialization extends Base implements DeserializationExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception e) {
            return Response.resume(deadLetter(context, "deserialize", e));
        }
    }

    /** A processor that threw on a record (the batcher routes what it expects itself). */
    public static final class Processing extends Base implements ProcessingExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception e) {
            return Response.resume(deadLetter(context, "process", e));
        }
    }

    /**
     * An output that cannot be written: serialisation errors and records too large are
     * dead-lettered; retriable errors retried; anything else (authorisation, a fenced
     * producer) fails the thread, since skipping would lose output silently.
     */
    public static final class Production extends Base implements ProductionExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception e) {
            if (e instanceof RetriableException) {
                return Response.retry();
            }
            if (e instanceof RecordTooLargeException) {
                if (topic.equals(record.topic())) {
                    LOG.error(
                            "a dead letter for {}-{}@{} is too large for {} ({}); dropped: raise the topic's "
                                    + "max.message.bytes",
                            context.topic(),
                            context.partition(),
                            context.offset(),
                            topic,
                            e.getMessage());
                    return Response.resume();
                }
                return Response.resume(deadLetter(context, "produce", e));
            }
            return Response.fail();
        }

        @Override
        public Response handleSerializationError(
                ErrorHandlerContext context, ProducerRecord record, Exception e, SerializationExceptionOrigin origin) {
            return Response.resume(deadLetter(context, "serialize", e));
        }
    }
}
