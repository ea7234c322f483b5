package io.flowerstream.ingest.check;

import io.flowerstream.model.image.ImageDecoder;
import io.flowerstream.model.image.ImageLimits;

/**
 * How thoroughly the publishing paths check an image: {@code guards} (the default, {@code --check}
 * and {@code INGEST_CHECK} say so) runs the decoder's cheap guards only, so ingest never limits the
 * pipeline; {@code decode} also decodes every image, so only what the classifier can read gets in,
 * at the cost of a full decode per image (docs/benchmarks.md has both measured).
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
