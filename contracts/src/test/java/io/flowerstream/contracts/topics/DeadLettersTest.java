package io.flowerstream.contracts.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void keeps_the_input_headers_and_says_why_and_where_from() {
        RecordHeaders input = new RecordHeaders();
        input.add(Headers.LABEL, Headers.bytes("rose"));

        RecordHeaders headers = DeadLetters.headers(
                input, "decode", "truncated", "java.io.EOFException", "cut short", "flowers.images", 3, 42L);

        assertThat(Headers.text(headers, Headers.LABEL)).isEqualTo("rose");
        assertThat(Headers.text(headers, Headers.ERROR_STAGE)).isEqualTo("decode");
        assertThat(Headers.text(headers, Headers.ERROR_REASON)).isEqualTo("truncated");
        assertThat(Headers.text(headers, Headers.ERROR_CLASS)).isEqualTo("java.io.EOFException");
        assertThat(Headers.text(headers, Headers.ERROR_MESSAGE)).isEqualTo("cut short");
        assertThat(Headers.text(headers, Headers.SOURCE_TOPIC)).isEqualTo("flowers.images");
        assertThat(Headers.text(headers, Headers.SOURCE_PARTITION)).isEqualTo("3");
        assertThat(Headers.text(headers, Headers.SOURCE_OFFSET)).isEqualTo("42");
    }

    @Test
    void a_dead_letter_refused_again_carries_each_error_header_once() {
        RecordHeaders first = DeadLetters.headers(null, "decode", "truncated", null, null, "flowers.images", 0, 1L);

        RecordHeaders second =
                DeadLetters.headers(first, "archive", "not_an_image", null, null, "flowers.images.dlq", 0, 7L);

        assertThat(second.headers(Headers.ERROR_STAGE)).hasSize(1);
        assertThat(Headers.text(second, Headers.ERROR_STAGE)).isEqualTo("archive");
        assertThat(second.headers(Headers.SOURCE_OFFSET)).hasSize(1);
        assertThat(Headers.text(second, Headers.SOURCE_OFFSET)).isEqualTo("7");
    }

    @Test
    void cuts_a_long_message_to_the_limit() {
        RecordHeaders headers = DeadLetters.headers(null, "predict", "error", null, "x".repeat(5000), null, 0, 0L);

        assertThat(Headers.text(headers, Headers.ERROR_MESSAGE)).hasSize(DeadLetters.MAX_MESSAGE);
        assertThat(headers.lastHeader(Headers.SOURCE_TOPIC)).isNull();
    }

    @Test
    void the_dead_letter_of_a_consumed_record_has_its_key_and_value_as_received() {
        byte[] value = "not a jpeg".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("flowers.images", 2, 9L, "id-1", value);

        ProducerRecord<String, byte[]> letter = DeadLetters.of(
                record, "flowers.images.dlq", "archive", "not_an_image", "SomeException", "no image magic bytes");

        assertThat(letter.topic()).isEqualTo("flowers.images.dlq");
        assertThat(letter.key()).isEqualTo("id-1");
        assertThat(letter.value()).isSameAs(value);
        assertThat(Headers.text(letter.headers(), Headers.SOURCE_PARTITION)).isEqualTo("2");
        assertThat(Headers.text(letter.headers(), Headers.ERROR_STAGE)).isEqualTo("archive");
    }
}
