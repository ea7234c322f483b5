/**
 * Batched inference: the translator from image tensors to the five class scores, and the batch
 * predictor the classifier and the trainer's evaluation use.
 */
package io.flowerstream.model.predict;
