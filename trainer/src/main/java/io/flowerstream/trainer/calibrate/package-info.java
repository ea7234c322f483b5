/**
 * Calibrates a trained version on its validation predictions (temperature scaling), measures the
 * calibration error, and chooses its abstain threshold and reference profile.
 */
package io.flowerstream.trainer.calibrate;
