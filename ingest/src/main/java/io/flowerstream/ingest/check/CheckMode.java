package io.flowerstream.ingest.check;

import io.flowerstream.model.image.ImageDecoder;
import io.flowerstream.model.image.ImageLimits;

/**
 * How thoroughly the publishing paths check an image: {@code decode} (the default) decodes every
 * image, so only what the classifier can read gets in; {@code guards} runs the cheap guards only,
 * for bulk loads where decoding is the bottleneck (docs/ingest.md has both measured).
 */
public enum CheckMode {
    DECODE,
    GUARDS;

    /** The check of this mode with the default {@link ImageLimits}. */
    public ImageCheck newCheck() {
        ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());
        return this == DECODE ? new DecodingImageCheck(decoder) : new GuardsImageCheck(decoder);
    }
}
