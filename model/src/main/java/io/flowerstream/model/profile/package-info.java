/**
 * Reference profiles of a version's validation photos (prediction mix, confidence, input statistics)
 * and the distance the classifier's drift monitor compares live traffic with.
 */
package io.flowerstream.model.profile;
