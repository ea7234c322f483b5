package io.flowerstream.classifier.image;

import io.flowerstream.classifier.metrics.DeadLetterCause;
import io.flowerstream.model.image.DecodedImage;
import io.flowerstream.model.image.ImageDecoder;
import io.flowerstream.model.image.ImagePreprocessor;
import io.flowerstream.model.image.ImageRejectedException;
import io.flowerstream.model.profile.InputStatistics;
import java.nio.FloatBuffer;

/**
 * The classifier's input writer: the model module's guarded {@link ImageDecoder} (size, magic,
 * header and end-marker checks before any decode) and its {@link ImagePreprocessor}, writing
 * straight into the batch slot. The decoder is told the input size, so a large photo is shrunk
 * while it is decoded. Rejections keep the decoder's stable reason codes.
 */
public final class DecodingInputWriter implements ImageInputWriter {

    private final ImageDecoder decoder;
    private final ImagePreprocessor preprocessor = new ImagePreprocessor();

    public DecodingInputWriter(ImageDecoder decoder) {
        this.decoder = decoder;
    }

    /** With the decoder's default limits. */
    public DecodingInputWriter() {
        this(new ImageDecoder());
    }

    @Override
    public InputStatistics write(byte[] bytes, String sourceName, FloatBuffer dst) throws UnclassifiableImageException {
        DecodedImage image;
        try {
            image = decoder.decode(bytes, sourceName, preprocessor.size());
        } catch (ImageRejectedException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new UnclassifiableImageException(
                    DeadLetterCause.rejected(e.reason()), cause.getClass().getName(), e.getMessage());
        }
        int start = dst.position();
        preprocessor.writeChw(image, dst);
        return InputStatistics.of(
                bytes, image.width(), image.height(), dst, start, preprocessor.size() * preprocessor.size());
    }
}
