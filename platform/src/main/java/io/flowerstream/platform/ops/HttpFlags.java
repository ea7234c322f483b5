package io.flowerstream.platform.ops;

import picocli.CommandLine.Option;

/**
 * Where a command serves HTTP ({@code /metrics}, {@code /health}, and ingest's endpoint), as every
 * long-running command takes it (a picocli mixin), written once. The host defaults to loopback;
 * the port defaults to the command's own, which it passes to {@link #port(int)} and names in its
 * description, since one annotation cannot carry five defaults.
 */
public final class HttpFlags {

    /** Loopback: a service is reachable from this machine only unless told otherwise. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    @Option(
            names = "--http-host",
            defaultValue = "${env:HTTP_HOST:-" + DEFAULT_HOST + "}",
            description = "address to listen on (env HTTP_HOST; default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 "
                    + "in containers)")
    String host;

    @Option(
            names = "--http-port",
            defaultValue = "${env:HTTP_PORT}",
            description = "port to listen on (/metrics, /health; ingest serve also /v1/images), 0 for a free one (env "
                    + "HTTP_PORT; default: the command's own, in its description above)")
    Integer port;

    /** The address to listen on. */
    public String host() {
        return host;
    }

    /** The port: the flag, else {@code HTTP_PORT}, else {@code commandDefault}. */
    public int port(int commandDefault) {
        return port == null ? commandDefault : port;
    }
}
