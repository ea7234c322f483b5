/**
 * The human-readable output of a training run: console progress, the history table, and the PNG
 * charts (training curves, confusion matrix, samples grid).
 */
package io.flowerstream.trainer.report;
