/**
 * Copies the labelled images of the images topic into the bucket, one object per image under a
 * content-addressed key, and dead-letters the records it cannot store.
 */
package io.flowerstream.ingest.archive;
