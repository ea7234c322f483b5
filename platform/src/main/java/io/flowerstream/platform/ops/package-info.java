/**
 * What every service serves for operators: the HTTP server of /metrics and /health, the Prometheus
 * registry with the JVM and process meters every dashboard shows, and the {@code --http-host/--http-port} flags.
 */
package io.flowerstream.platform.ops;
