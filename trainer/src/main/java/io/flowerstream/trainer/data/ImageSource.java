package io.flowerstream.trainer.data;

import java.io.IOException;
import java.util.List;

/** Where a training run finds its labelled photos: the bucket's {@code images/} prefix, or folders on disk. */
public interface ImageSource {

    /** Every labelled image there now. */
    List<LabelledImage> list() throws IOException;

    /** The bytes of one listed image. */
    byte[] read(LabelledImage image) throws IOException;

    /** Where this source reads from, for logs and failure messages. */
    String describe();
}
