/**
 * The meters of ingest's publishing paths (images by outcome and reason, bytes, request time),
 * shared by the CLI and the HTTP endpoint.
 */
package io.flowerstream.ingest.metrics;
