/**
 * The training loop itself: the network trained with Adam on batches prepared on a thread of their
 * own, the learning-rate schedules, the loss, and scoring on stored photos.
 */
package io.flowerstream.trainer.train;
