package io.flowerstream.ingest.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The benchmark's load generator: one keep-alive HTTP/1.1 connection that posts bodies and
 * reads each answer, as {@code curl} or {@code wrk} would, and nothing more.
 *
 * <p>The JDK's {@code HttpClient} spends more CPU per request than the server it measures (a
 * selector thread, futures, header maps); on a 2-core machine where clients, server and broker
 * share the cores, that cost would be charged to the ingest endpoint.
 */
final class KeepAliveClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] requestHead;

    KeepAliveClient(String host, int port, String path, String contentType) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
        requestHead = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nContent-Type: " + contentType
                        + "\r\nContent-Length: ")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Posts {@code body} and returns the answer's status code once its whole body has been read. */
    int post(byte[] body) throws IOException {
        out.write(requestHead);
        out.write((body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        String status = line();
        if (!status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 answer: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        for (String header = line(); !header.isEmpty(); header = line()) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(header.substring(15).trim());
            }
        }
        if (length < 0) {
            throw new IOException(
                    "answer " + code + " has no Content-Length; this client needs one to keep the connection");
        }
        in.skipNBytes(length);
        return code;
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
