package io.flowerstream.trainer.augment;

/**
 * The ways a photo of the same flower from another source differs, drawn per photo in training
 * so the network learns the flower rather than the camera: a tighter, off-centre crop; other light,
 * contrast and colour; less resolution (a thumbnail scaled back up, which also blurs); and heavier
 * JPEG compression. Each part is applied with its own probability; ranges are uniform.
 *
 * @param cropChance       how often the photo is cropped before everything else
 * @param cropMinSide      the crop's side, at least this fraction of the photo's (at most all of it)
 * @param colourChance     how often light and colour change
 * @param brightness       pixel values scaled by [1 - b, 1 + b]
 * @param contrast         distance from the mean grey scaled by [1 - c, 1 + c]
 * @param saturation       distance from each pixel's grey scaled by [1 - s, 1 + s]
 * @param channelGain      each colour channel scaled by its own [1 - g, 1 + g]: a colour cast
 * @param lowResChance     how often the photo is shrunk and scaled back up
 * @param lowResMinSide    the shrunk side in pixels, from this to 3/4 of the network's input
 * @param jpegChance       how often the photo is JPEG-compressed and decoded again
 * @param jpegMinQuality   the JPEG quality, from this to 90
 */
public record SourceJitter(
        double cropChance,
        double cropMinSide,
        double colourChance,
        double brightness,
        double contrast,
        double saturation,
        double channelGain,
        double lowResChance,
        int lowResMinSide,
        double jpegChance,
        int jpegMinQuality) {

    /** No source jitter at all. */
    public static final SourceJitter NONE = new SourceJitter(0, 1, 0, 0, 0, 0, 0, 0, 112, 0, 90);

    public SourceJitter {
        check("cropChance", cropChance);
        check("colourChance", colourChance);
        check("lowResChance", lowResChance);
        check("jpegChance", jpegChance);
        if (!(cropMinSide > 0 && cropMinSide <= 1)) {
            throw new IllegalArgumentException("cropMinSide must be in (0, 1], was " + cropMinSide);
        }
        if (lowResMinSide < 8 || jpegMinQuality < 1 || jpegMinQuality > 90) {
            throw new IllegalArgumentException("lowResMinSide must be at least 8 and jpegMinQuality in [1, 90], were "
                    + lowResMinSide + " and " + jpegMinQuality);
        }
    }

    /**
     * The training recipe's ranges. Set from what photos of other sources are known to vary by, not
     * fitted to any test set: crops down to half the side (a quarter of the area), light and contrast
     * by a quarter, saturation by a third, a colour cast of up to 15% per channel, thumbnails down to
     * 40 px, JPEG quality down to 15; each part on about a third to a half of the photos, so
     * many photos still reach the network as they were taken.
     */
    public static SourceJitter photosFromElsewhere() {
        return new SourceJitter(0.5, 0.5, 0.5, 0.25, 0.25, 0.35, 0.15, 0.3, 40, 0.3, 15);
    }

    /** Whether this changes nothing. */
    public boolean isNone() {
        return cropChance == 0 && colourChance == 0 && lowResChance == 0 && jpegChance == 0;
    }

    private static void check(String name, double chance) {
        if (!(chance >= 0 && chance <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + chance);
        }
    }
}
