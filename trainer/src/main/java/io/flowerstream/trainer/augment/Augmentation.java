package io.flowerstream.trainer.augment;

/**
 * How much to perturb each training photo, in the terms of Keras' {@code ImageDataGenerator}.
 *
 * @param rotationDegrees a rotation drawn from [-r, r] degrees
 * @param zoom            each axis scaled by a factor drawn from [1 - z, 1 + z]
 * @param widthShift      a horizontal shift drawn from [-s, s] times the width
 * @param heightShift     a vertical shift drawn from [-s, s] times the height
 * @param horizontalFlip  whether to mirror half the photos left to right
 */
public record Augmentation(
        double rotationDegrees, double zoom, double widthShift, double heightShift, boolean horizontalFlip) {

    /** The seed's generator: rotation 10, zoom 0.1, shifts 0.2, horizontal flips. */
    public static Augmentation seed() {
        return new Augmentation(10, 0.1, 0.2, 0.2, true);
    }

    /** No change at all: what validation and evaluation see. */
    public static Augmentation none() {
        return new Augmentation(0, 0, 0, 0, false);
    }

    /** Whether this changes anything. */
    public boolean isIdentity() {
        return rotationDegrees == 0 && zoom == 0 && widthShift == 0 && heightShift == 0 && !horizontalFlip;
    }
}
