package io.flowerstream.trainer.augment;

/**
 * How much to perturb each training photo: the geometry in the terms of Keras' {@code
 * ImageDataGenerator}, then optionally the ways photos from another source differ ({@link SourceJitter}).
 *
 * @param rotationDegrees a rotation drawn from [-r, r] degrees
 * @param zoom            each axis scaled by a factor drawn from [1 - z, 1 + z]
 * @param widthShift      a horizontal shift drawn from [-s, s] times the width
 * @param heightShift     a vertical shift drawn from [-s, s] times the height
 * @param horizontalFlip  whether to mirror half the photos left to right
 * @param source          crops, light, colour, resolution and compression; {@link SourceJitter#NONE} for none
 */
public record Augmentation(
        double rotationDegrees,
        double zoom,
        double widthShift,
        double heightShift,
        boolean horizontalFlip,
        SourceJitter source) {

    public Augmentation {
        if (source == null) {
            source = SourceJitter.NONE;
        }
    }

    /** The named recipes, as {@code --augmentation} takes them. */
    public enum Recipe {
        /** The seed's generator alone. */
        SEED,
        /** The seed's generator, then {@link SourceJitter#photosFromElsewhere()}. */
        SOURCES,
        /** Nothing (comparisons only). */
        NONE;

        /** The recipe named {@code name} (any case); the error lists the names. */
        public static Recipe of(String name) {
            for (Recipe r : values()) {
                if (r.name().equalsIgnoreCase(name)) {
                    return r;
                }
            }
            throw new IllegalArgumentException(
                    "unknown augmentation '" + name + "': use sources (the default), seed or none");
        }

        /** The augmentation of this recipe. */
        public Augmentation augmentation() {
            return switch (this) {
                case SEED -> seed();
                case SOURCES -> sources();
                case NONE -> none();
            };
        }
    }

    /** The seed's generator: rotation 10, zoom 0.1, shifts 0.2, horizontal flips. */
    public static Augmentation seed() {
        return new Augmentation(10, 0.1, 0.2, 0.2, true, SourceJitter.NONE);
    }

    /**
     * The seed's generator, then crops, light, colour, blur and compression drawn for each photo: what
     * a photo of the same flower from another camera, site or thumbnail service may look like.
     */
    public static Augmentation sources() {
        return new Augmentation(10, 0.1, 0.2, 0.2, true, SourceJitter.photosFromElsewhere());
    }

    /** No change at all: what validation and evaluation see. */
    public static Augmentation none() {
        return new Augmentation(0, 0, 0, 0, false, SourceJitter.NONE);
    }

    /** Whether the geometry changes anything. */
    public boolean isGeometryIdentity() {
        return rotationDegrees == 0 && zoom == 0 && widthShift == 0 && heightShift == 0 && !horizontalFlip;
    }

    /** Whether this changes anything. */
    public boolean isIdentity() {
        return isGeometryIdentity() && source.isNone();
    }
}
