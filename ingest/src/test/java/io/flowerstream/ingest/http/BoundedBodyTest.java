package io.flowerstream.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    @Test
    void a_body_at_the_limit_is_read_whole() throws Exception {
        assertThat(BoundedBody.read(new ByteArrayInputStream(new byte[100]), 100, -1))
                .hasValueSatisfying(b -> assertThat(b).hasSize(100));
    }

    @Test
    void an_endless_body_is_refused_after_reading_one_byte_past_the_limit() throws Exception {
        AtomicLong served = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served.incrementAndGet();
                return 0;
            }
        };

        assertThat(BoundedBody.read(endless, 100_000, -1)).isEmpty();
        assertThat(served.get()).isEqualTo(100_001);
    }
}
