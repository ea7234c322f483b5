/**
 * The source-shift benchmark: writes shifted copies of a photo set, scores a model on each, and
 * writes the table into the docs between markers.
 */
package io.flowerstream.trainer.shift;
