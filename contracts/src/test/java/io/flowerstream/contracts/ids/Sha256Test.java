package io.flowerstream.contracts.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sha256Test {

    /** The FIPS 180-2 test vector for "abc". */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void hashes_bytes_to_lower_case_hex() {
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
    }

    @Test
    void a_stream_hashes_to_the_same_as_its_bytes() throws IOException {
        assertThat(Sha256.hex(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(ABC);
    }

    @Test
    void tells_a_hex_digest_from_other_text() {
        assertThat(Sha256.isHex(ABC)).isTrue();
        assertThat(Sha256.isHex(ABC.toUpperCase())).isFalse();
        assertThat(Sha256.isHex(ABC.substring(1))).isFalse();
        assertThat(Sha256.isHex(null)).isFalse();
    }
}
