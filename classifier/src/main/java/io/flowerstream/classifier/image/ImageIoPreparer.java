package io.flowerstream.classifier.image;

import io.flowerstream.model.net.FlowerNet;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import javax.imageio.ImageIO;

/**
 * A plain ImageIO decode and bilinear resize: a stand-in until the model module's guarded
 * decoder is used. It refuses empty and undecodable inputs but has none of that decoder's
 * guards (pixel limits, truncation checks).
 */
public final class ImageIoPreparer implements ImagePreparer {

    @Override
    public void prepare(byte[] bytes, String sourceName, FloatBuffer dst) throws ImageRefusedException {
        if (bytes.length == 0) {
            throw new ImageRefusedException("decode", "empty", null, sourceName + " has no bytes");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new ImageRefusedException("decode", "corrupt", e.getClass().getName(), sourceName + ": " + e.getMessage());
        }
        if (image == null) {
            throw new ImageRefusedException("decode", "not_an_image", null, sourceName + " is not a JPEG or PNG image");
        }
        int size = FlowerNet.INPUT_SIZE;
        BufferedImage scaled = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, size, size, null);
        g.dispose();
        int plane = size * size;
        int[] rgb = scaled.getRGB(0, 0, size, size, null, 0, size);
        for (int i = 0; i < plane; i++) {
            int p = rgb[i];
            dst.put(i, ((p >> 16) & 0xff) / 255f);
            dst.put(plane + i, ((p >> 8) & 0xff) / 255f);
            dst.put(2 * plane + i, (p & 0xff) / 255f);
        }
    }
}
