/**
 * Publishes checked images to the images topic: the image id, the record layout, the producer
 * settings, and telling an unreachable broker apart from a slow one.
 */
package io.flowerstream.ingest.publish;
