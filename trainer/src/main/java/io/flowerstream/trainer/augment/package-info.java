/**
 * Augments training photos with random affine transforms in the terms of Keras' {@code
 * ImageDataGenerator}, writing straight into the batch slot.
 */
package io.flowerstream.trainer.augment;
