package io.flowerstream.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds TCP ports on 127.0.0.1 that nothing listens on, for servers that need their port before they bind. */
public final class FreePorts {

    private FreePorts() {}

    /**
     * A port that was free a moment ago. Another process may take it before the caller binds it;
     * the window is small, and servers that accept port 0 should be given 0 instead.
     */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port on 127.0.0.1: check the loopback interface is up", e);
        }
    }
}
