/**
 * Pushes files from disk to the images topic ({@code ingest push}): collects and labels them,
 * checks and sends them on a few threads, and reports every file's outcome.
 */
package io.flowerstream.ingest.push;
