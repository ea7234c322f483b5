package io.flowerstream.classifier.batch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An input record as it waits in the batch buffer: everything needed to classify it or
 * dead-letter it exactly as received, after a restart included (so the value, key, headers,
 * timestamp and source position, not a decoded image).
 */
public record BufferedRecord(
        String topic, int partition, long offset, long timestamp, byte[] key, byte[] value, Headers headers) {

    private static final byte FORMAT = 1;

    /** The image id: the key as UTF-8, or null. */
    public String imageId() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    /** Where it came from, for log lines and decoder messages. */
    public String position() {
        return topic + "-" + partition + "@" + offset;
    }

    /** The store's value serde: a compact binary layout with a format byte first. */
    public static Serde<BufferedRecord> serde() {
        Serializer<BufferedRecord> serializer = (topic, record) -> record == null ? null : write(record);
        Deserializer<BufferedRecord> deserializer = (topic, bytes) -> bytes == null ? null : read(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    static byte[] write(BufferedRecord r) {
        int size = 64 + length(r.key) + length(r.value);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(r.topic);
            out.writeInt(r.partition);
            out.writeLong(r.offset);
            out.writeLong(r.timestamp);
            writeBytes(out, r.key);
            writeBytes(out, r.value);
            Header[] headers = r.headers == null ? new Header[0] : r.headers.toArray();
            out.writeInt(headers.length);
            for (Header header : headers) {
                out.writeUTF(header.key());
                writeBytes(out, header.value());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialise buffered record " + r.position(), e);
        }
        return bytes.toByteArray();
    }

    static BufferedRecord read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("batch buffer entry has format " + format + ", this build reads "
                        + FORMAT + ": roll back to the build that wrote it, or reset the application");
            }
            String topic = in.readUTF();
            int partition = in.readInt();
            long offset = in.readLong();
            long timestamp = in.readLong();
            byte[] key = readBytes(in);
            byte[] value = readBytes(in);
            int count = in.readInt();
            RecordHeaders headers = new RecordHeaders();
            for (int i = 0; i < count; i++) {
                headers.add(in.readUTF(), readBytes(in));
            }
            return new BufferedRecord(topic, partition, offset, timestamp, key, value, headers);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read a batch buffer entry of " + bytes.length + " bytes", e);
        }
    }

    private static int length(byte[] b) {
        return b == null ? 0 : b.length;
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        if (b == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(b.length);
            out.write(b);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] b = new byte[length];
        in.readFully(b);
        return b;
    }
}
