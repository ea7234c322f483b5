package io.flowerstream.ingest.check;

import io.flowerstream.model.image.DecodedImage;
import io.flowerstream.model.image.ImageDecoder;
import io.flowerstream.model.image.ImageLimits;
import io.flowerstream.model.image.ImageRejectedException;

/**
 * The standard check: the model's {@link ImageDecoder} runs its guards and then decodes the
 * whole image, so what ingest accepts is exactly what the classifier can read. Decoding costs
 * about 2 ms per photo; the benchmark in docs/ingest.md shows ingest still outruns the
 * classifier with it.
 */
public final class DecodingImageCheck implements ImageCheck {

    private final ImageDecoder decoder;

    public DecodingImageCheck(ImageDecoder decoder) {
        this.decoder = decoder;
    }

    /** A check with the default {@link ImageLimits}. */
    public static DecodingImageCheck withDefaults() {
        return new DecodingImageCheck(new ImageDecoder(ImageLimits.defaults()));
    }

    /** The byte limit of one image. */
    public long maxBytes() {
        return decoder.limits().maxBytes();
    }

    @Override
    public Verdict check(byte[] bytes, String sourceName) {
        try {
            DecodedImage image = decoder.decode(bytes, sourceName);
            return new Verdict.Accepted(
                    image.format().contentType(), image.format().extension());
        } catch (ImageRejectedException e) {
            return new Verdict.Rejected(e.code(), e.getMessage());
        }
    }
}
