/**
 * The trainer's meters: per-epoch loss and accuracy of the version being trained, training speed,
 * dataset size, the champion and published versions, classes short of photos, and failed runs.
 */
package io.flowerstream.trainer.metrics;
