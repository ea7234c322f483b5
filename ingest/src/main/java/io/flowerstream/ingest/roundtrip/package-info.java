/**
 * Sends one generated photo through the running pipeline and waits for its prediction: the smoke
 * test of a deployment ({@code ingest roundtrip}).
 */
package io.flowerstream.ingest.roundtrip;
