/**
 * Retraining on a new photo source: which photos are new to the champion, a sampler that gives
 * them a share of every epoch, and the accuracy on them.
 */
package io.flowerstream.trainer.adapt;
