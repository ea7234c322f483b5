/**
 * A model version's calibration: the softmax temperature and the abstain threshold that make its
 * served confidence honest.
 */
package io.flowerstream.model.calibration;
