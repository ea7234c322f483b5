/**
 * Checks image bytes before ingest publishes or archives them, so that only images the classifier
 * can decode enter the pipeline; the check mode says how thoroughly.
 */
package io.flowerstream.ingest.check;
