/**
 * One retraining run from start to end (list, split, decode, train, gate, publish, announce), with
 * its settings and its result.
 */
package io.flowerstream.trainer.run;
