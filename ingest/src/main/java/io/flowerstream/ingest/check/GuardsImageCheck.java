package io.flowerstream.ingest.check;

import io.flowerstream.model.image.ImageDecoder;
import io.flowerstream.model.image.ImageHeader;
import io.flowerstream.model.image.ImageRejectedException;

/**
 * The fast check: only the decoder's guards (size, magic bytes, header dimensions and pixel
 * count, end marker), no pixels decoded. It refuses every bad-input class the ingest tests
 * cover but lets through a file whose compressed data is broken inside a sound structure; the
 * archiver and the classifier decode fully and dead-letter those.
 */
public final class GuardsImageCheck implements ImageCheck {

    private final ImageDecoder decoder;

    public GuardsImageCheck(ImageDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public Verdict check(byte[] bytes, String sourceName) {
        try {
            ImageHeader header = decoder.inspect(bytes, sourceName);
            return new Verdict.Accepted(
                    header.format().contentType(), header.format().extension());
        } catch (ImageRejectedException e) {
            return new Verdict.Rejected(e.code(), e.getMessage());
        }
    }
}
